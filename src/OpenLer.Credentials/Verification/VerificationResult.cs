using System.Collections.Immutable;
using OpenLer.Credentials.Common;

namespace OpenLer.Credentials.Verification;

/// <summary>
/// The value every verification returns: the checks that ran, each passed, failed, not checked or could not check.
/// <see cref="Verified"/> is true only when at least one check ran and every required check passed.
/// </summary>
public sealed class VerificationResult
{
    public VerificationResult(IEnumerable<CheckResult> checks, VerifiedCredential? credential = null)
    {
        ArgumentNullException.ThrowIfNull(checks);
        Checks = [.. checks];
        Credential = credential;
    }

    public ImmutableArray<CheckResult> Checks { get; }

    /// <summary>What the verifier read from the credential, for display; present even when a check failed.</summary>
    public VerifiedCredential? Credential { get; }

    public bool Verified =>
        Checks.Any(c => c.Name == CheckNames.Proof && c.Status == CheckStatus.Passed) &&
        Checks.All(c => !c.Required || c.Status == CheckStatus.Passed);

    /// <summary>
    /// Whether the credential is marked as a practice (training) credential (<see cref="CheckNames.Practice"/>): never a
    /// real one, and never <see cref="Verified"/>.
    /// </summary>
    public bool IsPractice => Checks.Any(c => c.Name == CheckNames.Practice && c.Status == CheckStatus.Failed);

    /// <summary>
    /// Data-model notes shown beside the result (see <see cref="Genuineness"/>): checks that are not required and did not pass
    /// (an OB 3.0 rule the credential breaks, a schema it does not meet, an endorsement that does not verify).
    /// </summary>
    public IEnumerable<CheckResult> Notes => Checks.Where(c => !c.Required && c.Status is CheckStatus.Failed or CheckStatus.CouldNotCheck);

    /// <summary>The first failed (or could-not-check) required check, the reason verification failed.</summary>
    public CheckResult? FirstProblem =>
        Checks.FirstOrDefault(c => c.Required && c.Status != CheckStatus.Passed);

    public CheckResult? this[string name] => Checks.FirstOrDefault(c => c.Name == name);

    public static VerificationResult Failed(string checkName, string code, string message) =>
        new([CheckResult.Fail(checkName, code, message)]);

    public static VerificationResult Failed(string checkName, Common.CredentialError error) =>
        Failed(checkName, error.Code, error.Message);
}
