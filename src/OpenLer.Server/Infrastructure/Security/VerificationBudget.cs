using System.Text;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using OpenLer.Credentials.Common;
using OpenLer.Credentials.Json;
using OpenLer.Credentials.Verification;

namespace OpenLer.Server.Infrastructure.Security;

/// <summary>
/// Runs the verification of a user-supplied credential within its budget (<see cref="VerificationBudgetOptions"/>):
/// refuses oversize or over-complex input before any work, waits for one of the few verification slots, and cancels a
/// verification that outlives its time budget (the library observes the token inside JSON-LD expansion and RDF
/// canonicalization). One instance per app (singleton): the slots are shared by every request.
/// </summary>
public sealed partial class VerificationBudget : IDisposable
{
    private static readonly HashSet<string> SizeCodes =
        [ErrorCodes.DocumentTooLarge, ErrorCodes.DocumentTooDeep, ErrorCodes.DocumentTooManyNodes, ErrorCodes.ArrayTooLong];

    private readonly ConcurrencyLimiter _slots;
    private readonly TimeProvider _time;
    private readonly ILogger<VerificationBudget> _logger;
    private readonly TimeSpan _timeBudget;
    private readonly TimeSpan _queueTimeout;

    public VerificationBudget(IOptions<VerificationBudgetOptions> options, TimeProvider time, ILogger<VerificationBudget> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;
        Limits = settings.Limits;
        MaxConcurrent = settings.EffectiveConcurrency;
        _timeBudget = TimeSpan.FromMilliseconds(Math.Max(1, settings.TimeBudgetMilliseconds));
        _queueTimeout = TimeSpan.FromMilliseconds(Math.Max(0, settings.QueueTimeoutMilliseconds));
        _time = time;
        _logger = logger;
        _slots = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = MaxConcurrent,
            QueueLimit = Math.Max(0, settings.QueueLimit),
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
    }

    /// <summary>The JSON limits every user-supplied credential is held to (also given to the library's verifier).</summary>
    public JsonLimits Limits { get; }

    /// <summary>Verifications allowed to run at once.</summary>
    public int MaxConcurrent { get; }

    /// <summary>
    /// Checks <paramref name="input"/> against the limits, then runs <paramref name="verify"/> in a slot with the time
    /// budget's token. <paramref name="aborted"/> is the request's own token (a client that leaves is not a refusal).
    /// </summary>
    public async Task<BudgetedVerification> RunAsync(string input, Func<CancellationToken, Task<VerificationResult>> verify, CancellationToken aborted)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(verify);
        if (Precheck(input) is { } tooLarge)
        {
            LogRefused(_logger, tooLarge.Code);
            return BudgetedVerification.TooLarge(tooLarge);
        }

        using var lease = await AcquireAsync(aborted);
        if (lease is null)
        {
            LogRefused(_logger, "BUSY");
            return BudgetedVerification.Busy(_timeBudget);
        }

        using var budget = new CancellationTokenSource(_timeBudget, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(aborted, budget.Token);
        VerificationResult result;
        var started = _time.GetTimestamp();
        try
        {
            result = await verify(linked.Token);
        }
        catch (OperationCanceledException) when (budget.IsCancellationRequested && !aborted.IsCancellationRequested)
        {
            LogRefused(_logger, "TIME_BUDGET");
            return BudgetedVerification.TooSlow(_timeBudget);
        }

        // The budget's timer runs on the thread pool and can fire late on a busy machine: a verification that
        // finished past its budget is refused the same way, so the limit does not depend on the timer's luck.
        if (_time.GetElapsedTime(started) > _timeBudget)
        {
            LogRefused(_logger, "TIME_BUDGET");
            return BudgetedVerification.TooSlow(_timeBudget);
        }

        // A JWT or SD-JWT payload is measured by the library with the same limits when it is decoded.
        if (result.FirstProblem is { Name: CheckNames.Format, Code: { } code } problem && SizeCodes.Contains(code))
        {
            LogRefused(_logger, code);
            return BudgetedVerification.TooLarge(new CredentialError(code, problem.Message ?? code));
        }

        return BudgetedVerification.Done(result);
    }

    /// <summary>The size and shape limits, in one pass over the text (a JSON credential is scanned, nothing is built).</summary>
    public CredentialError? Precheck(string input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Length > Limits.MaxBytes || Encoding.UTF8.GetByteCount(input) > Limits.MaxBytes)
        {
            return new CredentialError(ErrorCodes.DocumentTooLarge, $"The credential is larger than the limit of {Limits.MaxBytes} bytes.");
        }

        var trimmed = input.AsSpan().Trim();
        if (trimmed.Length == 0 || trimmed[0] != '{')
        {
            return null;
        }

        // Other JSON errors (syntax, duplicate names) are the verifier's to report as "not a credential".
        var refused = StrictJson.Check(trimmed.ToString(), Limits);
        return refused is not null && SizeCodes.Contains(refused.Code) ? refused : null;
    }

    /// <summary>Takes a slot (waiting in the queue up to the queue timeout); null when none is free.</summary>
    internal async Task<RateLimitLease?> AcquireAsync(CancellationToken aborted)
    {
        using var wait = new CancellationTokenSource(_queueTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(aborted, wait.Token);
        RateLimitLease lease;
        try
        {
            lease = await _slots.AcquireAsync(1, linked.Token);
        }
        catch (OperationCanceledException) when (wait.IsCancellationRequested && !aborted.IsCancellationRequested)
        {
            return null;
        }

        if (lease.IsAcquired)
        {
            return lease;
        }

        lease.Dispose();
        return null;
    }

    public void Dispose() => _slots.Dispose();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Verification refused by its budget: {Reason}")]
    private static partial void LogRefused(ILogger logger, string reason);
}
