using OpenLer.Credentials.Common;
using OpenLer.Credentials.DataIntegrity;
using OpenLer.Credentials.Dids;
using System.Security.Cryptography;
using OpenLer.Credentials.Json;
using OpenLer.Credentials.JsonLd;
using OpenLer.Credentials.SdJwt;
using OpenLer.Credentials.Status;
using OpenLer.Credentials.Verification;

namespace OpenLer.Cli;

/// <summary>What the CLI's verifier may use besides the credential: supplied documents, the network (only if allowed), schemas.</summary>
internal sealed record VerifierSettings
{
    /// <summary>did:web documents by DID (--did-web DID=FILE).</summary>
    public IReadOnlyDictionary<string, byte[]> DidWebDocuments { get; init; } = new Dictionary<string, byte[]>();

    /// <summary>Documents by https URL (--url URL=FILE): issuer profiles, key documents, status lists, did.json files.</summary>
    public IReadOnlyDictionary<string, byte[]> UrlDocuments { get; init; } = new Dictionary<string, byte[]>();

    /// <summary>The network, only with --allow-network; null means nothing is fetched.</summary>
    public IHttpsFetcher? Network { get; init; }

    /// <summary>The folder of operator-supplied JSON Schemas (--schemas DIR), or null.</summary>
    public string? SchemasFolder { get; init; }

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>The proof suites (and through them the JSON-LD contexts) accepted; null: the product defaults.</summary>
    public CryptosuiteRegistry? Cryptosuites { get; init; }

    /// <summary>SD-JWT key binding the verifier requires (--nonce, --aud), or null.</summary>
    public KeyBindingRequirement? KeyBinding { get; init; }

    /// <summary>JSON-LD contexts the operator adds by URL (--context URL=FILE), e.g. the CLR 2.0 context.</summary>
    public IReadOnlyDictionary<string, byte[]> Contexts { get; init; } = new Dictionary<string, byte[]>();

    /// <summary>The issuers to trust (--trust DID), or null for no trust check; when set, an issuer not in it fails verification.</summary>
    public IIssuerTrustList? TrustList { get; init; }
}

/// <summary>Builds the CLI's verifier: did:key and did:jwk locally; did:web and https documents from mapped files or, if allowed, HTTPS.</summary>
internal static class VerifierFactory
{
    /// <summary>Builds the verifier; an error when an added context is not a valid context document.</summary>
    public static Outcome<CredentialVerifier> TryCreate(VerifierSettings settings)
    {
        var suites = settings.Cryptosuites;
        if (settings.Contexts.Count > 0)
        {
            var added = settings.Contexts.Select(c => new KnownContext(c.Key, c.Value, Convert.ToHexStringLower(SHA256.HashData(c.Value)))).ToList();
            var loader = ContextDocumentLoader.Create(new ContextLoaderOptions { AdditionalContexts = added });
            if (!loader.IsSuccess)
            {
                return loader.Error;
            }

            suites = OpenLer.Credentials.DataIntegrity.Cryptosuites.All(new JsonLdProcessor(loader.Value));
        }

        return Create(settings with { Cryptosuites = suites, Contexts = new Dictionary<string, byte[]>() });
    }

    public static CredentialVerifier Create(VerifierSettings settings)
    {
        var fetcher = new MappedHttpsFetcher(settings.UrlDocuments, settings.Network);
        var resolver = new DidResolver(new MappedDidWebResolver(settings.DidWebDocuments, new DidWebResolver(fetcher)));
        var options = new CredentialVerifierOptions
        {
            DidResolver = resolver,
            VerificationMethods = new SchemeVerificationMethodResolver(new DidVerificationMethodResolver(resolver), new HttpsVerificationMethodResolver(fetcher)),
            SchemaValidator = settings.SchemasFolder is null ? null : JsonSchemaCredentialValidator.FromFolder(settings.SchemasFolder),
            TimeProvider = settings.TimeProvider,
            Cryptosuites = settings.Cryptosuites ?? OpenLer.Credentials.DataIntegrity.Cryptosuites.Default,
            KeyBinding = settings.KeyBinding,
            TrustList = settings.TrustList,
            RequireTrustedIssuer = settings.TrustList is not null,
        };

        // Bitstring Status List and IETF Token Status List: lists come through the same door (--url files, or the network if
        // allowed) and are verified with the same resolvers, suites and clock.
        return new CredentialVerifier(options with { StatusChecker = new CombinedStatusChecker(new HttpsStatusListFetcher(fetcher), options) });
    }

    /// <summary>did:web documents supplied as files (offline), falling back to the (mapped or network) resolver.</summary>
    private sealed class MappedDidWebResolver(IReadOnlyDictionary<string, byte[]> documents, IDidResolver fallback) : IDidResolver
    {
        public ValueTask<Outcome<DidDocument>> ResolveAsync(string did, CancellationToken cancellationToken = default)
        {
            if (documents.TryGetValue(did, out var bytes))
            {
                var json = StrictJson.ParseObject(bytes);
                return ValueTask.FromResult(json.IsSuccess
                    ? DidDocumentReader.Read(json.Value, did)
                    : Outcome<DidDocument>.Fail(ErrorCodes.InvalidControlledIdentifierDocument, json.Error.Message));
            }

            return fallback.ResolveAsync(did, cancellationToken);
        }
    }
}
