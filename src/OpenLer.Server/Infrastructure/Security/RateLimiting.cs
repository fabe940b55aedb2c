using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace OpenLer.Server.Infrastructure.Security;

/// <summary>
/// ASP.NET Core rate limiting for the whole app (issue 9: abuse limits). A global limiter covers every request that
/// reaches routing, existing endpoint or not (anonymous: <see cref="RateLimitPolicies.Public"/> per address; signed in:
/// <see cref="RateLimitPolicies.SignedIn"/> per account); named policies add stricter limits to the pages and endpoints
/// that opt in. A refusal answers 429 with Retry-After: problem+json for APIs, the translated page otherwise.
/// </summary>
public static partial class RateLimiting
{
    /// <summary>
    /// Pages of the Account feature that get a stricter policy by convention (no attribute on their page models, so the
    /// feature can change them freely). A test checks that each page still exists: when a page is renamed or replaced,
    /// update this table or put <c>[EnableRateLimiting(...)]</c> on the new page model.
    /// </summary>
    public static IReadOnlyDictionary<string, string> PagePolicies { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["/Account/SignIn"] = RateLimitPolicies.CodeRequest,
        ["/Account/Code"] = RateLimitPolicies.CodeAttempt,
        ["/Invitations/Join"] = RateLimitPolicies.CodeAttempt,
        ["/Account/StaffSignIn"] = RateLimitPolicies.PasswordAttempt,
        ["/Account/StaffSecondFactor"] = RateLimitPolicies.PasswordAttempt,
        ["/Account/TwoFactor"] = RateLimitPolicies.PasswordAttempt,
        ["/Account/Password"] = RateLimitPolicies.PasswordAttempt,
    };

    public static IServiceCollection AddOpenLerRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = RateLimitSettings.From(configuration);
        services.AddSingleton(settings);
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => Global(context, settings));
            o.AddPolicy(RateLimitPolicies.CodeRequest, context => PostsByAddress(context, settings.CodeRequest));
            o.AddPolicy(RateLimitPolicies.CodeAttempt, context => PostsByAddress(context, settings.CodeAttempt));
            o.AddPolicy(RateLimitPolicies.PasswordAttempt, context => PostsByAddress(context, settings.PasswordAttempt));
            o.AddPolicy(RateLimitPolicies.Verify, context => PostsByAddress(context, settings.Verify));
            o.AddPolicy(RateLimitPolicies.ShareOpen, context => ByAddress(context, settings.ShareOpen));
            o.AddPolicy(RateLimitPolicies.Report, context => ByAddress(context, settings.Report));
            o.OnRejected = OnRejectedAsync;
        });
        // PostConfigure: Razor Pages' own setup replaces the convention collection, so earlier Configure calls would be lost.
        services.PostConfigure<RazorPagesOptions>(o =>
        {
            foreach (var (page, policy) in PagePolicies)
            {
                o.Conventions.AddPageApplicationModelConvention(page, model => model.EndpointMetadata.Add(new EnableRateLimitingAttribute(policy)));
            }
        });
        return services;
    }

    private static RateLimitPartition<string> Global(HttpContext context, RateLimitSettings settings)
    {
        // The error page a refusal re-executes into, and the health probe, are never limited.
        if (context.Features.Get<IStatusCodeReExecuteFeature>() is not null || context.Features.Get<IExceptionHandlerFeature>() is not null
            || context.Request.Path.StartsWithSegments("/healthz") || context.Request.Path.StartsWithSegments("/health"))
        {
            return RateLimitPartition.GetNoLimiter("exempt");
        }

        if (context.User.Identity?.IsAuthenticated == true
            && (context.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? context.User.Identity.Name) is { Length: > 0 } account)
        {
            return RateLimitPartition.GetTokenBucketLimiter("account:" + account, _ => settings.SignedIn.ToTokenBucket());
        }

        return ByAddress(context, settings.Public);
    }

    private static RateLimitPartition<string> ByAddress(HttpContext context, RateLimitRule rule) =>
        RateLimitPartition.GetTokenBucketLimiter(ClientAddress.PartitionKey(context), _ => rule.ToTokenBucket());

    /// <summary>Forms are limited when sent; showing them (GET) only counts against the global limit.</summary>
    private static RateLimitPartition<string> PostsByAddress(HttpContext context, RateLimitRule rule) =>
        HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)
            ? RateLimitPartition.GetNoLimiter("read")
            : ByAddress(context, rule);

    private static async ValueTask OnRejectedAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromMinutes(1);
        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RateLimiting));
        LogRejected(logger, context.GetEndpoint()?.DisplayName ?? "(no endpoint)", (int)Math.Ceiling(retryAfter.TotalSeconds));
        await ProblemResponses.RefuseAsync(context, StatusCodes.Status429TooManyRequests, "Too many requests",
            "This address sent too many requests in a short time. Try again after the Retry-After delay.", retryAfter);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rate limit reached for {Endpoint}; retry after {Seconds} s")]
    private static partial void LogRejected(ILogger logger, string endpoint, int seconds);
}
