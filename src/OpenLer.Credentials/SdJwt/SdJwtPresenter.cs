using System.Globalization;
using System.Text.Json.Nodes;
using OpenLer.Credentials.Common;
using OpenLer.Credentials.Jose;
using OpenLer.Credentials.Json;
using OpenLer.Credentials.Keys;

namespace OpenLer.Credentials.SdJwt;

/// <summary>
/// The holder's side (RFC 9901 §5.2): keeps only the disclosures for the claims the holder chooses and, with a holder key,
/// appends a Key Binding JWT for the verifier's nonce and audience.
/// </summary>
public static class SdJwtPresenter
{
    /// <summary>
    /// Presents <paramref name="sdJwt"/> disclosing exactly <paramref name="disclose"/> (claim paths as in
    /// <see cref="SdJwtIssueOptions.Disclosable"/>): naming a claim discloses it with everything inside it, and the
    /// disclosures of the objects that contain it. Claims that are not selectively disclosable are always visible.
    /// </summary>
    public static Outcome<string> Present(string sdJwt, IEnumerable<string> disclose, KeyPair? holderKey, string? nonce, string? audience,
        DateTimeOffset now, JsonLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(sdJwt);
        ArgumentNullException.ThrowIfNull(disclose);
        limits ??= JsonLimits.Default;
        var parts = SdJwtCompact.Parse(sdJwt.Trim(), limits.MaxBytes);
        if (!parts.IsSuccess)
        {
            return parts.Error;
        }

        if (parts.Value.KeyBindingJwt is not null)
        {
            return Outcome.Error(ErrorCodes.MalformedSdJwt, "The input is already a presentation with a Key Binding JWT.");
        }

        var jws = CompactJws.Parse(parts.Value.IssuerJwt, limits.MaxBytes);
        if (!jws.IsSuccess)
        {
            return jws.Error;
        }

        var payload = StrictJson.ParseObject(jws.Value.Payload, limits);
        if (!payload.IsSuccess)
        {
            return payload.Error;
        }

        var processed = SdJwtProcessor.Process(payload.Value, parts.Value.Disclosures);
        if (!processed.IsSuccess)
        {
            return processed.Error;
        }

        var chosen = new HashSet<Disclosure>();
        foreach (var path in disclose.Select(p => p.Trim()).Where(p => p.Length > 0))
        {
            if (Find(processed.Value.Claims, path) is null)
            {
                return Outcome.Error(ErrorCodes.MalformedValue, $"The credential has no claim '{path}'.");
            }

            foreach (var claim in processed.Value.Disclosed)
            {
                if (claim.Path == path || claim.Path.StartsWith(path + ".", StringComparison.Ordinal) || path.StartsWith(claim.Path + ".", StringComparison.Ordinal))
                {
                    chosen.Add(claim.Disclosure);
                }
            }
        }

        var kept = parts.Value.Disclosures.Where(encoded => chosen.Any(d => d.Encoded == encoded)).ToArray();
        var presentation = new SdJwtCompact(parts.Value.IssuerJwt, kept, null).WithoutKeyBinding;
        if (holderKey is null)
        {
            return presentation;
        }

        if (string.IsNullOrEmpty(nonce) || string.IsNullOrEmpty(audience))
        {
            return Outcome.Error(ErrorCodes.MalformedValue, "Key binding needs the verifier's nonce and audience.");
        }

        return presentation + KeyBinding.Create(presentation, processed.Value.Algorithm, holderKey, nonce, audience, now);
    }

    /// <summary>The node at a dot path in processed claims, or null.</summary>
    internal static JsonNode? Find(JsonNode? root, string path)
    {
        var node = root;
        foreach (var segment in path.Split('.'))
        {
            node = node switch
            {
                JsonObject obj when obj.TryGetPropertyValue(segment, out var child) => child ?? new JsonObject(),
                JsonArray array when int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < array.Count => array[i] ?? new JsonObject(),
                _ => null,
            };
            if (node is null)
            {
                return null;
            }
        }

        return node;
    }
}
