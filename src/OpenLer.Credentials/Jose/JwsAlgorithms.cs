using OpenLer.Credentials.Common;
using OpenLer.Credentials.Keys;

namespace OpenLer.Credentials.Jose;

/// <summary>
/// The JOSE algorithm allowlist (RFC 8725 §3.1–3.2, ASVS 9.1.2): EdDSA, ES256, ES384 only; never "none", never HMAC.
/// The key decides the algorithm: a header naming another algorithm than the key's is refused.
/// </summary>
public static class JwsAlgorithms
{
    public static bool IsAllowed(string? alg) => alg is "EdDSA" or "ES256" or "ES384";

    public static CredentialError? CheckHeader(string? alg)
    {
        if (alg is null)
        {
            return new(ErrorCodes.UnsupportedAlgorithm, "The JWS header has no \"alg\".");
        }

        if (!IsAllowed(alg))
        {
            return new(ErrorCodes.UnsupportedAlgorithm,
                $"Algorithm '{(alg.Length > 20 ? alg[..20] : alg)}' is not accepted (only EdDSA, ES256, ES384).");
        }

        return null;
    }

    public static CredentialError? CheckKey(string alg, PublicKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return alg == key.JwsAlgorithm
            ? null
            : new(ErrorCodes.AlgorithmKeyMismatch, $"The header says {alg} but the issuer's key is {key.Type} ({key.JwsAlgorithm}).");
    }
}
