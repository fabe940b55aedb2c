using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using OpenLer.Credentials.Common;
using OpenLer.Credentials.Encodings;
using OpenLer.Credentials.Json;

namespace OpenLer.Credentials.SdJwt;

/// <summary>
/// One Disclosure (RFC 9901 §4.2.1 / §4.2.2): <c>[salt, name, value]</c> for an object property or <c>[salt, value]</c> for
/// an array element, base64url-encoded. Its digest is the hash of the ASCII of that encoding (§4.2.3).
/// Its text (salt and value) is personal data: never log it.
/// </summary>
public sealed class Disclosure
{
    private static readonly JsonLimits Limits = new() { MaxBytes = 256 * 1024, MaxDepth = 32 };

    private Disclosure(string encoded, string salt, string? name, JsonNode? value)
    {
        Encoded = encoded;
        Salt = salt;
        Name = name;
        Value = value;
    }

    /// <summary>The base64url form as it travels in the SD-JWT.</summary>
    public string Encoded { get; }

    public string Salt { get; }

    /// <summary>The claim name, or null for an array element.</summary>
    public string? Name { get; }

    public JsonNode? Value { get; }

    public bool IsArrayElement => Name is null;

    /// <summary>Creates a disclosure for a property (<paramref name="name"/> set) or an array element (null).</summary>
    public static Disclosure Create(string salt, string? name, JsonNode? value)
    {
        ArgumentException.ThrowIfNullOrEmpty(salt);
        var array = name is null
            ? new JsonArray(salt, value?.DeepClone())
            : new JsonArray(salt, name, value?.DeepClone());
        var encoded = Base64Url.Encode(Encoding.UTF8.GetBytes(StrictJson.Serialize(array)));
        return new Disclosure(encoded, salt, name, value?.DeepClone());
    }

    /// <summary>Parses an encoded disclosure; anything but a 2- or 3-element array with string salt (and name) is an error.</summary>
    public static Outcome<Disclosure> Parse(string encoded)
    {
        ArgumentNullException.ThrowIfNull(encoded);
        var bytes = Base64Url.Decode(encoded);
        if (!bytes.IsSuccess)
        {
            return Outcome.Error(ErrorCodes.MalformedDisclosure, "A disclosure is not base64url.");
        }

        var parsed = StrictJson.Parse(bytes.Value, Limits);
        if (!parsed.IsSuccess || parsed.Value is not JsonArray array)
        {
            return Outcome.Error(ErrorCodes.MalformedDisclosure, "A disclosure is not a JSON array.");
        }

        if (array.Count is not (2 or 3) || array[0] is not JsonValue saltValue || !saltValue.TryGetValue<string>(out var salt))
        {
            return Outcome.Error(ErrorCodes.MalformedDisclosure, "A disclosure must be [salt, value] or [salt, name, value] with a string salt.");
        }

        if (array.Count == 2)
        {
            return new Disclosure(encoded, salt, null, array[1]?.DeepClone());
        }

        if (array[1] is not JsonValue nameValue || !nameValue.TryGetValue<string>(out var name))
        {
            return Outcome.Error(ErrorCodes.MalformedDisclosure, "A disclosure's claim name must be a string.");
        }

        // §7.1 step 3.2.2.2: the names "_sd" and "..." cannot be disclosed.
        if (name is SdJwtNames.Sd or SdJwtNames.Ellipsis)
        {
            return Outcome.Error(ErrorCodes.ReservedClaimName, $"A disclosure uses the reserved claim name '{name}'.");
        }

        return new Disclosure(encoded, salt, name, array[2]?.DeepClone());
    }

    /// <summary>Only the claim name: logging a disclosure never leaks its salt or value.</summary>
    public override string ToString() => Name is null ? "disclosure of an array element" : "disclosure of " + Name;

    /// <summary>The digest of this disclosure with <paramref name="algorithm"/>.</summary>
    public string Digest(SdHashAlgorithm algorithm) => algorithm.Digest(Encoded);
}

/// <summary>The hash algorithms of <c>_sd_alg</c> (IANA "Named Information Hash Algorithm" names).</summary>
public sealed class SdHashAlgorithm
{
    private readonly HashAlgorithmName _name;

    private SdHashAlgorithm(string name, HashAlgorithmName hash)
    {
        Name = name;
        _name = hash;
    }

    public static SdHashAlgorithm Sha256 { get; } = new("sha-256", HashAlgorithmName.SHA256);

    public static SdHashAlgorithm Sha384 { get; } = new("sha-384", HashAlgorithmName.SHA384);

    public static SdHashAlgorithm Sha512 { get; } = new("sha-512", HashAlgorithmName.SHA512);

    public string Name { get; }

    /// <summary>The algorithm named by <c>_sd_alg</c> (absent means sha-256, §4.1.1), or null if unsupported.</summary>
    public static SdHashAlgorithm? FromName(string? name) => name switch
    {
        null or "sha-256" => Sha256,
        "sha-384" => Sha384,
        "sha-512" => Sha512,
        _ => null,
    };

    /// <summary>base64url(hash(ASCII(text))).</summary>
    public string Digest(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var bytes = Encoding.ASCII.GetBytes(text);
        var hash = _name == HashAlgorithmName.SHA384 ? SHA384.HashData(bytes)
            : _name == HashAlgorithmName.SHA512 ? SHA512.HashData(bytes)
            : SHA256.HashData(bytes);
        return Base64Url.Encode(hash);
    }
}

/// <summary>Reserved names of RFC 9901.</summary>
public static class SdJwtNames
{
    public const string Sd = "_sd";
    public const string SdAlg = "_sd_alg";
    public const string Ellipsis = "...";
    public const string KeyBindingType = "kb+jwt";
}
