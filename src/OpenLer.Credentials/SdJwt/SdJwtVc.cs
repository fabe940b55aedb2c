using System.Security.Cryptography;
using System.Text.Json.Nodes;
using OpenLer.Credentials.Common;
using OpenLer.Credentials.Keys;

namespace OpenLer.Credentials.SdJwt;

/// <summary>
/// SD-JWT VC (IETF draft-ietf-oauth-sd-jwt-vc): an SD-JWT with <c>typ</c> <c>dc+sd-jwt</c>, a <c>vct</c> type and an
/// <c>iss</c> issuer. The claims in <see cref="NeverDisclosable"/> are always in the clear.
/// </summary>
public static class SdJwtVc
{
    /// <summary>The media type / JOSE typ of SD-JWT VCs.</summary>
    public const string Type = "dc+sd-jwt";

    /// <summary>The former typ, still accepted when verifying.</summary>
    public const string LegacyType = "vc+sd-jwt";

    /// <summary>Claims an SD-JWT VC never makes selectively disclosable (SD-JWT VC §3.2.2).</summary>
    public static IReadOnlySet<string> NeverDisclosable { get; } =
        new HashSet<string>(StringComparer.Ordinal) { "iss", "nbf", "exp", "cnf", "vct", "vct#integrity", "status" };

    /// <summary>
    /// Issues an SD-JWT VC: <paramref name="claims"/> must hold <c>iss</c> (the issuer, a DID whose key <paramref name="keyId"/>
    /// names) and <c>vct</c>; <c>iat</c> is set from <paramref name="now"/> unless present.
    /// </summary>
    public static Outcome<IssuedSdJwt> Issue(JsonObject claims, KeyPair issuerKey, string keyId, IReadOnlyCollection<string> disclosable,
        RandomNumberGenerator random, DateTimeOffset now, PublicKey? holderKey = null, int decoysPerObject = 2)
    {
        ArgumentNullException.ThrowIfNull(claims);
        if (CredentialFields.Text(claims, "iss") is null || CredentialFields.Text(claims, "vct") is null)
        {
            return Outcome.Error(ErrorCodes.MalformedValue, "An SD-JWT VC needs string iss and vct claims.");
        }

        var body = (JsonObject)claims.DeepClone();
        body["iat"] ??= now.ToUnixTimeSeconds();
        return new SdJwtIssuer(random).Issue(body, issuerKey, new SdJwtIssueOptions
        {
            Disclosable = disclosable,
            NeverDisclosable = NeverDisclosable,
            Type = Type,
            KeyId = keyId,
            HolderKey = holderKey,
            DecoysPerObject = decoysPerObject,
        });
    }
}
