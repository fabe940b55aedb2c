using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using OpenLer.Server.Data;
using OpenLer.Server.Infrastructure.Commands;
using OpenLer.Server.Infrastructure.Demo;
using OpenLer.Server.Infrastructure.Localization;
using OpenLer.Server.Infrastructure.Observability;
using OpenLer.Server.Infrastructure.Security;

namespace OpenLer.Server.Infrastructure;

/// <summary>The cross-cutting set-up every feature relies on: options, logging, localization, pages, data protection, the pipeline.</summary>
public static class Hosting
{
    public static WebApplicationBuilder AddOpenLerHosting(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var section = builder.Configuration.GetSection("OpenLer");
        var deployment = section.Get<DeploymentOptions>() ?? new DeploymentOptions();
        builder.Services.Configure<DeploymentOptions>(section);

        // Logs: framework request logs carry URLs (share tokens) and route values; keep them at warnings. App logs name no person.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = deployment.MaxRequestBytes);
        builder.Services.AddSingleton(TimeProvider.System);

        // Abuse limits and hardening; the Data Protection key ring (in the database, encrypted with a key file or a certificate).
        builder.AddOpenLerSecurity();

        // Traces and metrics (OTLP only when configured), the app's counters, health checks.
        builder.AddOpenLerObservability();

        // Localization: one catalog of strings per language (Resources/Strings/*.tsv), language from the cookie or the browser.
        builder.Services.AddSingleton(TextCatalog.Embedded);
        builder.Services.AddSingleton<IStringLocalizerFactory, CatalogStringLocalizerFactory>();
        builder.Services.AddTransient(typeof(IStringLocalizer<>), typeof(StringLocalizer<>));
        builder.Services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture(Languages.Culture("en"));
            o.SupportedCultures = Languages.Cultures;
            o.SupportedUICultures = Languages.Cultures;
            o.RequestCultureProviders = [new CookieRequestCultureProvider(), new AcceptLanguageHeaderRequestCultureProvider()];
        });

        builder.Services.AddRouting(o => o.LowercaseUrls = true);
        builder.Services.AddRazorPages(o => o.RootDirectory = "/Features").AddViewLocalization();
        return builder;
    }

    /// <summary>Runs an operator command instead of the server when the arguments name one; returns its exit code.</summary>
    public static async Task<int?> RunCommandIfAskedAsync(this WebApplication app, string[] args)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (!ServerCommands.LooksLikeCommand(args))
        {
            return null;
        }

        var found = ServerCommands.Find(app.Services, args);
        if (found is null)
        {
            await Console.Error.WriteLineAsync($"Unknown command: {args[0]}");
            ServerCommands.PrintList(app.Services, Console.Error);
            return 2;
        }

        await using var scope = app.Services.CreateAsyncScope();
        await SafeMigrations.MigrateAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>());
        using var cancellation = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancellation.Cancel();
        };
        return await found.Value.Command.RunAsync(found.Value.Arguments, scope.ServiceProvider, Console.Out, cancellation.Token);
    }

    /// <summary>Migrates the database, creates the key ring, bootstraps the first organization and, in demo mode, seeds the demo.</summary>
    public static async Task PrepareAsync(this WebApplication app, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(app);
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        await SafeMigrations.MigrateAsync(services.GetRequiredService<AppDbContext>(), cancellationToken);

        // Create the Data Protection key ring now (it is stored in the database), outside any later transaction.
        _ = services.GetRequiredService<IDataProtectionProvider>().CreateProtector("OpenLer.Startup").Protect("ready");
        foreach (var step in services.GetServices<IStartupStep>().OrderBy(s => s.Order))
        {
            await step.RunAsync(cancellationToken);
        }

        var options = services.GetRequiredService<IOptions<DeploymentOptions>>().Value;
        if (options.Demo)
        {
            await DemoRunner.RunAsync(services, options.BaseUrl, Console.Out, cancellationToken);
        }
    }

    public static WebApplication UseOpenLerPipeline(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var deployment = app.Services.GetRequiredService<IOptions<DeploymentOptions>>().Value;

        // First: client address and scheme from known proxies only (rate limits, HTTPS, HSTS and cookies depend on them).
        app.UseForwardedHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error/500");
            app.UseHsts();
        }

        app.UseStatusCodePagesWithReExecute("/error/{0}");
        app.UseOpenLerSecurity();
        app.UseRequestSizeLimit(deployment.MaxRequestBytes);
        app.UseStaticFiles();
        app.UseRequestLocalization();
        if (StartupRules.IsStrict(app.Environment))
        {
            app.UseHttpsRequired();
        }

        app.UseRouting();
        app.UseResponsePolicies();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        return app;
    }

    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", async (AppDbContext db, CancellationToken ct) =>
            await db.Database.CanConnectAsync(ct) ? Results.Text("ok") : Results.StatusCode(StatusCodes.Status503ServiceUnavailable));
        return app.MapOpenLerHealth();
    }
}

/// <summary>A step every start runs after the database is migrated (bootstrap, data upgrades), in <see cref="Order"/>.</summary>
public interface IStartupStep
{
    int Order { get; }

    Task RunAsync(CancellationToken cancellationToken);
}
