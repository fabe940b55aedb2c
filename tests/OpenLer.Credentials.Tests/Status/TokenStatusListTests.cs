using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using OpenLer.Credentials.Common;
using OpenLer.Credentials.Encodings;
using OpenLer.Credentials.Keys;
using OpenLer.Credentials.SdJwt;
using OpenLer.Credentials.Status;
using OpenLer.Credentials.Tests.Support;
using OpenLer.Credentials.Verification;

namespace OpenLer.Credentials.Tests.Status;

public sealed class TokenStatusListTests : IDisposable
{
    private const string Uri = "https://cbo.example/statuslists/1";
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly KeyPair _issuer = KeyPair.Generate(KeyType.Ed25519);
    private readonly MemoryStatusListFetcher _fetcher = new();
    private readonly FakeTimeProvider _clock = new(Now);

    public void Dispose() => _issuer.Dispose();

    private static string KidOf(KeyPair key) => key.PublicKey.ToDidKey() + "#" + key.PublicKey.ToMultibase();

    private string Credential(int idx)
    {
        var claims = new JsonObject
        {
            ["iss"] = _issuer.PublicKey.ToDidKey(),
            ["vct"] = "https://openler.example/vct/test",
            ["status"] = new JsonObject { ["status_list"] = new JsonObject { ["idx"] = idx, ["uri"] = Uri } },
        };
        using var random = RandomNumberGenerator.Create();
        return SdJwtVc.Issue(claims, _issuer, KidOf(_issuer), [], random, Now).Value.Compact;
    }

    /// <summary>A status list token with 2-bit statuses: index 0 valid, 1 revoked, 2 suspended, 3 = 0x3.</summary>
    private void PublishList(KeyPair? signer = null, string typ = TokenStatusListChecker.TokenType, string sub = Uri, DateTimeOffset? exp = null)
    {
        var key = signer ?? _issuer;
        var statuses = new byte[16];
        statuses[0] = 0b11_10_01_00; // LSB first: idx0=0, idx1=1, idx2=2, idx3=3
        using var buffer = new MemoryStream();
        using (var zlib = new ZLibStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(statuses);
        }

        var payload = new JsonObject
        {
            ["sub"] = sub,
            ["iat"] = Now.ToUnixTimeSeconds(),
            ["exp"] = (exp ?? Now.AddDays(1)).ToUnixTimeSeconds(),
            ["status_list"] = new JsonObject { ["bits"] = 2, ["lst"] = Base64Url.Encode(buffer.ToArray()) },
        };
        _fetcher.Documents[Uri] = Jwt.Build(new JsonObject { ["alg"] = "EdDSA", ["typ"] = typ, ["kid"] = KidOf(key) }, payload, bytes => key.Sign(bytes));
    }

    private async Task<CheckResult> Check(string credential)
    {
        var options = new CredentialVerifierOptions { TimeProvider = _clock };
        var verifier = new CredentialVerifier(options with { StatusChecker = new CombinedStatusChecker(_fetcher, options) });
        var result = await verifier.VerifyAsync(credential, TestContext.Current.CancellationToken);
        Assert.Equal(CheckStatus.Passed, result[CheckNames.Proof]!.Status);
        return result[CheckNames.Status]!;
    }

    [Theory]
    [InlineData(0, CheckStatus.Passed, null)]
    [InlineData(1, CheckStatus.Failed, ErrorCodes.CredentialRevoked)]
    [InlineData(2, CheckStatus.Failed, ErrorCodes.CredentialSuspended)]
    [InlineData(3, CheckStatus.CouldNotCheck, ErrorCodes.UnsupportedStatus)]
    [InlineData(64, CheckStatus.CouldNotCheck, ErrorCodes.StatusRange)]
    public async Task StatusValues(int idx, CheckStatus status, string? code)
    {
        PublishList();
        var check = await Check(Credential(idx));
        Assert.Equal(status, check.Status);
        Assert.Equal(code, check.Code);
    }

    [Fact]
    public async Task MissingList_CouldNotCheck() =>
        Assert.Equal(ErrorCodes.StatusRetrieval, (await Check(Credential(0))).Code);

    [Fact]
    public async Task ListSignedByAnotherIssuer_CouldNotCheck()
    {
        using var stranger = KeyPair.Generate(KeyType.Ed25519);
        PublishList(stranger);
        var check = await Check(Credential(1));
        Assert.Equal(CheckStatus.CouldNotCheck, check.Status);
        Assert.Equal(ErrorCodes.StatusListIssuerMismatch, check.Code);
    }

    [Fact]
    public async Task WrongTyp_WrongSub_Expired_CouldNotCheck()
    {
        PublishList(typ: "JWT");
        Assert.Equal(ErrorCodes.StatusVerification, (await Check(Credential(0))).Code);
        PublishList(sub: "https://cbo.example/statuslists/2");
        Assert.Equal(ErrorCodes.StatusVerification, (await Check(Credential(0))).Code);
        PublishList(exp: Now.AddMinutes(-1));
        Assert.Equal(ErrorCodes.StatusVerification, (await Check(Credential(0))).Code);
    }

    [Fact]
    public async Task GarbledList_CouldNotCheck()
    {
        _fetcher.Documents[Uri] = "not-a-token";
        Assert.Equal(CheckStatus.CouldNotCheck, (await Check(Credential(0))).Status);
    }

    [Theory]
    [InlineData(StatusPurpose.Revocation, ErrorCodes.CredentialRevoked)]
    [InlineData(StatusPurpose.Suspension, ErrorCodes.CredentialSuspended)]
    public async Task OurTokenStatusList_RevokeOrSuspend_IsSeenByTheVerifier(string purpose, string code)
    {
        var state = new StatusListState(Uri, purpose, RandomNumberGenerator.Create());
        Assert.True(state.TryAllocate(out var index));
        Assert.True(state.TryAllocate(out var other));
        var builder = new TokenStatusListBuilder(_clock);
        var claims = new JsonObject
        {
            ["iss"] = _issuer.PublicKey.ToDidKey(),
            ["vct"] = "https://openler.example/vct/test",
            ["status"] = TokenStatusListBuilder.Reference(state, index),
        };
        using var random = RandomNumberGenerator.Create();
        var credential = SdJwtVc.Issue(claims, _issuer, KidOf(_issuer), [], random, Now).Value.Compact;

        _fetcher.Documents[Uri] = builder.BuildSigned(state, _issuer, KidOf(_issuer), TimeSpan.FromDays(1));
        Assert.Equal(CheckStatus.Passed, (await Check(credential)).Status);

        state.SetStatus(index, true);
        state.SetStatus(other, true);
        _fetcher.Documents[Uri] = builder.BuildSigned(state, _issuer, KidOf(_issuer), TimeSpan.FromDays(1));
        Assert.Equal(code, (await Check(credential)).Code);

        if (purpose == StatusPurpose.Suspension)
        {
            state.SetStatus(index, false);
            _fetcher.Documents[Uri] = builder.BuildSigned(state, _issuer, KidOf(_issuer), TimeSpan.FromDays(1));
            Assert.Equal(CheckStatus.Passed, (await Check(credential)).Status);
        }
    }
}
