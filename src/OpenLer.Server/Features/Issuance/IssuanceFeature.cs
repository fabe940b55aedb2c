namespace OpenLer.Server.Features.Issuance;

/// <summary>The caseload (clients, enrollments, completions) and issuing and revoking credentials.</summary>
public static class IssuanceFeature
{
    public static IServiceCollection AddIssuance(this IServiceCollection services)
    {
        services.AddScoped<CredentialIssuer>();
        services.AddScoped<StatusListPublisher>();
        services.AddScoped<Caseload>();
        services.AddScoped<CaseRecords>();
        services.AddScoped<StaffScope>();
        services.AddScoped<Infrastructure.IStartupStep, LegacyCaseUpgrade>();
        return services;
    }
}
