using OpenLer.Server.Infrastructure.Localization;

namespace OpenLer.Server.Features.Issuance;

/// <summary>
/// Where a client's enrollment in a program stands, from the records: enrolled (no completion yet), completed (but the
/// credential cannot be issued: the person has not accepted the invitation), ready to issue, issued, added to wallet,
/// revoked. "Added to wallet" is read from a real signal: the person signed in to their wallet
/// (<c>Jobseeker.LastSignInAt</c>) at or after the moment the credential was issued, so the credential is in front of them.
/// </summary>
public enum ClientStatus
{
    /// <summary>On the caseload, not enrolled in any program yet.</summary>
    NotEnrolled,

    /// <summary>Enrolled, no completion recorded.</summary>
    Enrolled,

    /// <summary>Completion recorded; the credential cannot be issued yet (the person has not accepted the invitation).</summary>
    Completed,

    /// <summary>Completion recorded; staff can issue the credential now.</summary>
    ReadyToIssue,

    /// <summary>Issued; the person has not signed in to their wallet since.</summary>
    Issued,

    /// <summary>Issued and the person signed in to their wallet since.</summary>
    InWallet,

    /// <summary>The credential was revoked.</summary>
    Revoked,
}

/// <summary>Plain labels and query values of <see cref="ClientStatus"/>.</summary>
public static class ClientStatuses
{
    /// <summary>The statuses in the order a client moves through them (the filter's options).</summary>
    public static IReadOnlyList<ClientStatus> All { get; } = Enum.GetValues<ClientStatus>();

    /// <summary>The English label (a localizer key).</summary>
    public static string Label(ClientStatus status) => status switch
    {
        ClientStatus.NotEnrolled => L.Key("Not enrolled yet"),
        ClientStatus.Enrolled => L.Key("In progress"),
        ClientStatus.Completed => L.Key("Completed, waiting for the person to accept"),
        ClientStatus.ReadyToIssue => L.Key("Ready to issue"),
        ClientStatus.Issued => L.Key("Issued, not opened yet"),
        ClientStatus.InWallet => L.Key("Added to wallet"),
        ClientStatus.Revoked => L.Key("Revoked"),
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    // The query values, in the order of the enum (not-enrolled = 0 ... revoked = 6).
    private static readonly string[] Values = ["not-enrolled", "enrolled", "completed", "ready-to-issue", "issued", "in-wallet", "revoked"];

    /// <summary>The value in the page address (<c>?status=ready-to-issue</c>).</summary>
    public static string Value(ClientStatus status) => Values[(int)status];

    /// <summary>The status a query value names, or null (no filter) for anything else.</summary>
    public static ClientStatus? Parse(string? value) => All.Cast<ClientStatus?>().FirstOrDefault(s => Value(s!.Value) == value);

    /// <summary>The status of one enrollment.</summary>
    public static ClientStatus Of(DateTime? completedAt, string link, DateTime? issuedAt, DateTime? revokedAt, DateTime? lastSignInAt)
    {
        if (completedAt is null)
        {
            return ClientStatus.Enrolled;
        }

        if (issuedAt is null)
        {
            return link is ClientLinks.Created or ClientLinks.Linked ? ClientStatus.ReadyToIssue : ClientStatus.Completed;
        }

        if (revokedAt is not null)
        {
            return ClientStatus.Revoked;
        }

        return lastSignInAt is { } seen && seen >= issuedAt ? ClientStatus.InWallet : ClientStatus.Issued;
    }
}
