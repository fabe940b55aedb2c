using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenLer.Server.Infrastructure;
using OpenLer.Server.Infrastructure.Printing;

namespace OpenLer.Server.Features.Certificates;

/// <summary>The holder's certificate of a credential: a one-page PDF printed by Chromium, or a printable page when Chromium is absent.</summary>
public static class CertificatesFeature
{
    public static IServiceCollection AddCertificates(this IServiceCollection services)
    {
        services.AddScoped<Certificates>();
        services.AddSingleton<CertificateDocument>();
        services.TryAddSingleton<ChromiumPdf>();
        services.Configure<RazorPagesOptions>(o => o.Conventions.AuthorizeFolder("/Certificates", AppClaims.JobseekerPolicy));
        return services;
    }
}
