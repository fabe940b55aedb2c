using System.Text.Json.Nodes;
using OpenLer.Credentials.Common;
using OpenLer.Credentials.Encodings;
using OpenLer.Credentials.Json;

namespace OpenLer.Credentials.Jose;

/// <summary>
/// A parsed, NOT yet verified JWS in compact serialization (RFC 7515 §7.1). Reading <see cref="Payload"/> before verifying the
/// signature is only for choosing the key; nothing in it is trusted.
/// </summary>
public sealed class CompactJws
{
    private static readonly JsonLimits HeaderLimits = new() { MaxBytes = 16 * 1024, MaxDepth = 8 };

    private CompactJws(JsonObject header, byte[] payload, byte[] signature, byte[] signingInput)
    {
        Header = header;
        Payload = payload;
        Signature = signature;
        SigningInput = signingInput;
    }

    public JsonObject Header { get; }

    public byte[] Payload { get; }

    public byte[] Signature { get; }

    /// <summary>ASCII(BASE64URL(header) ‖ '.' ‖ BASE64URL(payload)), the bytes that are signed.</summary>
    public byte[] SigningInput { get; }

    public string? Algorithm => Text("alg");

    public string? KeyId => Text("kid");

    public string? Type => Text("typ");

    public string? Text(string name) => Header[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    public static bool LooksLikeCompactJws(ReadOnlySpan<char> text) =>
        text.Count('.') == 2 && !text.Contains('~') && !text.ContainsAny(" \t\r\n{");

    public static Outcome<CompactJws> Parse(string compact, int maxLength = JsonLimits.DefaultMaxBytes)
    {
        ArgumentNullException.ThrowIfNull(compact);
        if (compact.Length > maxLength)
        {
            return Outcome.Error(ErrorCodes.DocumentTooLarge, $"The token is larger than {maxLength} bytes.");
        }

        var first = compact.IndexOf('.', StringComparison.Ordinal);
        var second = first < 0 ? -1 : compact.IndexOf('.', first + 1);
        if (first < 0 || second < 0 || compact.IndexOf('.', second + 1) >= 0)
        {
            // Five parts would be a JWE (CP-07): never accepted where a signed credential is expected.
            return Outcome.Error(ErrorCodes.MalformedJws, "Not a JWS in compact serialization (three base64url parts).");
        }

        var headerBytes = Base64Url.Decode(compact.AsSpan(0, first));
        var payload = Base64Url.Decode(compact.AsSpan(first + 1, second - first - 1));
        var signature = Base64Url.Decode(compact.AsSpan(second + 1));
        if (!headerBytes.IsSuccess || !payload.IsSuccess || !signature.IsSuccess)
        {
            return Outcome.Error(ErrorCodes.MalformedJws, "A JWS part is not base64url.");
        }

        var header = StrictJson.ParseObject(headerBytes.Value, HeaderLimits);
        if (!header.IsSuccess)
        {
            return Outcome.Error(header.Error.Code == ErrorCodes.DuplicateJsonKey ? ErrorCodes.DuplicateJsonKey : ErrorCodes.MalformedJws,
                $"The JWS header is not a JSON object: {header.Error.Message}");
        }

        // RFC 7515 §4.1.11: a critical extension we do not understand makes the JWS invalid; we understand none.
        if (header.Value.ContainsKey("crit"))
        {
            return Outcome.Error(ErrorCodes.MalformedJws, "The JWS has critical header parameters this verifier does not support.");
        }

        if (header.Value.ContainsKey("enc") || header.Value.ContainsKey("zip"))
        {
            return Outcome.Error(ErrorCodes.MalformedJws, "Encrypted or compressed tokens are not accepted as credentials.");
        }

        var signingInput = System.Text.Encoding.ASCII.GetBytes(compact[..second]);
        return new CompactJws(header.Value, payload.Value, signature.Value, signingInput);
    }
}
