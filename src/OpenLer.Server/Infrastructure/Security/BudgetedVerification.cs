using OpenLer.Credentials.Common;
using OpenLer.Credentials.Verification;

namespace OpenLer.Server.Infrastructure.Security;

/// <summary>
/// The outcome of a budgeted verification: a result, or a refusal that maps to HTTP in one place (<see cref="Refuse"/>
/// for pages, <see cref="ToProblem"/> for the API).
/// </summary>
public sealed record BudgetedVerification(BudgetVerdict Verdict, VerificationResult? Result, string Detail, TimeSpan? RetryAfter)
{
    public static BudgetedVerification Done(VerificationResult result) => new(BudgetVerdict.Done, result, "", null);

    public static BudgetedVerification TooLarge(CredentialError error) => new(BudgetVerdict.TooLarge, null, error.Message, null);

    public static BudgetedVerification Busy(TimeSpan retryAfter) =>
        new(BudgetVerdict.Busy, null, "Too many credentials are being checked at once. Try again after the Retry-After delay.", retryAfter);

    public static BudgetedVerification TooSlow(TimeSpan budget) =>
        new(BudgetVerdict.TooSlow, null, $"Checking this credential took longer than {budget.TotalSeconds:0.#} s, so it was stopped.", null);

    public int StatusCode => Verdict switch
    {
        BudgetVerdict.Done => StatusCodes.Status200OK,
        BudgetVerdict.TooLarge => StatusCodes.Status413PayloadTooLarge,
        _ => StatusCodes.Status503ServiceUnavailable,
    };

    private string Title => Verdict switch
    {
        BudgetVerdict.TooLarge => "The credential is too large to check",
        BudgetVerdict.Busy => "The service is busy",
        _ => "Checking the credential took too long",
    };

    private string Reason => Verdict switch
    {
        BudgetVerdict.TooLarge => StatusReason.CredentialTooLarge,
        BudgetVerdict.Busy => StatusReason.VerificationBusy,
        _ => StatusReason.VerificationTooSlow,
    };

    /// <summary>For a page: sets Retry-After and the reason the error page explains, and answers the status code.</summary>
    public Microsoft.AspNetCore.Mvc.IActionResult Refuse(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        StatusReason.Set(context, Reason);
        if (RetryAfter is { } after)
        {
            context.Response.Headers.RetryAfter = ProblemResponses.RetryAfterSeconds(after);
        }

        return new Microsoft.AspNetCore.Mvc.StatusCodeResult(StatusCode);
    }

    /// <summary>For the API: an RFC 9457 problem with the same status (and Retry-After).</summary>
    public IResult ToProblem(HttpContext context) => ProblemResponses.Result(context, StatusCode, Title, Detail, RetryAfter);
}
