using System.Security.Cryptography;
using OpenLer.Credentials.Encodings;

namespace OpenLer.Credentials.Protocols;

/// <summary>
/// Unpredictable values for the protocols (pre-authorized codes, access tokens, c_nonce, OpenID4VP nonce and state, VC-API
/// challenges): base64url of random bytes from the injected generator, or decimal digits for a transaction code people type.
/// </summary>
public sealed class ProtocolRandom(RandomNumberGenerator random)
{
    /// <summary>256 bits: codes and tokens that grant something.</summary>
    public const int TokenBytes = 32;

    /// <summary>128 bits: nonces and challenges (OpenID4VP §5.2 "sufficient entropy").</summary>
    public const int NonceBytes = 16;

    /// <summary>base64url of <paramref name="bytes"/> random bytes (only URL-safe characters, as OpenID4VP §5.3 requires of nonce and state).</summary>
    public string NewToken(int bytes = TokenBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bytes, 16);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(bytes, 1024);
        var buffer = new byte[bytes];
        random.GetBytes(buffer);
        return Base64Url.Encode(buffer);
    }

    public string NewNonce() => NewToken(NonceBytes);

    /// <summary>A numeric code of <paramref name="length"/> digits, uniformly distributed (rejection sampling, no modulo bias).</summary>
    public string NewNumericCode(int length)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 4);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, 12);
        var digits = new char[length];
        Span<byte> one = stackalloc byte[1];
        for (var i = 0; i < length;)
        {
            random.GetBytes(one);
            if (one[0] < 250)
            {
                digits[i++] = (char)('0' + (one[0] % 10));
            }
        }

        return new string(digits);
    }
}
