using OpenLer.Credentials.Common;

namespace OpenLer.Credentials.Dids;

/// <summary>Dispatches on the DID method: did:key and did:jwk locally; did:web only when a did:web resolver is given.</summary>
public sealed class DidResolver(IDidResolver? didWeb = null, IReadOnlyDictionary<string, IDidResolver>? others = null) : IDidResolver
{
    private static readonly DidKey KeyResolver = new();
    private static readonly DidJwk JwkResolver = new();

    /// <summary>Resolves did:key and did:jwk only; no network.</summary>
    public static DidResolver Offline { get; } = new();

    public ValueTask<Outcome<DidDocument>> ResolveAsync(string did, CancellationToken cancellationToken = default)
    {
        if (did is null || did.Length > DidUrl.MaxLength || !DidUrl.IsDid(did))
        {
            return ValueTask.FromResult<Outcome<DidDocument>>(Outcome.Error(ErrorCodes.InvalidDid, "Not a valid DID."));
        }

        var method = DidUrl.MethodOf(did);
        IDidResolver? resolver = method switch
        {
            "key" => KeyResolver,
            "jwk" => JwkResolver,
            "web" => didWeb,
            _ => others is not null && others.TryGetValue(method, out var r) ? r : null,
        };
        return resolver is null
            ? ValueTask.FromResult<Outcome<DidDocument>>(Outcome.Error(ErrorCodes.UnsupportedDidMethod, $"DID method '{method}' is not supported."))
            : resolver.ResolveAsync(did, cancellationToken);
    }
}
