using OpenLer.Credentials.Common;
using OpenLer.Credentials.Verification;
using OpenLer.Server.Features.Verify;

namespace OpenLer.Server.Tests.Practice;

/// <summary>
/// The practice verdict (<see cref="VerdictKind.Practice"/>): it takes precedence over genuine, over "issuer not recognized"
/// (a practice key is on no trust list) and over status and dates; only a forgery or an unreadable file wins over it.
/// </summary>
public sealed class PracticeVerdictTests
{
    private static readonly CheckResult Practice = CheckResult.Fail(CheckNames.Practice, ErrorCodes.PracticeCredential, "x");

    private static VerdictKind Of(params CheckResult[] checks) => Verdict.Of(new VerificationResult(checks)).Kind;

    [Fact]
    public void Practice_wins_over_genuine_unknown_issuer_status_and_dates_but_not_over_a_forgery()
    {
        var proof = CheckResult.Pass(CheckNames.Proof);
        Assert.Equal(VerdictKind.Practice, Of(proof, CheckResult.Pass(CheckNames.IssuerTrust), Practice));
        Assert.Equal(VerdictKind.Practice, Of(proof, CheckResult.Fail(CheckNames.IssuerTrust, ErrorCodes.UntrustedIssuer, "x"), Practice));
        Assert.Equal(VerdictKind.Practice, Of(proof, Practice, CheckResult.Fail(CheckNames.Status, ErrorCodes.CredentialRevoked, "x"),
            CheckResult.Fail(CheckNames.ValidityPeriod, ErrorCodes.CredentialExpired, "x")));
        Assert.Equal(VerdictKind.Practice, Of(proof, Practice, CheckResult.Unavailable(CheckNames.Status, ErrorCodes.StatusRetrieval, "x")));
        Assert.Equal(VerdictKind.NotGenuine, Of(CheckResult.Fail(CheckNames.Proof, ErrorCodes.ProofVerification, "x"), Practice));
        Assert.Equal(VerdictKind.CouldNotCheck, Of(CheckResult.Fail(CheckNames.Format, ErrorCodes.UnrecognizedFormat, "x")));
    }

    [Fact]
    public void Practice_says_so_and_never_shows_its_content_as_confirmed()
    {
        var verdict = Verdict.Of(new VerificationResult([CheckResult.Pass(CheckNames.Proof), Practice]));
        Assert.Equal("Practice - not a real credential", verdict.Headline(false));
        Assert.False(verdict.ContentConfirmed);
        Assert.NotNull(verdict.Reason);
        Assert.DoesNotContain("genuine", verdict.Headline(false) + verdict.Reason, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("It is a practice credential, made for staff training: not a real credential.", PlainReasons.For(Practice));
    }
}
