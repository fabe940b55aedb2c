using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using OpenLer.Credentials.Common;
using OpenLer.Credentials.DataIntegrity;
using OpenLer.Credentials.Json;
using OpenLer.Credentials.Keys;
using OpenLer.Credentials.Status;
using OpenLer.Credentials.Tests.Support;
using OpenLer.Credentials.Verification;

namespace OpenLer.Credentials.Tests.Status;

public sealed class BitstringStatusCheckerTests : IDisposable
{
    private const string ListUrl = "https://cbo.example/status/revocation/1";
    private readonly KeyPair _issuerKey = KeyPair.Generate(KeyType.Ed25519);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly MemoryStatusListFetcher _fetcher = new();
    private readonly StatusListState _list = new(ListUrl, StatusPurpose.Revocation, RandomNumberGenerator.Create());

    private string Issuer => _issuerKey.PublicKey.ToDidKey();

    private static string MethodOf(KeyPair key) => key.PublicKey.ToDidKey() + "#" + key.PublicKey.ToMultibase();

    public void Dispose() => _issuerKey.Dispose();

    private void Publish(StatusListState list, KeyPair? signer = null, string? issuer = null, TimeSpan? validity = null, string suite = "eddsa-rdfc-2022")
    {
        var key = signer ?? _issuerKey;
        var builder = new StatusListCredentialBuilder(new DataIntegritySigner(Cryptosuites.Default, _clock), _clock);
        var signed = builder.BuildSigned(list, issuer ?? key.PublicKey.ToDidKey(), key, MethodOf(key), validity, suite);
        Assert.True(signed.IsSuccess, signed.Error?.ToString());
        _fetcher.Documents[list.ListCredentialId] = StrictJson.Serialize(signed.Value);
    }

    private CredentialVerifier Verifier(BitstringStatusCheckerOptions? options = null)
    {
        var verifierOptions = new CredentialVerifierOptions { TimeProvider = _clock };
        return new CredentialVerifier(verifierOptions with { StatusChecker = new BitstringStatusChecker(_fetcher, verifierOptions, options) });
    }

    private JsonObject IssueWith(JsonObject status)
    {
        var credential = TestCredentials.OpenBadge(Issuer);
        credential["credentialStatus"] = status;
        return TestCredentials.Sign(credential, _issuerKey);
    }

    private JsonObject IssueWithNewIndex(out int index)
    {
        Assert.True(_list.TryAllocate(out index));
        return IssueWith(_list.CreateEntry(index));
    }

    private async Task<VerificationResult> Verify(JsonObject credential, CredentialVerifier? verifier = null) =>
        await (verifier ?? Verifier()).VerifyAsync(StrictJson.Serialize(credential), TestContext.Current.CancellationToken);

    [Fact]
    public async Task NotRevoked_Passes_Revoked_Fails()
    {
        var credential = IssueWithNewIndex(out var index);
        var other = IssueWithNewIndex(out _);
        Publish(_list);
        var result = await Verify(credential);
        Assert.True(result.Verified, result.FirstProblem?.ToString());
        Assert.Equal(CheckStatus.Passed, result[CheckNames.Status]!.Status);

        _list.SetStatus(index, true);
        Publish(_list);
        var revoked = await Verify(credential);
        Assert.False(revoked.Verified);
        Assert.Equal(CheckStatus.Failed, revoked[CheckNames.Status]!.Status);
        Assert.Equal(ErrorCodes.CredentialRevoked, revoked[CheckNames.Status]!.Code);
        Assert.True((await Verify(other)).Verified);
    }

    [Fact]
    public async Task Suspended_FailsAndReinstatedPasses()
    {
        var list = new StatusListState("https://cbo.example/status/suspension/1", StatusPurpose.Suspension, RandomNumberGenerator.Create());
        Assert.True(list.TryAllocate(out var index));
        var credential = IssueWith(list.CreateEntry(index));
        list.SetStatus(index, true);
        Publish(list);
        var suspended = await Verify(credential);
        Assert.Equal(ErrorCodes.CredentialSuspended, suspended[CheckNames.Status]!.Code);

        list.SetStatus(index, false);
        Publish(list);
        Assert.True((await Verify(credential)).Verified);
    }

    [Fact]
    public async Task MissingList_CouldNotCheck()
    {
        var credential = IssueWithNewIndex(out _);
        var result = await Verify(credential);
        Assert.False(result.Verified);
        Assert.Equal(CheckStatus.CouldNotCheck, result[CheckNames.Status]!.Status);
        Assert.Equal(ErrorCodes.StatusRetrieval, result[CheckNames.Status]!.Code);
    }

