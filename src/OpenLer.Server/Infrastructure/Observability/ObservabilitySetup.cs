using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace OpenLer.Server.Infrastructure.Observability;

/// <summary>
/// OpenTelemetry traces and metrics (ASP.NET Core, EF Core, Npgsql and <see cref="OpenLerMetrics"/>) exported over OTLP
/// when <see cref="TelemetryOptions.OtlpEndpoint"/> is configured, and health endpoints. Spans carry the route template,
/// never the path (a share link's path is its secret token) nor the query string; database spans carry SQL text with
/// parameter placeholders, never values.
/// </summary>
public static class ObservabilitySetup
{
    public static WebApplicationBuilder AddOpenLerObservability(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<OpenLerMetrics>();
        builder.Services.AddSingleton<IssuedCredentialCounter>();
        builder.Services.AddSingleton<IInterceptor>(s => s.GetRequiredService<IssuedCredentialCounter>());
        builder.Services.AddHealthChecks().AddCheck<DatabaseReadiness>("database", tags: [DatabaseReadiness.Tag]);

        var options = builder.Configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        if (string.IsNullOrWhiteSpace(options.OtlpEndpoint))
        {
            return builder;
        }

        var endpoint = new Uri(options.OtlpEndpoint, UriKind.Absolute);
        var protocol = string.Equals(options.Protocol, "http/protobuf", StringComparison.OrdinalIgnoreCase) ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc;
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(options.ServiceName))
            .WithTracing(t => t
                .AddAspNetCoreInstrumentation(o =>
                {
                    o.EnrichWithHttpResponse = (activity, response) =>
                    {
                        var route = (response.HttpContext.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText;
                        activity.SetTag("url.path", route ?? "(unmatched)");
                        activity.SetTag("url.query", null);
                        activity.DisplayName = $"{response.HttpContext.Request.Method} {route ?? "(unmatched)"}";
                    };
                })
                .AddEntityFrameworkCoreInstrumentation()
                .AddNpgsql()
                .AddOtlpExporter(o =>
                {
                    o.Endpoint = endpoint;
                    o.Protocol = protocol;
                }))
            .WithMetrics(m => m
                .AddAspNetCoreInstrumentation()
                .AddMeter(OpenLerMetrics.MeterName, "Microsoft.EntityFrameworkCore")
                .AddNpgsqlInstrumentation()
                .AddOtlpExporter(o =>
                {
                    o.Endpoint = endpoint;
                    o.Protocol = protocol;
                }));
        return builder;
    }

    /// <summary>
    /// <c>/health/live</c>: the process answers (no dependency checked, so a database outage does not restart every instance);
    /// <c>/health/ready</c>: the database is reachable and every migration is applied (take the instance out of the pool otherwise).
    /// </summary>
    public static IEndpointRouteBuilder MapOpenLerHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health/live", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions { Predicate = c => c.Tags.Contains(DatabaseReadiness.Tag) });
        return app;
    }
}
