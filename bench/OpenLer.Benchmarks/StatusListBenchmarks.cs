using System.Security.Cryptography;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using OpenLer.Credentials.Common;
using OpenLer.Credentials.Json;
using OpenLer.Credentials.Keys;
using OpenLer.Credentials.Status;
using OpenLer.Credentials.Verification;

namespace OpenLer.Benchmarks;

/// <summary>
/// Revoking one credential among 100,000 issued (131,072-entry list, 100,000 indexes allocated): set the bit, GZIP the list
/// and re-sign the BitstringStatusListCredential; and a verifier's status check, cold (fetch + verify the list's proof +
/// decode) and cached.
/// </summary>
[MemoryDiagnoser]
public class StatusListBenchmarks
{
    private const string ListUrl = "https://cbo.example/status/revocation/1";
    private KeyPair _key = null!;
    private StatusListState _state = null!;
    private StatusListCredentialBuilder _builder = null!;
    private int[] _indexes = null!;
    private int _next;
    private JsonObject _credential = null!;
    private Fetcher _fetcher = null!;
    private BitstringStatusChecker _warm = null!;
    private CredentialVerifierOptions _options = null!;

    [Params("eddsa-rdfc-2022", "eddsa-jcs-2022")]
    public string Cryptosuite { get; set; } = "eddsa-rdfc-2022";

    [GlobalSetup]
    public void Setup()
    {
        _key = KeyPair.Generate(KeyType.Ed25519);
        _state = new StatusListState(ListUrl, StatusPurpose.Revocation, RandomNumberGenerator.Create());
        _indexes = new int[100_000];
        for (var i = 0; i < _indexes.Length; i++)
        {
            _state.TryAllocate(out _indexes[i]);
        }

        _builder = new StatusListCredentialBuilder();
        var issuer = _key.PublicKey.ToDidKey();
        _credential = new JsonObject
        {
            ["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2"),
            ["type"] = new JsonArray("VerifiableCredential"),
            ["issuer"] = issuer,
            ["credentialSubject"] = new JsonObject { ["id"] = "did:example:amina" },
            ["credentialStatus"] = _state.CreateEntry(_indexes[^1]),
        };
        _fetcher = new Fetcher(StrictJson.Serialize(Publish()));
        _options = new CredentialVerifierOptions();
        _warm = new BitstringStatusChecker(_fetcher, _options);
        _warm.CheckAsync(_credential, CredentialFormats.LdpVc).AsTask().GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup() => _key.Dispose();

    private JsonObject Publish() =>
        _builder.BuildSigned(_state, _key.PublicKey.ToDidKey(), _key, _key.PublicKey.ToDidKey() + "#" + _key.PublicKey.ToMultibase(), cryptosuite: Cryptosuite).Value;

    /// <summary>Revoke one more credential, then re-encode and re-sign the list (what the issuer does per revocation).</summary>
    [Benchmark]
    public JsonObject RevokeAndResign()
    {
        _state.SetStatus(_indexes[_next++ % (_indexes.Length - 1)], true);
        return Publish();
    }

    /// <summary>A verifier with an empty cache: fetch, verify the list credential's proof, decode, read the bit.</summary>
    [Benchmark]
    public CheckResult StatusCheckCold() =>
        new BitstringStatusChecker(_fetcher, _options).CheckAsync(_credential, CredentialFormats.LdpVc).AsTask().GetAwaiter().GetResult();

    /// <summary>A verifier that checked this list recently (cached within its validity).</summary>
    [Benchmark]
    public CheckResult StatusCheckCached() =>
        _warm.CheckAsync(_credential, CredentialFormats.LdpVc).AsTask().GetAwaiter().GetResult();

    private sealed class Fetcher(string document) : IStatusListFetcher
    {
        public ValueTask<Outcome<string>> FetchAsync(string url, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(Outcome<string>.Ok(document));
    }
}
