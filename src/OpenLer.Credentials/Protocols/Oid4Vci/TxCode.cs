using System.Text.Json.Nodes;
using OpenLer.Credentials.Common;

namespace OpenLer.Credentials.Protocols.Oid4Vci;

/// <summary>
/// The transaction code description of a pre-authorized code grant (OpenID4VCI 1.0 §4.1.1): its presence says a code is
/// required; <see cref="InputMode"/> <c>numeric</c> (default) or <c>text</c>, its <see cref="Length"/>, and a
/// <see cref="Description"/> of the second channel it arrives by (at most 300 characters).
/// </summary>
public sealed record TxCode
{
    public const int MaxDescriptionLength = 300;

    public string InputMode { get; init; } = "numeric";

    public int? Length { get; init; }

    public string? Description { get; init; }

    /// <summary>A numeric code of <paramref name="length"/> digits, described for the holder.</summary>
    public static TxCode Numeric(int length, string? description = null) => new() { Length = length, Description = description };

    public JsonObject ToJson()
    {
        if (InputMode is not ("numeric" or "text"))
        {
            throw new InvalidOperationException("input_mode is numeric or text.");
        }

        if (Description is { Length: > MaxDescriptionLength })
        {
            throw new InvalidOperationException($"The tx_code description is limited to {MaxDescriptionLength} characters.");
        }

        var json = new JsonObject { ["input_mode"] = InputMode };
        if (Length is { } length)
        {
            json["length"] = length;
        }

        if (Description is not null)
        {
            json["description"] = Description;
        }

        return json;
    }

    public static Outcome<TxCode> Parse(JsonNode? node)
    {
        if (node is not JsonObject json)
        {
            return Outcome.Error(OAuthErrorCodes.InvalidRequest, "tx_code must be an object.");
        }

        var mode = json["input_mode"] is null ? "numeric" : CredentialFields.Text(json, "input_mode");
        if (mode is not ("numeric" or "text"))
        {
            return Outcome.Error(OAuthErrorCodes.InvalidRequest, "tx_code.input_mode must be numeric or text.");
        }

        int? length = null;
        if (json["length"] is not null)
        {
            if (json["length"] is not JsonValue lv || !lv.TryGetValue<int>(out var l) || l is < 1 or > 64)
            {
                return Outcome.Error(OAuthErrorCodes.InvalidRequest, "tx_code.length must be an integer from 1 to 64.");
            }

            length = l;
        }

        var description = CredentialFields.Text(json, "description");
        if (description is { Length: > MaxDescriptionLength })
        {
            return Outcome.Error(OAuthErrorCodes.InvalidRequest, "tx_code.description is longer than 300 characters.");
        }

        return new TxCode { InputMode = mode, Length = length, Description = description };
    }
}
