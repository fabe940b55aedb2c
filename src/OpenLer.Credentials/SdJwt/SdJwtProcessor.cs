using System.Globalization;
using System.Text.Json.Nodes;
using OpenLer.Credentials.Common;

namespace OpenLer.Credentials.SdJwt;

/// <summary>A disclosed claim: where it sits in the processed payload (dot path, array positions as numbers) and its disclosure.</summary>
public sealed record DisclosedClaim(string Path, Disclosure Disclosure)
{
    /// <summary>Only the path: logging the object never leaks the disclosed value or salt.</summary>
    public override string ToString() => "disclosed " + Path;
}

/// <summary>The processed SD-JWT payload (RFC 9901 §7.1 step 3-5) and the disclosures that produced it.</summary>
public sealed record ProcessedSdJwt(JsonObject Claims, IReadOnlyList<DisclosedClaim> Disclosed, SdHashAlgorithm Algorithm)
{
    /// <summary>A redacted description: logging the object never leaks claims.</summary>
    public override string ToString() => $"processed SD-JWT with {Disclosed.Count} disclosed claim(s)";
}

/// <summary>
/// Replaces digests in an Issuer-signed JWT payload with the claims of the disclosures (RFC 9901 §7.1 step 3) and enforces
/// every rule of §7.1: supported <c>_sd_alg</c>; <c>_sd</c> is an array of strings; property disclosures have 3 elements
/// and array-element disclosures 2; no disclosed name is <c>_sd</c> or <c>...</c> or collides with a claim at its level;
/// no digest appears twice; every disclosure is referenced.
/// </summary>
public static class SdJwtProcessor
{
    /// <summary>Disclosures nested deeper than this (through other disclosures) are refused.</summary>
    public const int MaxDepth = 64;

    public static Outcome<ProcessedSdJwt> Process(JsonObject payload, IReadOnlyList<string> encodedDisclosures)
    {
        ArgumentNullException.ThrowIfNull(payload);
        ArgumentNullException.ThrowIfNull(encodedDisclosures);
        var algName = payload[SdJwtNames.SdAlg];
        string? algText = null;
        if (algName is not null && !(algName is JsonValue v && v.TryGetValue(out algText)))
        {
            return Outcome.Error(ErrorCodes.UnsupportedDigestAlgorithm, "_sd_alg must be a string.");
        }

        var algorithm = SdHashAlgorithm.FromName(algText);
        if (algorithm is null)
        {
            return Outcome.Error(ErrorCodes.UnsupportedDigestAlgorithm, "The _sd_alg hash algorithm is not supported (sha-256, sha-384, sha-512).");
        }

        var byDigest = new Dictionary<string, Disclosure>(StringComparer.Ordinal);
        foreach (var encoded in encodedDisclosures)
        {
            var disclosure = Disclosure.Parse(encoded);
            if (!disclosure.IsSuccess)
            {
                return disclosure.Error;
            }

            if (!byDigest.TryAdd(disclosure.Value.Digest(algorithm), disclosure.Value))
            {
                return Outcome.Error(ErrorCodes.DuplicateDigest, "The same disclosure is presented twice.");
            }
        }

        var walker = new Walker(byDigest);
        var claims = walker.Walk(payload, string.Empty, 0, topLevel: true);
        if (!claims.IsSuccess)
        {
            return claims.Error;
        }

        if (walker.Used.Count != byDigest.Count)
        {
            return Outcome.Error(ErrorCodes.UnreferencedDisclosure, "A disclosure is not referenced by any digest in the SD-JWT.");
        }

        return new ProcessedSdJwt((JsonObject)claims.Value!, walker.Disclosed, algorithm);
    }

    internal static string Join(string path, string segment) => path.Length == 0 ? segment : path + "." + segment;

    private sealed class Walker(Dictionary<string, Disclosure> byDigest)
    {
        private readonly HashSet<string> _seen = new(StringComparer.Ordinal);

        public HashSet<string> Used { get; } = new(StringComparer.Ordinal);

        public List<DisclosedClaim> Disclosed { get; } = [];

