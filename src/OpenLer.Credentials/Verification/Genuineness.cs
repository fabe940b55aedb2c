using OpenLer.Credentials.Common;

namespace OpenLer.Credentials.Verification;

/// <summary>
/// The one decision on credentials from any issuer (docs/adr/genuine-vs-notes.md): which findings make a credential not
/// genuine, and which are data-model notes shown beside a genuine result. VC Data Model 2.0 §7.1 separates verification
/// (the securing mechanism and what it binds) from validation (conformance and business rules); OpenLER verifies for every
/// viewer and leaves validation findings to be read.
/// <list type="bullet">
/// <item>Genuine only when these pass: format, proof, verification-method (issuer binding), validity-period, status,
/// disclosures and holder-binding (SD-JWT, presentations), nested-credentials (a CLR's content), and issuer-trust when the
/// verifier requires a trusted issuer.</item>
/// <item>Notes: open-badges (OB 3.0 / CLR 2.0 data-model rules, e.g. an AchievementSubject with neither id nor identifier,
/// as the DCC wallet's credentials have), schema (the issuer's credentialSchema) and endorsements (third parties' claims).
/// A failed note is reported with its code and never changes <see cref="VerificationResult.Verified"/>.</item>
/// </list>
/// </summary>
public static class Genuineness
{
    /// <summary>The checks whose failure is a data-model note, not a reason to doubt the credential.</summary>
    public static IReadOnlySet<string> NoteChecks { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        CheckNames.OpenBadges,
        CheckNames.Schema,
        CheckNames.Endorsements,
    };

    public static bool IsNote(string checkName) => NoteChecks.Contains(checkName);

    /// <summary>The check as the verifier reports it: a note check is never required.</summary>
    public static CheckResult Classify(CheckResult check)
    {
        ArgumentNullException.ThrowIfNull(check);
        return IsNote(check.Name) && check.Required ? check with { Required = false } : check;
    }
}
