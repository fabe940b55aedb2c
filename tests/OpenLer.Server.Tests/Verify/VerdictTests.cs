using OpenLer.Credentials.Common;
using OpenLer.Credentials.Verification;
using OpenLer.Server.Features.Verify;

namespace OpenLer.Server.Tests.Verify;

/// <summary>The one headline a result gets (<see cref="Verdict"/>): forgery first, then issuer, status, dates, could-not-check.</summary>
public sealed class VerdictTests
{
    private static CheckResult Pass(string name) => CheckResult.Pass(name);

    [Fact]
    public void Each_outcome_gets_its_own_verdict_and_a_forgery_wins_over_dates_and_status()
    {
        VerdictKind Of(params CheckResult[] checks) => Verdict.Of(new VerificationResult(checks)).Kind;

        Assert.Equal(VerdictKind.Genuine, Of(Pass(CheckNames.Proof), Pass(CheckNames.IssuerTrust)));
        Assert.Equal(VerdictKind.NotGenuine, Of(CheckResult.Fail(CheckNames.Proof, ErrorCodes.ProofVerification, "x"),
            CheckResult.Fail(CheckNames.Status, ErrorCodes.CredentialRevoked, "x"), CheckResult.Fail(CheckNames.ValidityPeriod, ErrorCodes.CredentialExpired, "x")));
        Assert.Equal(VerdictKind.Revoked, Of(Pass(CheckNames.Proof), Pass(CheckNames.IssuerTrust),
            CheckResult.Fail(CheckNames.ValidityPeriod, ErrorCodes.CredentialExpired, "x"), CheckResult.Fail(CheckNames.Status, ErrorCodes.CredentialRevoked, "x")));
        Assert.Equal(VerdictKind.Suspended, Of(Pass(CheckNames.Proof), CheckResult.Fail(CheckNames.Status, ErrorCodes.CredentialSuspended, "x")));
        Assert.Equal(VerdictKind.Expired, Of(Pass(CheckNames.Proof), CheckResult.Fail(CheckNames.ValidityPeriod, ErrorCodes.CredentialExpired, "x")));
        Assert.Equal(VerdictKind.NotYetValid, Of(Pass(CheckNames.Proof), CheckResult.Fail(CheckNames.ValidityPeriod, ErrorCodes.CredentialNotYetValid, "x")));
        Assert.Equal(VerdictKind.UnknownIssuer, Of(Pass(CheckNames.Proof), CheckResult.Fail(CheckNames.IssuerTrust, ErrorCodes.UntrustedIssuer, "x"),
            CheckResult.Unavailable(CheckNames.Status, ErrorCodes.StatusRetrieval, "x")));
        Assert.Equal(VerdictKind.CouldNotCheck, Of(Pass(CheckNames.Proof), Pass(CheckNames.IssuerTrust), CheckResult.Unavailable(CheckNames.Status, ErrorCodes.StatusRetrieval, "x")));
        Assert.Equal(VerdictKind.CouldNotCheck, Of(CheckResult.Fail(CheckNames.Format, ErrorCodes.UnrecognizedFormat, "x")));
        Assert.Equal(VerdictKind.CouldNotCheck, Of(CheckResult.Unavailable(CheckNames.VerificationMethod, ErrorCodes.DidResolution, "x")));
        Assert.Equal(VerdictKind.NotGenuine, Of(Pass(CheckNames.Proof), CheckResult.Fail(CheckNames.Disclosures, ErrorCodes.UnreferencedDisclosure, "x")));
    }

    [Fact]
    public void Content_is_confirmed_only_when_signature_and_issuer_are()
    {
        Assert.True(new Verdict(VerdictKind.Genuine, null).ContentConfirmed);
        Assert.True(new Verdict(VerdictKind.Revoked, null).ContentConfirmed);
        Assert.True(new Verdict(VerdictKind.Expired, null).ContentConfirmed);
        Assert.False(new Verdict(VerdictKind.NotGenuine, null).ContentConfirmed);
        Assert.False(new Verdict(VerdictKind.UnknownIssuer, null).ContentConfirmed);
        Assert.False(new Verdict(VerdictKind.CouldNotCheck, null).ContentConfirmed);
    }

    [Theory]
    [InlineData("https://ler.example.org/s/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", PastedLinkKind.Share)]
    [InlineData("https://LER.example.org/s/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/?utm=1", PastedLinkKind.Share)]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", PastedLinkKind.Share)]
    [InlineData("https://ler.example.org.evil.test/s/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", PastedLinkKind.Foreign)]
    [InlineData("https://ler.example.org:8443/s/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", PastedLinkKind.Foreign)]
    [InlineData("https://ler.example.org/verify", PastedLinkKind.Foreign)]
    [InlineData("ftp://ler.example.org/s/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", PastedLinkKind.Foreign)]
    [InlineData("www.example.com", PastedLinkKind.Foreign)]
    [InlineData("{\"@context\":[\"https://www.w3.org/ns/credentials/v2\"]}", PastedLinkKind.NotALink)]
    [InlineData("eyJhbGciOiJFZERTQSJ9.eyJpc3MiOiJ4In0.c2ln", PastedLinkKind.NotALink)]
    [InlineData("hello", PastedLinkKind.NotALink)]
    public void A_pasted_link_is_read_as_a_share_of_this_deployment_or_refused(string text, PastedLinkKind expected)
    {
        Assert.Equal(expected, PastedLink.Read(text, [new Uri("https://ler.example.org")], out var token));
        Assert.Equal(expected == PastedLinkKind.Share, token == "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
    }
}
