using Microsoft.AspNetCore.Http.Features;

namespace OpenLer.Server.Infrastructure.Security;

/// <summary>
/// 413 (not 500, not 400) for any request body over the limit (<c>OpenLer:MaxRequestBytes</c>): at once when
/// Content-Length says so; otherwise the body is counted as it is read, which covers chunked bodies without
/// Content-Length and multipart forms, on Kestrel and on any other server. Whoever reads too far (form binding,
/// antiforgery, an API reading the stream) gets an error, and the response becomes 413 before it starts. A body the
/// server refuses for its framing (a malformed chunk) answers 400 and closes the connection.
/// </summary>
public static class RequestSizeLimit
{
    public static IApplicationBuilder UseRequestSizeLimit(this IApplicationBuilder app, long maxRequestBytes) =>
        app.Use(async (context, next) =>
        {
            if (context.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is not null)
            {
                await next(context);
                return;
            }

            if (context.Request.ContentLength > maxRequestBytes)
            {
                await RefuseAsync(context);
                return;
            }

            var sizeFeature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
            if (sizeFeature is { IsReadOnly: false })
            {
                sizeFeature.MaxRequestBodySize = maxRequestBytes;
            }

            var counting = new LimitedRequestStream(context.Request.Body, maxRequestBytes);
            context.Request.Body = counting;
            try
            {
                await next(context);
            }
            catch (Exception ex) when (!context.Response.HasStarted && (counting.Exceeded || IsTooLarge(ex)))
            {
                context.Response.Clear();
                await RefuseAsync(context);
                return;
            }
            catch (Exception ex) when (!context.Response.HasStarted && Malformed(ex) is { } bad)
            {
                // A body the server could not parse (a chunk line ended by a lone LF, CVE-2025-55315; a bad chunk size):
                // the client's error, not a 500. The connection is closed so nothing after the bad chunk is read as
                // another request (SECURITY.md WA-15).
                context.Response.Clear();
                context.Response.Headers.Connection = "close";
                await ProblemResponses.RefuseAsync(context, bad.StatusCode, "The request could not be read", "The request body is malformed.");
                return;
            }

            // The reader turned the error into its own answer (antiforgery: 400; model binding: an invalid model).
            if (counting.Exceeded && !context.Response.HasStarted && context.Response.StatusCode != StatusCodes.Status413PayloadTooLarge)
            {
                context.Response.Clear();
                await RefuseAsync(context);
            }
        });

    private static Task RefuseAsync(HttpContext context) =>
        ProblemResponses.RefuseAsync(context, StatusCodes.Status413PayloadTooLarge, "The request is too large",
            "The request body is larger than this server accepts.");

    /// <summary>Any other refusal of the body by the server (BadHttpRequestException 400), possibly wrapped by whoever was reading.</summary>
    private static BadHttpRequestException? Malformed(Exception? ex)
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            if (ex is BadHttpRequestException { StatusCode: >= 400 and < 500 } bad)
            {
                return bad;
            }
        }

        return null;
    }

    /// <summary>Kestrel's own limit (BadHttpRequestException 413), possibly wrapped by whoever was reading.</summary>
    private static bool IsTooLarge(Exception? ex)
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            if (ex is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } or LimitedRequestStream.TooLargeException)
            {
                return true;
            }
        }

        return false;
    }
}