    [Fact]
    public async Task ListSignedByAnotherIssuer_CouldNotCheck()
    {
        using var stranger = KeyPair.Generate(KeyType.Ed25519);
        var credential = IssueWithNewIndex(out _);
        Publish(_list, stranger); // a valid list, but the stranger's
        var result = await Verify(credential);
        Assert.Equal(CheckStatus.CouldNotCheck, result[CheckNames.Status]!.Status);
        Assert.Equal(ErrorCodes.StatusListIssuerMismatch, result[CheckNames.Status]!.Code);
    }

    [Fact]
    public async Task ListClaimingOurIssuerButSignedByAStranger_CouldNotCheck()
    {
        using var stranger = KeyPair.Generate(KeyType.Ed25519);
        var credential = IssueWithNewIndex(out _);
        Publish(_list, stranger, issuer: Issuer);
        var result = await Verify(credential);
        Assert.Equal(CheckStatus.CouldNotCheck, result[CheckNames.Status]!.Status);
        Assert.Equal(ErrorCodes.StatusVerification, result[CheckNames.Status]!.Code);
    }

    [Fact]
    public async Task TamperedList_CouldNotCheck()
    {
        var credential = IssueWithNewIndex(out var index);
        _list.SetStatus(index, true);
        Publish(_list);
        var tampered = StrictJson.ParseObject(_fetcher.Documents[ListUrl]).Value;
        tampered["credentialSubject"]!["encodedList"] = BitstringStatusList.Encode(new byte[BitstringStatusList.MinimumLength / 8]);
        _fetcher.Documents[ListUrl] = StrictJson.Serialize(tampered);
        var result = await Verify(credential);
        Assert.Equal(CheckStatus.CouldNotCheck, result[CheckNames.Status]!.Status);
        Assert.Equal(ErrorCodes.StatusVerification, result[CheckNames.Status]!.Code);
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("{\"a\":1}")]
    [InlineData("eyJhbGciOiJub25lIn0.e30.")]
    public async Task MalformedList_CouldNotCheck(string document)
    {
        var credential = IssueWithNewIndex(out _);
        _fetcher.Documents[ListUrl] = document;
        var result = await Verify(credential);
        Assert.Equal(CheckStatus.CouldNotCheck, result[CheckNames.Status]!.Status);
        Assert.Equal(ErrorCodes.StatusVerification, result[CheckNames.Status]!.Code);
    }

