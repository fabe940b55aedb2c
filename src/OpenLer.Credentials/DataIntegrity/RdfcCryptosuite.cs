using System.Security.Cryptography;
using System.Text.Json.Nodes;
using OpenLer.Credentials.Common;
using OpenLer.Credentials.JsonLd;
using OpenLer.Credentials.Keys;
using OpenLer.Credentials.Rdf;

namespace OpenLer.Credentials.DataIntegrity;

/// <summary>
/// The RDF cryptosuites: eddsa-rdfc-2022 (VC DI EdDSA 1.0 §3.2), ecdsa-rdfc-2019 (VC DI ECDSA 1.0 §3.2) and the legacy
/// Ed25519Signature2020 (VC DI EdDSA 1.0 Appendix / the 2020 suite). Transformation: the document without its proof, and
/// the proof options with the document's "@context", each deserialized to RDF (JSON-LD 1.1 toRdf in safe mode, base
/// IRI null: DI §2.4.3) and canonicalized with RDFC-1.0; hashing: SHA-256 (SHA-384 for P-384) of each, proof first.
/// </summary>
public sealed class RdfcCryptosuite : ICryptosuite
{
    private const string Ed25519Signature2020Context = "https://w3id.org/security/suites/ed25519-2020/v1";
    private const string DataIntegrityContext = "https://w3id.org/security/data-integrity/v2";

    private static readonly RdfcOptions Sha384Rdfc = new() { HashAlgorithm = RdfcHashAlgorithm.Sha384 };

    private readonly JsonLdProcessor _processor;
    private readonly KeyType[] _keyTypes;

    private RdfcCryptosuite(string? name, string proofType, JsonLdProcessor processor, params KeyType[] keyTypes)
    {
        Name = name;
        ProofType = proofType;
        _processor = processor;
        _keyTypes = keyTypes;
    }

    public static RdfcCryptosuite EddsaRdfc2022(JsonLdProcessor processor) =>
        new("eddsa-rdfc-2022", "DataIntegrityProof", processor, KeyType.Ed25519);

    public static RdfcCryptosuite EcdsaRdfc2019(JsonLdProcessor processor) =>
        new("ecdsa-rdfc-2019", "DataIntegrityProof", processor, KeyType.P256, KeyType.P384);

    public static RdfcCryptosuite Ed25519Signature2020(JsonLdProcessor processor) =>
        new(null, "Ed25519Signature2020", processor, KeyType.Ed25519);

    public string ProofType { get; }

    public string? Name { get; }

    public bool ProofCarriesContext => false;

    public bool Supports(KeyType keyType) => Array.IndexOf(_keyTypes, keyType) >= 0;

    public string? RequiredContext(JsonObject document)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (ProofType == "Ed25519Signature2020")
        {
            return Ed25519Signature2020Context;
        }

