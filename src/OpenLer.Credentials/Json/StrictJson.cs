using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using OpenLer.Credentials.Common;

namespace OpenLer.Credentials.Json;

/// <summary>
/// Parses untrusted JSON as I-JSON (RFC 7493): refuses documents over the size, depth, node-count or array-length limit
/// (<see cref="JsonLimits"/>), duplicate member names (CP-17: parsers disagree on which one wins), numbers that are not
/// finite doubles, lone surrogates and a BOM.
/// </summary>
public static class StrictJson
{
    public static Outcome<JsonNode> Parse(string text, JsonLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        limits ??= JsonLimits.Default;

        // A UTF-16 string of n chars is at least n UTF-8 bytes: refuse early without encoding a huge input.
        if (text.Length > limits.MaxBytes)
        {
            return TooLarge(limits);
        }

        return Parse(System.Text.Encoding.UTF8.GetBytes(text), limits);
    }

    public static Outcome<JsonNode> Parse(ReadOnlySpan<byte> utf8, JsonLimits? limits = null)
    {
        limits ??= JsonLimits.Default;
        if (Check(utf8, limits) is { } refused)
        {
            return refused;
        }

        try
        {
            var node = JsonNode.Parse(utf8, null, new JsonDocumentOptions
            {
                MaxDepth = limits.MaxDepth + 1,
                AllowDuplicateProperties = false,
            });
            return node is null
                ? Outcome.Error(ErrorCodes.JsonParse, "The document is JSON null.")
                : Outcome.Ok(node);
        }
        catch (JsonException)
        {
            // The scan accepted the syntax, so the remaining reason is a repeated member name.
            return Outcome.Error(ErrorCodes.DuplicateJsonKey, "An object has the same member name twice.");
        }
    }

    /// <summary>
    /// Checks a document against every limit (size, depth, node count, array length) and the I-JSON rules the scan can
    /// see (BOM, UTF-8, syntax, finite numbers, lone surrogates) in one pass over the bytes, without building a tree:
    /// null when the document may be parsed, otherwise why not. Duplicate member names are found by <see cref="Parse(ReadOnlySpan{byte}, JsonLimits?)"/>.
    /// </summary>
    public static CredentialError? Check(ReadOnlySpan<byte> utf8, JsonLimits? limits = null)
    {
        limits ??= JsonLimits.Default;
        if (utf8.Length > limits.MaxBytes)
        {
            return TooLarge(limits);
        }

        if (utf8.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return new(ErrorCodes.JsonParse, "The document starts with a byte order mark.");
        }

        // System.Text.Json checks string contents only when they are read: invalid UTF-8 in a string would throw later.
        if (!System.Text.Unicode.Utf8.IsValid(utf8))
        {
            return new(ErrorCodes.JsonParse, "The document is not valid UTF-8.");
        }

        return Scan(utf8, limits);
    }

    /// <summary>The same check for a string (its UTF-8 form is what is measured).</summary>
    public static CredentialError? Check(string text, JsonLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        limits ??= JsonLimits.Default;
        return text.Length > limits.MaxBytes ? TooLarge(limits) : Check(Encoding.UTF8.GetBytes(text), limits);
    }

    /// <summary>Parses and requires a JSON object at the top.</summary>
    public static Outcome<JsonObject> ParseObject(string text, JsonLimits? limits = null) =>
        Parse(text, limits).Then(AsObject);

    public static Outcome<JsonObject> ParseObject(ReadOnlySpan<byte> utf8, JsonLimits? limits = null) =>
        Parse(utf8, limits).Then(AsObject);

    private static Outcome<JsonObject> AsObject(JsonNode node) =>
        node is JsonObject o ? o : Outcome.Error(ErrorCodes.MalformedValue, "Expected a JSON object.");

    private static CredentialError TooLarge(JsonLimits limits) =>
        new(ErrorCodes.DocumentTooLarge, $"The document is larger than the limit of {limits.MaxBytes} bytes.");

    private static CredentialError? Scan(ReadOnlySpan<byte> utf8, JsonLimits limits)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions
        {
            MaxDepth = limits.MaxDepth + 2,
            CommentHandling = JsonCommentHandling.Disallow,
            AllowTrailingCommas = false,
        });

        // Per open container (index = its depth): whether it is an array, and how many members it has so far.
        var isArray = new bool[limits.MaxDepth + 1];
        var members = new int[limits.MaxDepth + 1];
        var nodes = 0;
        try
        {
            while (reader.Read())
            {
                var token = reader.TokenType;
                if (token is JsonTokenType.PropertyName or JsonTokenType.EndObject or JsonTokenType.EndArray)
                {
                    if (token == JsonTokenType.PropertyName && reader.ValueIsEscaped)
                    {
                        _ = reader.GetString(); // throws on lone surrogates
                    }

                    continue;
                }

                var depth = reader.CurrentDepth;
                if (token is JsonTokenType.StartObject or JsonTokenType.StartArray && depth >= limits.MaxDepth)
                {
                    return new(ErrorCodes.DocumentTooDeep, $"The document nests deeper than the limit of {limits.MaxDepth}.");
                }

                if (++nodes > limits.MaxNodes)
                {
                    return new(ErrorCodes.DocumentTooManyNodes, $"The document has more than {limits.MaxNodes} values.");
                }

                if (depth > 0 && isArray[depth - 1] && ++members[depth - 1] > limits.MaxArrayLength)
                {
                    return new(ErrorCodes.ArrayTooLong, $"An array has more than {limits.MaxArrayLength} members.");
                }

                switch (token)
                {
                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                        isArray[depth] = token == JsonTokenType.StartArray;
                        members[depth] = 0;
                        break;
                    case JsonTokenType.Number when !reader.TryGetDouble(out var d) || !double.IsFinite(d):
                        return new(ErrorCodes.InvalidNumber, "A number is outside the range of IEEE 754 double precision.");
                    case JsonTokenType.String when reader.ValueIsEscaped:
                        _ = reader.GetString(); // throws on lone surrogates
                        break;
                }
            }

            return null;
        }
        catch (JsonException)
        {
            return reader.CurrentDepth >= limits.MaxDepth
                ? new(ErrorCodes.DocumentTooDeep, $"The document nests deeper than the limit of {limits.MaxDepth}.")
                : new(ErrorCodes.JsonParse, "The document is not well-formed JSON.");
        }
        catch (InvalidOperationException)
        {
            return new(ErrorCodes.JsonParse, "The document contains an invalid string (lone surrogate).");
        }
    }

    /// <summary>Serializes without escaping non-ASCII characters, as credentials are shown to people.</summary>
    public static string Serialize(JsonNode node, bool indented = false) =>
        node.ToJsonString(indented ? IndentedOptions : CompactOptions);

    private static readonly JsonSerializerOptions CompactOptions = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly JsonSerializerOptions IndentedOptions = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = true,
    };

    internal static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);
}
