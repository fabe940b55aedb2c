using System.Text.Json.Nodes;

namespace OpenLer.Credentials.Protocols.Oid4Vp;

/// <summary>
/// OpenID4VP 1.0 §14 "Security Checks on the Returned Credentials": the verifier applies its own query to what a wallet
/// returns and does not rely on the wallet's filtering. Of an SD-JWT VC's disclosed claims, only those the query's claims
/// paths select are kept, with the SD-JWT VC's own processing claims; anything else a wallet disclosed (an A-number, a
/// document number) is dropped before anyone reads it (SECURITY.md PF-12).
/// </summary>
internal static class RequestedClaims
{
    /// <summary>Claims that describe the credential itself (SD-JWT VC §3.2.2), kept whatever the query asks.</summary>
    private static readonly string[] Processing = ["iss", "vct", "iat", "nbf", "exp", "cnf", "status"];

    /// <summary>The claims the query asked for; every claim when the query names none (§6.1: then the whole credential is asked).</summary>
    public static JsonObject Keep(JsonObject claims, IReadOnlyList<DcqlClaimQuery>? requested)
    {
        ArgumentNullException.ThrowIfNull(claims);
        if (requested is null)
        {
            return claims;
        }

        var kept = new JsonObject();
        foreach (var name in Processing)
        {
            if (claims.TryGetPropertyValue(name, out var value))
            {
                kept[name] = value?.DeepClone();
            }
        }

        foreach (var claim in requested)
        {
            Copy(claims, kept, claim.Path.Components, 0);
        }

        return kept;
    }

    private static void Copy(JsonNode? source, JsonNode target, IReadOnlyList<object?> path, int at)
    {
        switch (path[at])
        {
            case string name when source is JsonObject from && target is JsonObject to && from.TryGetPropertyValue(name, out var child):
                if (at == path.Count - 1 || child is null)
                {
                    to[name] = child?.DeepClone();
                    return;
                }

                to[name] ??= child is JsonArray ? new JsonArray([.. Enumerable.Repeat<JsonNode?>(null, ((JsonArray)child).Count)]) : new JsonObject();
                if (to[name] is { } next && next.GetValueKind() == child.GetValueKind())
                {
                    Copy(child, next, path, at + 1);
                }

                return;
            case null when source is JsonArray all && target is JsonArray into:
                for (var i = 0; i < all.Count && i < into.Count; i++)
                {
                    Place(all[i], into, i, path, at);
                }

                return;
            case int index when source is JsonArray items && target is JsonArray slots && index < items.Count && index < slots.Count:
                Place(items[index], slots, index, path, at);
                return;
        }
    }

    /// <summary>An array element selected by a path: the whole element at the path's end, or what the rest of the path selects in it.</summary>
    private static void Place(JsonNode? element, JsonArray target, int index, IReadOnlyList<object?> path, int at)
    {
        if (at == path.Count - 1 || element is null)
        {
            target[index] = element?.DeepClone();
            return;
        }

        target[index] ??= element is JsonArray inner ? new JsonArray([.. Enumerable.Repeat<JsonNode?>(null, inner.Count)]) : new JsonObject();
        Copy(element, target[index]!, path, at + 1);
    }
}
