using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.WebEncoders;
using OpenLer.Server.Infrastructure.Commands;

namespace OpenLer.Server.Infrastructure.Security;

/// <summary>
/// Issue 9's abuse limits and hardening, registered in one place: rate limits, the verification budget, forwarded
/// headers, allowed hosts, HSTS, request and text-field limits, the bidi-safe HTML encoder, the key ring's protection and
/// file modes, and the key ring commands. The pipeline pieces are placed by <see cref="Hosting.UseOpenLerPipeline"/>.
/// </summary>
public static class SecurityFeature
{
    public static WebApplicationBuilder AddOpenLerSecurity(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        SecureFiles.RestrictNewFiles();
        var services = builder.Services;
        var configuration = builder.Configuration;
        builder.AddOpenLerKeyRing();
        services.AddScoped<IStartupStep, FileModesStep>();
        services.AddScoped<IStartupStep, KeyRingUpgradeStep>();
        services.AddServerCommand<KeyRingRotateCommand>();
        services.AddServerCommand<KeyRingListCommand>();

        services.AddOpenLerRateLimiting(configuration);
        services.Configure<VerificationBudgetOptions>(configuration.GetSection(VerificationBudgetOptions.Section));
        services.AddSingleton<VerificationBudget>();
        services.AddOpenLerForwardedHeaders(configuration);
        services.AddOpenLerAllowedHosts(configuration);
        services.AddHsts(o =>
        {
            o.MaxAge = TimeSpan.FromDays(365);
            o.IncludeSubDomains = true;
        });

        // Forms keep ASP.NET Core's own limits (4 MB a value, 128 MB multipart), above the request limit, so that the
        // request body counter (RequestSizeLimit) is always the one that trips: an oversize form is 413, not 400.
        services.Configure<Microsoft.AspNetCore.Mvc.MvcOptions>(o => o.Filters.Add(new TextFieldFilter()));

        // Razor writes every character as is (UnicodeRanges.All: Arabic and Dari stay readable in the HTML), except the
        // bidi controls, which the encoder drops.
        services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.Replace(ServiceDescriptor.Singleton<HtmlEncoder>(sp => new BidiSafeHtmlEncoder(
            HtmlEncoder.Create(sp.GetRequiredService<IOptions<WebEncoderOptions>>().Value.TextEncoderSettings!))));
        return builder;
    }
}
