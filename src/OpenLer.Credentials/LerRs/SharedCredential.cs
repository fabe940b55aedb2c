using System.Text.Json.Nodes;

namespace OpenLer.Credentials.LerRs;

/// <summary>
/// A credential as the applicant shared it: <see cref="AsShared"/> is what they sent (a JSON-LD credential object, or
/// the compact JWT / SD-JWT string), <see cref="Document"/> the credential the verifier read from it, <see cref="Format"/>
/// the verifier's format name (ldp_vc, vc+jwt, jwt_vc_json, dc+sd-jwt) and <see cref="VerifiesNow"/> the caller's
/// verdict (genuine, trusted issuer, not revoked, not expired). <see cref="FallbackId"/> names a credential without an id.
/// </summary>
public sealed record SharedCredential(JsonNode AsShared, JsonObject Document, string Format, bool VerifiesNow, string? FallbackId = null);
