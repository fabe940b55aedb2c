using OpenLer.Credentials.Keys;

namespace OpenLer.Credentials.Dids;

/// <summary>
/// A verification method (Controlled Identifiers 1.0 §2.2): an absolute id (DID URL), a type, a controller and the public key
/// it carries (Multikey, JsonWebKey/JsonWebKey2020, Ed25519VerificationKey2020/2018). <see cref="Key"/> is null for key
/// types we cannot verify with (e.g. X25519 key agreement keys, secp256k1): such a method never verifies a signature.
/// </summary>
public sealed record VerificationMethod(string Id, string Type, string Controller, PublicKey? Key);
