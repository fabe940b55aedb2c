using OpenLer.Credentials.Common;

namespace OpenLer.Credentials.Dids;

/// <summary>Dereferences DID URLs with fragments (DID Core §7.2) through an <see cref="IDidResolver"/>.</summary>
public sealed class DidVerificationMethodResolver(IDidResolver resolver) : IVerificationMethodResolver
{
    public async ValueTask<Outcome<ResolvedVerificationMethod>> ResolveAsync(string verificationMethodUrl, CancellationToken cancellationToken = default)
    {
        var did = DidUrl.DidOf(verificationMethodUrl);
        if (did is null)
        {
            return Outcome.Error(ErrorCodes.InvalidVerificationMethodUrl, "The verification method is not a DID URL.");
        }

        var document = await resolver.ResolveAsync(did, cancellationToken).ConfigureAwait(false);
        if (!document.IsSuccess)
        {
            return document.Error;
        }

        // A bare did:key / did:jwk (no fragment), as some Open Badges issuers write it, names the one key the DID encodes.
        var method = document.Value.Find(verificationMethodUrl)
            ?? (verificationMethodUrl == did && DidUrl.MethodOf(did) is "key" or "jwk" && document.Value.VerificationMethods.Length == 1
                ? document.Value.VerificationMethods[0]
                : null);
        if (method is null)
        {
            return Outcome.Error(ErrorCodes.InvalidVerificationMethod, "The DID document has no such verification method.");
        }

        var relationships = new HashSet<VerificationRelationship>();
        foreach (var relationship in VerificationRelationships.All)
        {
            if (document.Value.Authorizes(method.Id, relationship))
            {
                relationships.Add(relationship);
            }
        }

        return new ResolvedVerificationMethod(method, document.Value.Id, relationships);
    }
}
