using OpenLer.Credentials.Keys;

namespace OpenLer.Credentials.Protocols.Oid4Vci;

/// <summary>
/// A verified key proof: the holder's public key the credential is to be bound to, the holder's DID (from a did:key / did:jwk
/// <c>kid</c>, or the did:jwk of a <c>jwk</c> header) for W3C credentials' subject id, and the nonce it answered.
/// </summary>
public sealed record HolderKeyProof(PublicKey Key, string Did, string Nonce, DateTimeOffset IssuedAt)
{
    public override string ToString() => $"key proof by {Did}";
}
