using OpenLer.Server.Features.Organizations;
using OpenLer.Server.Features.Protection;

namespace OpenLer.Server.Features.WorkAuthorization;

/// <summary>
/// Work authorization, end to end for staff: recorded consent, the record (every field encrypted, the A-number behind a
/// blind index, hidden until a reason is given), the SD-JWT VC issued from it, A-number lookup, retention.
/// </summary>
public static class WorkAuthorizationFeature
{
    public static IServiceCollection AddWorkAuthorization(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ProtectedDataOptions>(configuration.GetSection("OpenLer:ProtectedData"));
        services.AddScoped<Consents>();
        services.AddScoped<WorkAuthorizationRecords>();
        services.AddScoped<WorkAuthorizationIssuer>();
        services.AddSingleton<ProtectedDataRetention>();
        services.AddHostedService(s => s.GetRequiredService<ProtectedDataRetention>());
        services.AddScoped<Infrastructure.Demo.IDemoSeeder, WorkAuthorizationDemo>();
        services.AddOrganizationStamp<IssuedWorkAuthorization>(c => c.OrganizationId, properties: nameof(IssuedWorkAuthorization.RevokedAt));
        foreach (var (property, column) in WorkAuthorizationRecords.Columns)
        {
            services.AddProtectedColumn<WorkAuthorizationRecord>(property, r => WorkAuthorizationRecords.Where(r, column));
        }

        services.AddProtectedColumn<IssuedWorkAuthorization>(nameof(IssuedWorkAuthorization.SdJwtCipher), WorkAuthorizationIssuer.Where);
        services.Configure<Microsoft.AspNetCore.Mvc.RazorPages.RazorPagesOptions>(o => o.Conventions.AuthorizeFolder("/WorkAuthorization", Infrastructure.AppClaims.StaffPolicy));
        return services;
    }
}
