namespace OpenLer.Server.Features.Invitations;

/// <summary>The person's answer to an organization that wants to add them (consent before any link to their account).</summary>
public static class InvitationsFeature
{
    public static IServiceCollection AddInvitations(this IServiceCollection services) => services.AddScoped<Invitations>();
}
