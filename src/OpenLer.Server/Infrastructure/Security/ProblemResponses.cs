using System.Globalization;
using System.Text.Json.Nodes;

namespace OpenLer.Server.Infrastructure.Security;

/// <summary>
/// Refusals (413, 429, 503) answered in the form the client reads: RFC 9457 problem+json for APIs and JSON clients, an
/// empty body otherwise, which the status code pages turn into the translated page (Features/Shared/Error.cshtml).
/// </summary>
public static class ProblemResponses
{
    /// <summary>True for <c>/api/...</c> and for clients that ask for JSON and not HTML.</summary>
    public static bool WantsJson(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            return true;
        }

        var accept = context.Request.Headers.Accept.ToString();
        return accept.Contains("json", StringComparison.OrdinalIgnoreCase) && !accept.Contains("text/html", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Sets the status (and Retry-After) and, for JSON clients, writes a problem+json body.</summary>
    public static async Task RefuseAsync(HttpContext context, int status, string title, string detail, TimeSpan? retryAfter = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.StatusCode = status;
        if (retryAfter is { } after)
        {
            context.Response.Headers.RetryAfter = RetryAfterSeconds(after);
        }

        if (WantsJson(context))
        {
            context.Response.ContentType = "application/problem+json";
            await context.Response.WriteAsync(Problem(status, title, detail).ToJsonString(), context.RequestAborted);
        }
    }

    /// <summary>The same refusal as a minimal-API result (always problem+json).</summary>
    public static IResult Result(HttpContext context, int status, string title, string detail, TimeSpan? retryAfter = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (retryAfter is { } after)
        {
            context.Response.Headers.RetryAfter = RetryAfterSeconds(after);
        }

        return Results.Text(Problem(status, title, detail).ToJsonString(), "application/problem+json", statusCode: status);
    }

    /// <summary>Whole seconds, rounded up, at least one (RFC 9110 §10.2.3 delay-seconds).</summary>
    public static string RetryAfterSeconds(TimeSpan after) =>
        Math.Max(1, (int)Math.Ceiling(after.TotalSeconds)).ToString(CultureInfo.InvariantCulture);

    private static JsonObject Problem(int status, string title, string detail) => new()
    {
        ["type"] = "about:blank",
        ["title"] = title,
        ["status"] = status,
        ["detail"] = detail,
    };
}
