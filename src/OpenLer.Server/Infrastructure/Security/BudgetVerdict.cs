namespace OpenLer.Server.Infrastructure.Security;

/// <summary>What the verification budget decided.</summary>
public enum BudgetVerdict
{
    /// <summary>Verified within the budget: <see cref="BudgetedVerification.Result"/> holds every check.</summary>
    Done,

    /// <summary>Over the size, node, depth or array-length limits: 413, no verification work done.</summary>
    TooLarge,

    /// <summary>No free verification slot (queue full or waited too long): 503 with Retry-After.</summary>
    Busy,

    /// <summary>The verification ran out of its time budget and was cancelled: 503.</summary>
    TooSlow,
}
