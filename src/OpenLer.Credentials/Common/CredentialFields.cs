using System.Text.Json.Nodes;

namespace OpenLer.Credentials.Common;

/// <summary>Reads common fields of a VC 1.1 / 2.0 credential without trusting their shape.</summary>
public static class CredentialFields
{
    /// <summary>The issuer id: <c>issuer</c> as a string, or <c>issuer.id</c> (VC 2.0 §4.7).</summary>
    public static string? IssuerId(JsonObject credential)
    {
        ArgumentNullException.ThrowIfNull(credential);
        return credential["issuer"] switch
        {
            JsonValue v when v.TryGetValue<string>(out var s) => s,
            JsonObject o when o["id"] is JsonValue id && id.TryGetValue<string>(out var s) => s,
            _ => null,
        };
    }

    public static string? Text(JsonObject obj, string name)
    {
        ArgumentNullException.ThrowIfNull(obj);
        return obj[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
    }

    /// <summary>The values of "type" (a string or an array of strings).</summary>
    public static IReadOnlyList<string> Types(JsonObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        return obj["type"] switch
        {
            JsonValue v when v.TryGetValue<string>(out var s) => [s],
            JsonArray a => [.. a.OfType<JsonValue>().Select(x => x.TryGetValue<string>(out var s) ? s : null).OfType<string>()],
            _ => [],
        };
    }

    /// <summary>The first credentialSubject's id, if any.</summary>
    public static string? SubjectId(JsonObject credential) => credential["credentialSubject"] switch
    {
        JsonObject s => Text(s, "id"),
        JsonArray { Count: > 0 } a when a[0] is JsonObject s => Text(s, "id"),
        _ => null,
    };
}
