using System.Text.Json.Nodes;
using OpenLer.Server.Features.Audit;
using OpenLer.Server.Infrastructure.Security;

namespace OpenLer.Server.Features.Reports;

/// <summary>
/// <c>GET /api/reports/funnel?by=site|program|cohort|language|month</c>: the organization's published report for a funder's
/// system, behind a report key (<c>Authorization: Bearer olr_ID.SECRET</c>); read-only, audited, never cached, rate limited per address (<see cref="RateLimitPolicies.Report"/>).
/// </summary>
public static class ReportEndpoints
{
    public static IEndpointRouteBuilder MapReportApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/reports/funnel", async (HttpContext http, string? by, ReportKeys keys, PilotReports reports, AuditTrail audit, TimeProvider time, CancellationToken ct) =>
        {
            http.Response.Headers.CacheControl = "no-store";
            var key = await keys.AuthenticateAsync(http.Request.Headers.Authorization.ToString() is { Length: > 0 } a ? a : null, ct);
            if (key is null)
            {
                http.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
                return Results.Json(new JsonObject { ["error"] = "invalid_token", ["error_description"] = "A report key of the organization is required (revoked keys are refused)." },
                    statusCode: StatusCodes.Status401Unauthorized);
            }

            var dimension = by is null ? ReportDimension.Site : ReportDimensions.Parse(by);
            if (dimension is null)
            {
                return Results.Json(new JsonObject { ["error"] = "invalid_request", ["error_description"] = "by must be one of site, program, cohort, language, month." },
                    statusCode: StatusCodes.Status400BadRequest);
            }

            var report = await reports.BuildAsync(key.OrganizationId, dimension.Value, ct);
            if (report is null)
            {
                http.Response.Headers.RetryAfter = "60";
                return Results.Json(new JsonObject { ["error"] = "temporarily_unavailable", ["error_description"] = "The report is being prepared; try again in a minute." },
                    statusCode: StatusCodes.Status503ServiceUnavailable);
            }

            await audit.RecordAsync(AuditActions.ReportRead, "report-key", key.Id, key.OrganizationId, detail: ReportDimensions.Id(dimension.Value),
                actor: ("report-key", key.Id.ToString("D")), cancellationToken: ct);
            return Results.Json(ReportJson.ToJson(report, time.GetUtcNow().UtcDateTime));
        }).RequireRateLimiting(RateLimitPolicies.Report);
        return app;
    }
}
