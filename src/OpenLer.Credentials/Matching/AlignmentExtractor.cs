using System.Text.Json.Nodes;
using OpenLer.Credentials.Common;
using OpenLer.Credentials.Jose;
using OpenLer.Credentials.Json;

namespace OpenLer.Credentials.Matching;

/// <summary>
/// Reads the skill alignments of an Open Badges 3.0 or CLR 2.0 credential for matching. Every achievement counts, never
/// only the first: <c>credentialSubject</c> (an object or an array), its <c>achievement</c> (an object, or the array of a
/// CLR 2.0 ClrSubject), each achievement's <c>alignment</c> (an object or an array, OB 3.0 §B.1.1 Achievement), and the
/// credentials nested in a CLR's <c>credentialSubject.verifiableCredential</c> (objects, or compact JWTs whose payload
/// is read, not verified: the caller verifies the CLR, which verifies what it nests), to a depth of
/// <see cref="MaxNesting"/>. An alignment counts for a skill when its <c>targetCode</c> is a code of the vocabulary, or its
/// <c>targetUrl</c> is an http(s) URL whose fragment or last path segment is one (O*NET OnLine descriptor URLs such as
/// https://www.onetonline.org/find/descriptor/result/2.A.1.b); anything else (an occupation code, an ESCO URI, a
/// non-string) is ignored. Reads nothing else: no names, no subject data. Never throws on hostile input.
/// </summary>
public static class AlignmentExtractor
{
    /// <summary>How deep nested credentials are followed (a CLR inside a CLR), as the verifier does.</summary>
    public const int MaxNesting = 2;

    /// <summary>At most this many alignments are read from one credential, nested ones included.</summary>
    public const int MaxAlignments = 10_000;

    /// <summary>The credential's id, issuer and aligned skill codes.</summary>
    public static CredentialAlignments Extract(JsonObject credential, SkillVocabulary? vocabulary = null)
    {
        ArgumentNullException.ThrowIfNull(credential);
        vocabulary ??= SkillVocabulary.Default;
        var codes = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var budget = MaxAlignments;
        Walk(credential, 0, vocabulary, codes, seen, ref budget);
        return new CredentialAlignments(CredentialFields.Text(credential, "id"), CredentialFields.IssuerId(credential), codes.AsReadOnly());
    }

    /// <summary>The vocabulary code an alignment names, or null.</summary>
    public static string? CodeOf(JsonObject alignment, SkillVocabulary? vocabulary = null)
    {
        ArgumentNullException.ThrowIfNull(alignment);
        vocabulary ??= SkillVocabulary.Default;
        if (CredentialFields.Text(alignment, "targetCode") is { } code && vocabulary.Contains(code.Trim()))
        {
            return code.Trim();
        }

        return CredentialFields.Text(alignment, "targetUrl") is { } url ? CodeOfUrl(url, vocabulary) : null;
    }

    private static string? CodeOfUrl(string url, SkillVocabulary vocabulary)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            return null;
        }

        var fragment = Uri.UnescapeDataString(uri.Fragment.TrimStart('#'));
        if (vocabulary.Contains(fragment))
        {
            return fragment;
        }

        var path = uri.AbsolutePath.TrimEnd('/');
        var last = Uri.UnescapeDataString(path[(path.LastIndexOf('/') + 1)..]);
        return vocabulary.Contains(last) ? last : null;
    }

    private static void Walk(JsonObject credential, int depth, SkillVocabulary vocabulary, List<string> codes, HashSet<string> seen, ref int budget)
    {
        foreach (var subject in Items(credential["credentialSubject"]).OfType<JsonObject>())
        {
            foreach (var achievement in Items(subject["achievement"]).OfType<JsonObject>())
            {
                foreach (var alignment in Items(achievement["alignment"]).OfType<JsonObject>())
                {
                    if (--budget < 0)
                    {
                        return;
                    }

                    if (CodeOf(alignment, vocabulary) is { } code && seen.Add(code))
                    {
                        codes.Add(code);
                    }
                }
            }

            if (depth >= MaxNesting)
            {
                continue;
            }

            foreach (var nested in Items(subject["verifiableCredential"]))
            {
                var document = nested switch
                {
                    JsonObject o => o,
                    JsonValue v when v.TryGetValue<string>(out var jwt) => Payload(jwt),
                    _ => null,
                };
                if (document is not null)
                {
                    Walk(document, depth + 1, vocabulary, codes, seen, ref budget);
                }
            }
        }
    }

    /// <summary>The credential in a compact JWT's payload (VC-JOSE: the payload; VC-JWT 1.1: its <c>vc</c> claim), unverified.</summary>
    private static JsonObject? Payload(string jwt)
    {
        if (!CompactJws.LooksLikeCompactJws(jwt.Trim()))
        {
            return null;
        }

        var parsed = CompactJws.Parse(jwt.Trim());
        if (!parsed.IsSuccess)
        {
            return null;
        }

        var payload = StrictJson.ParseObject(parsed.Value.Payload);
        return !payload.IsSuccess ? null : payload.Value["vc"] as JsonObject ?? payload.Value;
    }

    // Explicit arrays: a collection expression here would take the switch's type, JsonArray, and re-parent the node.
    private static IEnumerable<JsonNode?> Items(JsonNode? node) => node switch
    {
        JsonArray array => array,
        null => Array.Empty<JsonNode?>(),
        _ => new[] { node },
    };
}
