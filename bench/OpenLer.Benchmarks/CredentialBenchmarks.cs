using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using OpenLer.Credentials.DataIntegrity;
using OpenLer.Credentials.Dids;
using OpenLer.Credentials.Jcs;
using OpenLer.Credentials.Jose;
using OpenLer.Credentials.Json;
using OpenLer.Credentials.Keys;
using OpenLer.Credentials.Verification;

namespace OpenLer.Benchmarks;

/// <summary>
/// The credentials core on a typical Open Badges 3.0 credential (the JSON-LD tests' <c>SampleCredentials.OpenBadge</c>, ~2 KB):
/// JCS, sign and verify with eddsa-jcs-2022, ecdsa-jcs-2019 and VC-JOSE (EdDSA, ES256), and raw Ed25519 / P-256 as the floor.
/// Verification includes did:key resolution, as in the JS stack's bench.mjs.
/// </summary>
[MemoryDiagnoser]
public class CredentialBenchmarks
{
    private static readonly byte[] Message64 = new byte[64];
    private KeyPair _ed25519 = null!;
    private KeyPair _p256 = null!;
    private JsonObject _ed25519Unsigned = null!;
    private JsonObject _p256Unsigned = null!;
    private JsonObject _eddsaJcsSigned = null!;
    private JsonObject _ecdsaJcsSigned = null!;
    private string _eddsaJcsSignedText = null!;
    private string _vcJwtEdDsa = null!;
    private string _vcJwtEs256 = null!;
    private byte[] _rawEd25519Signature = null!;
    private byte[] _rawP256Signature = null!;
    private DataIntegritySigner _signer = null!;
    private DataIntegrityVerifier _verifier = null!;
    private CredentialVerifier _credentialVerifier = null!;
    private readonly ProofExpectations _expectations = new();

    [GlobalSetup]
    public void Setup()
    {
        _ed25519 = KeyPair.Generate(KeyType.Ed25519);
        _p256 = KeyPair.Generate(KeyType.P256);
        _ed25519Unsigned = Sample(_ed25519.PublicKey.ToDidKey());
        _p256Unsigned = Sample(_p256.PublicKey.ToDidKey());
        _signer = new DataIntegritySigner(CryptosuiteRegistry.Jcs, TimeProvider.System);
        _verifier = new DataIntegrityVerifier(CryptosuiteRegistry.Jcs, new DidVerificationMethodResolver(DidResolver.Offline), TimeProvider.System);
        _credentialVerifier = new CredentialVerifier();
        _eddsaJcsSigned = SignEddsaJcs2022();
        _ecdsaJcsSigned = SignEcdsaJcs2019();
        _eddsaJcsSignedText = StrictJson.Serialize(_eddsaJcsSigned);
        _vcJwtEdDsa = SignVcJwtEdDsa();
        _vcJwtEs256 = SignVcJwtEs256();
        _rawEd25519Signature = _ed25519.Sign(Message64);
        _rawP256Signature = _p256.Sign(Message64);
        if (!VerifyEddsaJcs2022() || !VerifyEcdsaJcs2019() || !VerifyEddsaJcs2022FromText() || !VerifyVcJwtEdDsa() || !VerifyVcJwtEs256())
        {
            throw new InvalidOperationException("A benchmark credential does not verify.");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _ed25519.Dispose();
        _p256.Dispose();
    }

    [Benchmark(Description = "JCS canonicalize OB 3.0 credential")]
    public byte[] Jcs() => JsonCanonicalizer.Canonicalize(_ed25519Unsigned);

    [Benchmark(Description = "sign eddsa-jcs-2022")]
    public JsonObject SignEddsaJcs2022() => _signer.Sign(_ed25519Unsigned, _ed25519, Options("eddsa-jcs-2022", _ed25519)).Value;

    [Benchmark(Description = "verify eddsa-jcs-2022")]
    public bool VerifyEddsaJcs2022() =>
        _verifier.VerifyAsync(_eddsaJcsSigned, _expectations with { ExpectedController = _ed25519.PublicKey.ToDidKey() }).GetAwaiter().GetResult().Verified;

    [Benchmark(Description = "verify eddsa-jcs-2022 from JSON text (all checks)")]
    public bool VerifyEddsaJcs2022FromText() => _credentialVerifier.VerifyAsync(_eddsaJcsSignedText).GetAwaiter().GetResult().Verified;

    [Benchmark(Description = "sign ecdsa-jcs-2019 P-256")]
    public JsonObject SignEcdsaJcs2019() => _signer.Sign(_p256Unsigned, _p256, Options("ecdsa-jcs-2019", _p256)).Value;

    [Benchmark(Description = "verify ecdsa-jcs-2019 P-256")]
    public bool VerifyEcdsaJcs2019() =>
        _verifier.VerifyAsync(_ecdsaJcsSigned, _expectations with { ExpectedController = _p256.PublicKey.ToDidKey() }).GetAwaiter().GetResult().Verified;

    [Benchmark(Description = "sign vc+jwt EdDSA")]
    public string SignVcJwtEdDsa() => VcJose.Secure(_ed25519Unsigned, _ed25519, Kid(_ed25519));

    [Benchmark(Description = "verify vc+jwt EdDSA (all checks)")]
    public bool VerifyVcJwtEdDsa() => _credentialVerifier.VerifyAsync(_vcJwtEdDsa).GetAwaiter().GetResult().Verified;

    [Benchmark(Description = "sign vc+jwt ES256")]
    public string SignVcJwtEs256() => VcJose.Secure(_p256Unsigned, _p256, Kid(_p256));

    [Benchmark(Description = "verify vc+jwt ES256 (all checks)")]
    public bool VerifyVcJwtEs256() => _credentialVerifier.VerifyAsync(_vcJwtEs256).GetAwaiter().GetResult().Verified;

    [Benchmark(Description = "raw Ed25519 sign 64 B")]
    public byte[] RawEd25519Sign() => _ed25519.Sign(Message64);

    [Benchmark(Description = "raw Ed25519 verify 64 B")]
    public bool RawEd25519Verify() => _ed25519.PublicKey.Verify(Message64, _rawEd25519Signature);

    [Benchmark(Description = "raw P-256 sign 64 B")]
    public byte[] RawP256Sign() => _p256.Sign(Message64);

    [Benchmark(Description = "raw P-256 verify 64 B")]
    public bool RawP256Verify() => _p256.PublicKey.Verify(Message64, _rawP256Signature);

    internal static JsonObject Sample(string issuer)
    {
        var credential = JsonNode.Parse(Credentials.Tests.JsonLd.SampleCredentials.OpenBadge)!.AsObject();
        credential["issuer"]!["id"] = issuer;
        return credential;
    }

    private static string Kid(KeyPair key) => key.PublicKey.ToDidKey() + "#" + key.PublicKey.ToMultibase();

    private static ProofOptions Options(string suite, KeyPair key) => new()
    {
        Cryptosuite = suite,
        VerificationMethod = Kid(key),
        Created = new DateTimeOffset(2026, 1, 15, 0, 0, 0, TimeSpan.Zero),
    };
}
