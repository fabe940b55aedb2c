using System.Security.Cryptography;
using OpenLer.Credentials.Common;
using OpenLer.Credentials.DataIntegrity;
using OpenLer.Credentials.Json;
using OpenLer.Credentials.Keys;
using OpenLer.Credentials.Protocols;
using OpenLer.Credentials.Protocols.Oid4Vci;
using OpenLer.Credentials.Status;
using OpenLer.Credentials.Tests.Protocols;
using OpenLer.Credentials.Tests.Support;
using OpenLer.Credentials.Verification;

namespace OpenLer.Credentials.Tests.Security;

/// <summary>
/// docs/security.md RL-12: the clock jumps an hour forward or back (an NTP correction, a VM restored from a snapshot). Every
/// window is judged against absolute times, nothing lives longer because the clock went back, nothing throws.
/// </summary>
public sealed class ClockJumpTests : IDisposable
{
    private static readonly DateTimeOffset T = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly JumpingClock _clock = new(T);
    private readonly KeyPair _issuer = KeyPair.Generate(KeyType.Ed25519);

    public void Dispose() => _issuer.Dispose();

    [Fact]
    public async Task ClockSetBackAnHour_ACachedStatusListIsFetchedAgain_SoARevocationShows()
    {
        const string url = "https://cbo.example/status/revocation/1";
        var list = new StatusListState(url, StatusPurpose.Revocation, RandomNumberGenerator.Create());
        var fetcher = new MemoryStatusListFetcher();
        void Publish() => fetcher.Documents[url] = StrictJson.Serialize(new StatusListCredentialBuilder(new DataIntegritySigner(Cryptosuites.Default, _clock), _clock)
            .BuildSigned(list, _issuer.PublicKey.ToDidKey(), _issuer, Method(_issuer), null, "eddsa-rdfc-2022").Value);
        Assert.True(list.TryAllocate(out var index));
        var unsigned = TestCredentials.OpenBadge(_issuer.PublicKey.ToDidKey());
        unsigned["credentialStatus"] = list.CreateEntry(index);
        var credential = StrictJson.Serialize(TestCredentials.Sign(unsigned, _issuer, created: T.AddDays(-30)));
        Publish();
        var options = new CredentialVerifierOptions { TimeProvider = _clock };
        var verifier = new CredentialVerifier(options with
        {
            StatusChecker = new BitstringStatusChecker(fetcher, options, new BitstringStatusCheckerOptions { MaxCacheAge = TimeSpan.FromMinutes(5) }),
        });
        Assert.True((await verifier.VerifyAsync(credential, TestContext.Current.CancellationToken)).Verified);

        _clock.Now = T.AddHours(-1);
        list.SetStatus(index, true);
        Publish();
        var result = await verifier.VerifyAsync(credential, TestContext.Current.CancellationToken);

        Assert.Equal(2, fetcher.Fetches);
        Assert.Equal(ErrorCodes.CredentialRevoked, result[CheckNames.Status]!.Code);
    }

    [Theory]
    [InlineData(1, ErrorCodes.CredentialExpired)]
    [InlineData(-1, ErrorCodes.CredentialNotYetValid)]
    public async Task ClockJumpsAnHour_ValidityWindowIsJudgedAtTheNewTime(int hours, string code)
    {
        var unsigned = TestCredentials.OpenBadge(_issuer.PublicKey.ToDidKey());
        unsigned["validFrom"] = XsdDateTime.Format(T.AddMinutes(30));
        unsigned["validUntil"] = XsdDateTime.Format(T.AddMinutes(90));
        var credential = StrictJson.Serialize(TestCredentials.Sign(unsigned, _issuer, created: T.AddDays(-1)));
        var verifier = new CredentialVerifier(new CredentialVerifierOptions { TimeProvider = _clock });

        _clock.Now = T.AddHours(1);
        Assert.True((await verifier.VerifyAsync(credential, TestContext.Current.CancellationToken)).Verified);
        _clock.Now = T.AddHours(1 + hours);
        var result = await verifier.VerifyAsync(credential, TestContext.Current.CancellationToken);

        Assert.False(result.Verified);
        Assert.Equal(code, result[CheckNames.ValidityPeriod]!.Code);
    }

    [Fact]
    public async Task ClockSetBackAnHour_AProofCreatedBeforeTheJumpIsFromTheFuture()
    {
        var credential = StrictJson.Serialize(TestCredentials.Sign(TestCredentials.OpenBadge(_issuer.PublicKey.ToDidKey()), _issuer, created: T));
        _clock.Now = T.AddHours(-1);
        var result = await new CredentialVerifier(new CredentialVerifierOptions { TimeProvider = _clock }).VerifyAsync(credential, TestContext.Current.CancellationToken);
        Assert.False(result.Verified);
        Assert.Equal(ErrorCodes.InvalidProofDatetime, result[CheckNames.Proof]!.Code);
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(-1, true)]
    public void ClockJumpsAnHour_APreAuthorizedCodeExpiresAtItsAbsoluteTime(int hours, bool accepted)
    {
        var grant = new PreAuthorizedGrant
        {
            ExpiresAt = T.AddMinutes(10),
            ExpectedTxCode = "493536",
            CredentialConfigurationIds = [OpenLerCredentialConfigurations.OpenBadgeLdpVc],
        };
        var request = FormParameters.Parse("grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Apre-authorized_code&pre-authorized_code=abc&tx_code=493536", 4096)
            .Then(TokenRequest.Parse).Value;
        var outcome = request.Validate(grant, T.AddHours(hours));
        Assert.Equal(accepted, outcome.IsSuccess);
        if (!accepted)
        {
            Assert.Equal(OAuthErrorCodes.InvalidGrant, outcome.Error!.Code);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(-1)]
    public void ClockJumpsAnHour_AKeyProofMadeBeforeTheJumpIsRefused(int hours)
    {
        using var holder = KeyPair.Generate(KeyType.Ed25519);
        var proof = ProtocolFixtures.Proof(holder, "c-nonce-1", issuedAt: T);
        var expectations = KeyProofExpectations.For(OpenLerCredentialConfigurations.OpenBadgeAsLdpVc(), ProtocolFixtures.Issuer, n => n == "c-nonce-1");
        _clock.Now = T;
        Assert.True(new KeyProofValidator(_clock).Validate(proof, expectations).IsSuccess);
        _clock.Now = T.AddHours(hours);
        Assert.Equal(OAuthErrorCodes.InvalidProof, new KeyProofValidator(_clock).Validate(proof, expectations).Error?.Code);
    }

    private static string Method(KeyPair key) => key.PublicKey.ToDidKey() + "#" + key.PublicKey.ToMultibase();

    /// <summary>A clock a test can set to any time, earlier ones included (FakeTimeProvider only moves forward).</summary>
    private sealed class JumpingClock(DateTimeOffset start) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = start;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
