using OpenLer.Credentials.Common;

namespace OpenLer.Credentials.Encodings;

/// <summary>Multibase (draft-multiformats-multibase): the 'z' (base58btc) and 'u' (base64url) encodings.</summary>
public static class Multibase
{
    public static string EncodeBase58Btc(ReadOnlySpan<byte> data) => "z" + Base58Btc.Encode(data);

    public static string EncodeBase64Url(ReadOnlySpan<byte> data) => "u" + Base64Url.Encode(data);

    public static Outcome<byte[]> Decode(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length < 2)
        {
            return Outcome.Error(ErrorCodes.InvalidMultibase, "Empty or truncated multibase value.");
        }

        return value[0] switch
        {
            'z' => Base58Btc.Decode(value.AsSpan(1)),
            'u' => Base64Url.Decode(value.AsSpan(1)) is { IsSuccess: true } ok
                ? ok
                : Outcome.Error(ErrorCodes.InvalidMultibase, "Invalid base64url multibase value."),
            _ => Outcome.Error(ErrorCodes.InvalidMultibase, $"Unsupported multibase prefix '{Sanitize(value[0])}'."),
        };
    }

    private static string Sanitize(char c) => char.IsControl(c) ? $"U+{(int)c:X4}" : c.ToString();
}
