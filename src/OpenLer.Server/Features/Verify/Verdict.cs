using OpenLer.Credentials.Common;
using OpenLer.Credentials.Verification;
using OpenLer.Server.Infrastructure.Localization;

namespace OpenLer.Server.Features.Verify;

/// <summary>
/// The one headline a verification result gets, and the check behind it. Order matters: a forged credential is "not genuine"
/// whatever its dates or status say; an unknown issuer's status list and dates mean nothing; then revoked, suspended,
/// expired, not yet valid; a check that could not run comes last (it is no judgement). A practice credential (made for staff
/// training) is "Practice - not a real credential" whenever it is not forged: never genuine, never "unknown issuer".
/// </summary>
public sealed record Verdict(VerdictKind Kind, CheckResult? Problem)
{
    /// <summary>Checks whose failure means the content is not what an issuer signed.</summary>
    private static readonly string[] IntegrityChecks =
        [CheckNames.Proof, CheckNames.VerificationMethod, CheckNames.Disclosures, CheckNames.HolderBinding, CheckNames.NestedCredentials];

    /// <summary>The verdict of <paramref name="result"/>.</summary>
    public static Verdict Of(VerificationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Verified)
        {
            return new(VerdictKind.Genuine, null);
        }

        var problems = result.Checks.Where(c => c.Required && c.Status != CheckStatus.Passed).ToList();
        CheckResult? Find(Func<CheckResult, bool> match) => problems.FirstOrDefault(match);

        if (Find(c => c.Name == CheckNames.Format) is { } format)
        {
            return new(VerdictKind.CouldNotCheck, format);
        }

        if (Find(c => c.Status == CheckStatus.Failed && IntegrityChecks.Contains(c.Name)) is { } forged)
        {
            return new(VerdictKind.NotGenuine, forged);
        }

        if (Find(c => c.Name is CheckNames.Proof or CheckNames.VerificationMethod) is { } unconfirmed)
        {
            return new(VerdictKind.CouldNotCheck, unconfirmed);
        }

        if (Find(c => c.Name == CheckNames.Practice) is { } practice)
        {
            return new(VerdictKind.Practice, practice);
        }

        if (Find(c => c.Name == CheckNames.IssuerTrust && c.Status == CheckStatus.Failed) is { } unknown)
        {
            return new(VerdictKind.UnknownIssuer, unknown);
        }

        if (Find(c => c.Name == CheckNames.Status && c.Status == CheckStatus.Failed) is { } status)
        {
            return status.Code switch
            {
                ErrorCodes.CredentialRevoked => new(VerdictKind.Revoked, status),
                ErrorCodes.CredentialSuspended => new(VerdictKind.Suspended, status),
                _ => new(VerdictKind.CouldNotCheck, status),
            };
        }

        if (Find(c => c.Name == CheckNames.ValidityPeriod && c.Status == CheckStatus.Failed) is { } dates)
        {
            return new(dates.Code == ErrorCodes.CredentialNotYetValid ? VerdictKind.NotYetValid : VerdictKind.Expired, dates);
        }

        if (Find(c => c.Status == CheckStatus.CouldNotCheck) is { } could)
        {
            return new(VerdictKind.CouldNotCheck, could);
        }

        // Any other required check that failed (a new one, or proof missing altogether): not what an issuer signed.
        return new(VerdictKind.NotGenuine, problems.FirstOrDefault());
    }

    /// <summary>
    /// Whether the signature and the issuer were confirmed, so the content is what a known issuer signed (shown as facts);
    /// otherwise it is shown only as "What the file claims (not verified)".
    /// </summary>
    public bool ContentConfirmed => Kind is VerdictKind.Genuine or VerdictKind.Revoked or VerdictKind.Suspended or VerdictKind.Expired or VerdictKind.NotYetValid;

    /// <summary>The headline (a resource key); <see cref="VerdictKind.Expired"/> and <see cref="VerdictKind.NotYetValid"/> take a date when known.</summary>
    public string Headline(bool hasDate) => Kind switch
    {
        VerdictKind.Genuine => L.Key("Verified: this credential is genuine."),
        VerdictKind.NotGenuine => L.Key("Not genuine: do not rely on this credential."),
        VerdictKind.Revoked => L.Key("Revoked: the issuer has withdrawn this credential."),
        VerdictKind.Suspended => L.Key("Suspended: the issuer has put this credential on hold."),
        VerdictKind.Expired => hasDate ? L.Key("Expired: this credential was valid until {0}.") : L.Key("Expired: this credential is no longer valid."),
        VerdictKind.NotYetValid => hasDate ? L.Key("Not valid yet: this credential starts on {0}.") : L.Key("Not valid yet: this credential has not started."),
        VerdictKind.UnknownIssuer => L.Key("Issuer not recognized: we do not know who made this credential."),
        VerdictKind.Practice => L.Key("Practice - not a real credential"),
        _ => L.Key("Could not check: do not rely on this credential yet."),
    };

    /// <summary>
    /// The one sentence that explains the headline, or null when the headline says it all (the reason is stated once; the
    /// library's own message is only in "Technical details").
    /// </summary>
    public string? Reason => Kind switch
    {
        VerdictKind.NotGenuine or VerdictKind.CouldNotCheck => PlainReasons.For(Problem),
        VerdictKind.UnknownIssuer => L.Key("It is not on this service's list of trusted issuers, and anyone can make a file like this. Ask the organization that issued it."),
        VerdictKind.Revoked or VerdictKind.Suspended => L.Key("Ask the person or the issuer why."),
        VerdictKind.Practice => L.Key("Staff made it while training. It does not show anything a person achieved."),
        _ => null,
    };
}