        return HasContext(document, "https://www.w3.org/ns/credentials/v2") ? null : DataIntegrityContext;
    }

    private static bool HasInlineContext(JsonObject document) => document["@context"] switch
    {
        JsonObject => true,
        JsonArray a => a.Any(c => c is JsonObject),
        _ => false,
    };

    internal static bool HasContext(JsonObject document, string url) => document["@context"] switch
    {
        JsonValue v => v.TryGetValue<string>(out var s) && s == url,
        JsonArray a => a.Any(c => c is JsonValue cv && cv.TryGetValue<string>(out var cs) && cs == url),
        _ => false,
    };

    public Outcome<byte[]> CreateVerifyData(JsonObject unsecuredDocument, JsonObject proof, KeyType keyType, bool verifying, JsonArray? previousProofs = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(unsecuredDocument);
        ArgumentNullException.ThrowIfNull(proof);

        var rdfc = RdfcFor(keyType);
        var canonicalProof = CanonicalizeProofConfiguration(unsecuredDocument, proof, rdfc, cancellationToken);
        if (!canonicalProof.IsSuccess)
        {
            return canonicalProof.Error;
        }

        var canonicalDocument = CanonicalizeWithProofs(unsecuredDocument, previousProofs, rdfc, cancellationToken);
        if (!canonicalDocument.IsSuccess)
        {
            return canonicalDocument.Error;
        }

        // VC DI §2.4.1 "Validating Contexts" and w3c/vc-data-integrity#272: an inline context can re-map terms so that the
        // same signed triples read differently as JSON. Secured documents may use only contexts by URL (which the loader
        // pins by hash); inline contexts are refused when verifying.
        if (verifying && HasInlineContext(unsecuredDocument))
        {
            return Outcome.Error(Common.ErrorCodes.InlineContext,
                "The credential uses an inline @context; only known contexts by URL are accepted (vc-data-integrity#272).");
        }

        return HashData(canonicalProof.Value.Span, canonicalDocument.Value.Span, keyType);
    }

    /// <summary>The JSON-LD processor of this suite (for <see cref="SigningTemplate"/>).</summary>
    internal JsonLdProcessor Processor => _processor;

    /// <summary>With P-384 the whole suite uses SHA-384, RDFC-1.0's own hashing included (VC DI ECDSA test vectors, P-384).</summary>
    internal static RdfcOptions RdfcFor(KeyType keyType) => keyType == KeyType.P384 ? Sha384Rdfc : RdfcOptions.Default;

    /// <summary>The hash of the proof configuration's canonical form, then the document's (SHA-384 for P-384, else SHA-256).</summary>
    internal static byte[] HashData(ReadOnlySpan<byte> canonicalProof, ReadOnlySpan<byte> canonicalDocument, KeyType keyType)
    {
        var size = keyType == KeyType.P384 ? 48 : 32;
        var hashData = new byte[2 * size];
        HashInto(canonicalProof, hashData.AsSpan(0, size), keyType);
        HashInto(canonicalDocument, hashData.AsSpan(size), keyType);
        return hashData;
    }

    internal static void HashInto(ReadOnlySpan<byte> canonical, Span<byte> destination, KeyType keyType)
    {
        if (keyType == KeyType.P384)
        {
            SHA384.HashData(canonical, destination);
        }
        else
        {
            SHA256.HashData(canonical, destination);
        }
    }

    /// <summary>
    /// The canonical form of the proof configuration: the proof without proofValue, in the document's context
    /// (§3.2.5 steps 5-6).
    /// </summary>
    internal Outcome<ReadOnlyMemory<byte>> CanonicalizeProofConfiguration(JsonObject unsecuredDocument, JsonObject proof, RdfcOptions rdfc, CancellationToken cancellationToken)
    {
        var config = new JsonObject();
        if (unsecuredDocument["@context"] is { } context)
        {
            config["@context"] = context.DeepClone();
        }

        foreach (var (name, value) in proof)
        {
            if (name is not ("proofValue" or "@context"))
            {
                config[name] = value?.DeepClone();
            }
        }

        return Canonicalize(config, rdfc, cancellationToken);
    }

    /// <summary>
    /// The canonical N-Quads of a JSON-LD document (safe mode, base IRI null): what the suite hashes. Both steps
    /// (JSON-LD toRdf and RDFC-1.0) observe <paramref name="cancellationToken"/> at loop granularity.
    /// </summary>
    public Outcome<ReadOnlyMemory<byte>> Canonicalize(JsonObject document, RdfcOptions? rdfcOptions = null, CancellationToken cancellationToken = default)
    {
        var dataset = _processor.ToRdf(document, JsonLdOptions.Credential, null, cancellationToken);
        if (!dataset.IsSuccess)
        {
            return dataset.Error;
        }

        var canonical = RdfCanonicalizer.Canonicalize(dataset.Value, rdfcOptions, cancellationToken);
        return canonical.IsSuccess ? canonical.Value.Utf8NQuads : canonical.Error;
    }

    /// <summary>
    /// Canonicalizes the document as if its "proof" were absent (or were <paramref name="previousProofs"/>), without
    /// copying it: the proof is detached for the duration of the transformation and put back where it was.
    /// </summary>
    private Outcome<ReadOnlyMemory<byte>> CanonicalizeWithProofs(JsonObject document, JsonArray? previousProofs, RdfcOptions rdfcOptions, CancellationToken cancellationToken)
    {
        var index = document.IndexOf("proof");
        if (index < 0 && previousProofs is null)
        {
            return Canonicalize(document, rdfcOptions, cancellationToken);
        }

        var proof = index < 0 ? null : document["proof"];
        if (index >= 0)
        {
            document.RemoveAt(index);
        }

        if (previousProofs is not null)
        {
            document["proof"] = previousProofs.DeepClone();
        }

        try
        {
            return Canonicalize(document, rdfcOptions, cancellationToken);
        }
        finally
        {
            document.Remove("proof");
            if (index >= 0)
            {
                document.Insert(index, "proof", proof);
            }
        }
    }
}
