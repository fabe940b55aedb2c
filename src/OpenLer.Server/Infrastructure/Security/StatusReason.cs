namespace OpenLer.Server.Infrastructure.Security;

/// <summary>
/// Why a request was refused, for the plain error page (Features/Shared/Error.cshtml) to explain more precisely than its
/// status code: kept in the request's items, which survive the status code pages' re-execution.
/// </summary>
public static class StatusReason
{
    /// <summary>A form field is longer than its limit (400).</summary>
    public const string TextTooLong = "text-too-long";

    /// <summary>A credential is over the verification budget's size, node or array limits (413).</summary>
    public const string CredentialTooLarge = "credential-too-large";

    /// <summary>A verification ran out of its time budget (503).</summary>
    public const string VerificationTooSlow = "verification-too-slow";

    /// <summary>Too many verifications at once (503).</summary>
    public const string VerificationBusy = "verification-busy";

    /// <summary>A plain-http request to an instance that requires HTTPS (400).</summary>
    public const string HttpsRequired = "https-required";

    private static readonly object Key = new();

    public static void Set(HttpContext context, string reason)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Items[Key] = reason;
    }

    public static string? Get(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Items.TryGetValue(Key, out var reason) ? reason as string : null;
    }
}
