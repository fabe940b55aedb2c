using OpenLer.Credentials.Common;
using OpenLer.Credentials.Dids;
using OpenLer.Credentials.Json;
using OpenLer.Credentials.SdJwt;
using OpenLer.Credentials.Status;
using OpenLer.Credentials.Verification;

namespace OpenLer.Cli;

/// <summary>Builds the CLI's verifier: did:key and did:jwk locally; did:web from mapped files or, if allowed, HTTPS.</summary>
internal static class VerifierFactory
{
    public static CredentialVerifier Create(IReadOnlyDictionary<string, byte[]> didWebDocuments, IHttpsFetcher? fetcher,
        IStatusListFetcher? statusLists = null, KeyBindingRequirement? keyBinding = null)
    {
        IDidResolver? didWeb = didWebDocuments.Count > 0 || fetcher is not null
            ? new MappedDidWebResolver(didWebDocuments, fetcher is null ? null : new DidWebResolver(fetcher))
            : null;
        var resolver = new DidResolver(didWeb);
        var options = new CredentialVerifierOptions
        {
            DidResolver = resolver,
            VerificationMethods = new DidVerificationMethodResolver(resolver),
            KeyBinding = keyBinding,
        };
        return new CredentialVerifier(statusLists is null ? options : options with
        {
            StatusChecker = new CombinedStatusChecker(statusLists, options),
        });
    }

    /// <summary>Reads NAME=FILE options into a map of file contents; null (after a message) when one is malformed.</summary>
    public static Dictionary<string, byte[]>? ReadMappings(string[] mappings, string option, TextWriter stderr)
    {
        var mapped = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var mapping in mappings)
        {
            var eq = mapping.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || !File.Exists(mapping[(eq + 1)..]))
            {
                stderr.WriteLine($"{option} expects NAME=FILE with an existing file: {mapping}");
                return null;
            }

            mapped[mapping[..eq]] = File.ReadAllBytes(mapping[(eq + 1)..]);
        }

        return mapped;
    }

    /// <summary>did:web documents supplied as files (offline), falling back to a network resolver when one is given.</summary>
    private sealed class MappedDidWebResolver(IReadOnlyDictionary<string, byte[]> documents, IDidResolver? fallback) : IDidResolver
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

            return fallback?.ResolveAsync(did, cancellationToken)
                ?? ValueTask.FromResult(Outcome<DidDocument>.Fail(ErrorCodes.DidResolution,
                    $"No document for {did}: pass --did-web {did}=FILE or --allow-network."));
        }
    }
}