    [Fact]
    public async Task ExpiredList_CouldNotCheck()
    {
        var credential = IssueWithNewIndex(out _);
        Publish(_list, validity: TimeSpan.FromHours(1));
        _clock.Advance(TimeSpan.FromHours(2));
        var result = await Verify(credential);
        Assert.Equal(CheckStatus.CouldNotCheck, result[CheckNames.Status]!.Status);
        Assert.Contains(ErrorCodes.CredentialExpired, result[CheckNames.Status]!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ShortList_CouldNotCheck()
    {
        var credential = IssueWithNewIndex(out _);
        Publish(_list);
        var unsigned = new StatusListCredentialBuilder(new DataIntegritySigner(Cryptosuites.Default, _clock), _clock).Build(_list, Issuer);
        unsigned["credentialSubject"]!["encodedList"] = BitstringStatusList.Encode(new byte[1024]);
        _fetcher.Documents[ListUrl] = StrictJson.Serialize(TestCredentials.Sign(unsigned, _issuerKey));
        var result = await Verify(credential);
        Assert.Equal(CheckStatus.CouldNotCheck, result[CheckNames.Status]!.Status);
        Assert.Equal(ErrorCodes.StatusListLength, result[CheckNames.Status]!.Code);
    }

    [Theory]
    [InlineData("131072", ErrorCodes.StatusRange)]
    [InlineData("-1", ErrorCodes.MalformedValue)]
    [InlineData("01", ErrorCodes.MalformedValue)]
    [InlineData("1e3", ErrorCodes.MalformedValue)]
    public async Task BadIndex_CouldNotCheck(string index, string code)
    {
        Publish(_list);
        var entry = _list.CreateEntry(0);
        entry["statusListIndex"] = index;
        var result = await Verify(IssueWith(entry));
        Assert.Equal(CheckStatus.CouldNotCheck, result[CheckNames.Status]!.Status);
        Assert.Equal(code, result[CheckNames.Status]!.Code);
    }

    [Fact]
    public async Task PurposeMismatch_CouldNotCheck()
    {
        Publish(_list);
        Assert.True(_list.TryAllocate(out var index));
        var entry = _list.CreateEntry(index);
        entry["statusPurpose"] = StatusPurpose.Suspension;
        var result = await Verify(IssueWith(entry));
        Assert.Equal(CheckStatus.CouldNotCheck, result[CheckNames.Status]!.Status);
        Assert.Equal(ErrorCodes.StatusVerification, result[CheckNames.Status]!.Code);
    }

    [Fact]
    public async Task UnknownStatusType_CouldNotCheck()
    {
        var result = await Verify(IssueWith(new JsonObject { ["type"] = "CredentialStatusList2017", ["id"] = "https://x.example/1" }));
        Assert.Equal(CheckStatus.CouldNotCheck, result[CheckNames.Status]!.Status);
        Assert.Equal(ErrorCodes.UnsupportedStatus, result[CheckNames.Status]!.Code);
    }

    [Fact]
    public async Task List_IsCachedWithinMaxAgeThenRefetched()
    {
        var credential = IssueWithNewIndex(out var index);
        Publish(_list);
        var verifier = Verifier(new BitstringStatusCheckerOptions { MaxCacheAge = TimeSpan.FromMinutes(5) });
        Assert.True((await Verify(credential, verifier)).Verified);
        Assert.True((await Verify(credential, verifier)).Verified);
        Assert.Equal(1, _fetcher.Fetches);

        _list.SetStatus(index, true);
        Publish(_list);
        Assert.True((await Verify(credential, verifier)).Verified); // still the cached list
        _clock.Advance(TimeSpan.FromMinutes(6));
        Assert.Equal(ErrorCodes.CredentialRevoked, (await Verify(credential, verifier))[CheckNames.Status]!.Code);
        Assert.Equal(2, _fetcher.Fetches);
    }

    [Fact]
    public async Task List_IsNotCachedBeyondItsValidUntil()
    {
        var credential = IssueWithNewIndex(out _);
        Publish(_list, validity: TimeSpan.FromMinutes(2));
        var verifier = Verifier(new BitstringStatusCheckerOptions { MaxCacheAge = TimeSpan.FromHours(1) });
        Assert.True((await Verify(credential, verifier)).Verified);
        _clock.Advance(TimeSpan.FromMinutes(3));
        var result = await Verify(credential, verifier);
        Assert.Equal(2, _fetcher.Fetches);
        Assert.Equal(CheckStatus.CouldNotCheck, result[CheckNames.Status]!.Status);
    }

    [Fact]
    public async Task FailedListsAreNotCached()
    {
        var credential = IssueWithNewIndex(out _);
        var verifier = Verifier();
        Assert.False((await Verify(credential, verifier)).Verified);
        Publish(_list);
        Assert.True((await Verify(credential, verifier)).Verified);
    }

    [Fact]
    public async Task JcsSignedList_AlsoVerifies()
    {
        var credential = IssueWithNewIndex(out _);
        Publish(_list, suite: "eddsa-jcs-2022");
        Assert.True((await Verify(credential)).Verified);
    }

    [Fact]
    public async Task DccStatusLists_VerifyAsCredentialsAndDecode()
    {
        var folder = Path.Combine(SharedFolder.VectorsOrSkip("credentials"), "dcc-vc-test-fixtures", "statusLists", "didkey-ed25519Signature2020");
        var verifier = new CredentialVerifier();
        var valid = await verifier.VerifyAsync(File.ReadAllText(Path.Combine(folder, "e5WK8CbZ1GjycuPombrj")), TestContext.Current.CancellationToken);
        Assert.True(valid.Verified, valid.FirstProblem?.ToString());
        var bits = BitstringStatusList.Decode((string?)valid.Credential!.Document["credentialSubject"]!["encodedList"]);
        Assert.True(bits.IsSuccess);
        // 100,000 entries with indexes 2, 6 and 8 revoked: shorter than the 131,072 our checker requires (STATUS_LIST_LENGTH_ERROR).
        Assert.Equal(12_500, bits.Value.Length);
        Assert.Equal([2, 6, 8], Enumerable.Range(0, 100_000).Where(i => BitstringStatusList.ReadMsbFirst(bits.Value, i) == 1));

        var tampered = await verifier.VerifyAsync(File.ReadAllText(Path.Combine(folder, "tampered")), TestContext.Current.CancellationToken);
        Assert.False(tampered.Verified);
        var expired = await verifier.VerifyAsync(File.ReadAllText(Path.Combine(folder, "expired")), TestContext.Current.CancellationToken);
        Assert.Equal(ErrorCodes.CredentialExpired, expired.FirstProblem?.Code);
    }
}
