using OpenLer.Server.Infrastructure.Commands;

namespace OpenLer.Server.Features.Audit;

/// <summary>The append-only, hash-chained audit trail, its admin page and the <c>audit verify</c> command.</summary>
public static class AuditFeature
{
    public static IServiceCollection AddAudit(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddScoped<AuditTrail>();
        services.AddScoped<AuditChain>();
        services.AddServerCommand<AuditVerifyCommand>();
        return services;
    }
}