        public Outcome<JsonNode?> Walk(JsonNode? node, string path, int depth, bool topLevel = false)
        {
            if (depth > MaxDepth)
            {
                return Outcome.Error(ErrorCodes.DocumentTooDeep, "The SD-JWT nests deeper than the limit.");
            }

            return node switch
            {
                JsonObject obj => WalkObject(obj, path, depth, topLevel),
                JsonArray array => WalkArray(array, path, depth),
                null => Outcome.Ok<JsonNode?>(null),
                _ => Outcome.Ok<JsonNode?>(node.DeepClone()),
            };
        }

        private Outcome<JsonNode?> WalkObject(JsonObject obj, string path, int depth, bool topLevel)
        {
            var result = new JsonObject();
            foreach (var (name, value) in obj)
            {
                if (name == SdJwtNames.Sd || (topLevel && name == SdJwtNames.SdAlg))
                {
                    continue;
                }

                var child = Walk(value, Join(path, name), depth + 1);
                if (!child.IsSuccess)
                {
                    return child.Error;
                }

                result[name] = child.Value;
            }

            if (!obj.TryGetPropertyValue(SdJwtNames.Sd, out var sd))
            {
                return result;
            }

            if (sd is not JsonArray digests)
            {
                return Outcome.Error(ErrorCodes.MalformedSdJwt, "_sd must be an array of digests.");
            }

            foreach (var item in digests)
            {
                if (item is not JsonValue dv || !dv.TryGetValue<string>(out var digest))
                {
                    return Outcome.Error(ErrorCodes.MalformedSdJwt, "_sd must be an array of strings.");
                }

                if (!_seen.Add(digest))
                {
                    return Outcome.Error(ErrorCodes.DuplicateDigest, "A digest appears more than once in the SD-JWT.");
                }

                if (!byDigest.TryGetValue(digest, out var disclosure))
                {
                    continue; // a decoy or an undisclosed claim
                }

                if (disclosure.IsArrayElement)
                {
                    return Outcome.Error(ErrorCodes.MalformedDisclosure, "An object property's disclosure must have three elements.");
                }

                if (result.ContainsKey(disclosure.Name!))
                {
                    return Outcome.Error(ErrorCodes.ClaimNameCollision, "A disclosed claim name already exists at its level.");
                }

                var claimPath = Join(path, disclosure.Name!);
                var value = Walk(disclosure.Value, claimPath, depth + 1);
                if (!value.IsSuccess)
                {
                    return value.Error;
                }

                Used.Add(digest);
                Disclosed.Add(new DisclosedClaim(claimPath, disclosure));
                result[disclosure.Name!] = value.Value;
            }

            return result;
        }

        private Outcome<JsonNode?> WalkArray(JsonArray array, string path, int depth)
        {
            var result = new JsonArray();
            foreach (var element in array)
            {
                var index = result.Count.ToString(CultureInfo.InvariantCulture);
                if (element is JsonObject { Count: 1 } placeholder && placeholder.TryGetPropertyValue(SdJwtNames.Ellipsis, out var digestNode))
                {
                    if (digestNode is not JsonValue dv || !dv.TryGetValue<string>(out var digest))
                    {
                        return Outcome.Error(ErrorCodes.MalformedSdJwt, "An array element digest must be a string.");
                    }

                    if (!_seen.Add(digest))
                    {
                        return Outcome.Error(ErrorCodes.DuplicateDigest, "A digest appears more than once in the SD-JWT.");
                    }

                    if (!byDigest.TryGetValue(digest, out var disclosure))
                    {
                        continue; // §7.1 3.3.2: an undisclosed element (or decoy) is removed
                    }

                    if (!disclosure.IsArrayElement)
                    {
                        return Outcome.Error(ErrorCodes.MalformedDisclosure, "An array element's disclosure must have two elements.");
                    }

                    var value = Walk(disclosure.Value, Join(path, index), depth + 1);
                    if (!value.IsSuccess)
                    {
                        return value.Error;
                    }

                    Used.Add(digest);
                    Disclosed.Add(new DisclosedClaim(Join(path, index), disclosure));
                    result.Add(value.Value);
                    continue;
                }

                var child = Walk(element, Join(path, index), depth + 1);
                if (!child.IsSuccess)
                {
                    return child.Error;
                }

                result.Add(child.Value);
            }

            return result;
        }
    }
}
