using System.Text.Json.Nodes;

namespace OpenLer.Credentials.Common;

/// <summary>Credential formats the verifier recognizes.</summary>
public static class CredentialFormats
{
    /// <summary>A JSON-LD credential secured with an embedded Data Integrity / Linked Data proof.</summary>
    public const string LdpVc = "ldp_vc";

    /// <summary>VC-JOSE-COSE: a JWS whose payload is the credential (<c>application/vc+jwt</c>).</summary>
    public const string VcJose = "vc+jwt";

    /// <summary>VC 1.1 JWT encoding with the credential in the <c>vc</c> claim (<c>jwt_vc_json</c>).</summary>
    public const string VcJwt = "jwt_vc_json";

    /// <summary>SD-JWT VC (<c>dc+sd-jwt</c>, formerly <c>vc+sd-jwt</c>).</summary>
    public const string SdJwtVc = "dc+sd-jwt";
}

/// <summary>
/// What the verifier read from a credential, for display. It is filled whether or not the checks passed:
/// read the verification result's Verified before trusting any of it.
/// </summary>
public sealed record VerifiedCredential(string Format, string? IssuerId, string? ProofType, JsonObject Document);
