using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using OpenLer.Credentials.Jcs;
using OpenLer.Credentials.Json;
using OpenLer.Credentials.Keys;
using OpenLer.Credentials.SdJwt;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace OpenLer.Cli.Conformance;

/// <summary>
/// Runs the sd-jwt-python YAML specifications (input claims with <c>!sd</c> tags, what the holder discloses, and for the
/// test cases the claims the verifier must end up with) through our issuer, a holder selection with the library's
/// semantics (<c>true</c> discloses the claim with everything inside it; a mapping or list discloses the container and
/// then what it names; <c>false</c>/<c>None</c> nothing), a KB-JWT when the spec asks for key binding, and
/// <see cref="SdJwtVerifier"/>. The keys, nonce and audience come from the folder's settings.yml.
/// </summary>
internal static partial class SdJwtPythonSpecs
{
    [GeneratedRegex("^-?[0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex IntegerPattern();

    [GeneratedRegex(@"^-?[0-9]+\.[0-9]+([eE][-+]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex FloatPattern();

    public static ConformanceOutcome Run(string specFile, string settingsFile)
    {
        var spec = Load(specFile);
        var settings = Load(settingsFile);
        if (spec is null || settings is null)
        {
            return ConformanceOutcome.Fail("the YAML could not be read");
        }

        if (Scalar(spec, "serialization_format") == "json")
        {
            return ConformanceOutcome.Skip("JSON serialization (RFC 9901 §8): we implement the compact serialization only");
        }

        var sdPaths = new List<string>();
        var claims = (JsonObject)ToJson(spec.Children[new YamlScalarNode("user_claims")], string.Empty, sdPaths)!;
        var keys = (YamlMappingNode)settings.Children[new YamlScalarNode("key_settings")];
        using var issuerKey = KeyPair.FromPrivateJwk((JsonObject)ToJson(((YamlSequenceNode)keys.Children[new YamlScalarNode("issuer_keys")]).Children[0], "", [])!).Value;
        using var holderKey = KeyPair.FromPrivateJwk((JsonObject)ToJson(keys.Children[new YamlScalarNode("holder_key")], "", [])!).Value;
        var keyBinding = string.Equals(Scalar(spec, "key_binding"), "true", StringComparison.OrdinalIgnoreCase);
        var nonce = Scalar(settings, "key_binding_nonce") ?? "nonce";
        var audience = ((YamlMappingNode)settings.Children[new YamlScalarNode("identifiers")]).Children[new YamlScalarNode("verifier")].ToString();

        using var random = System.Security.Cryptography.RandomNumberGenerator.Create();
        var issued = new SdJwtIssuer(random).Issue(claims, issuerKey, new SdJwtIssueOptions
        {
            Disclosable = sdPaths,
            HolderKey = keyBinding ? holderKey.PublicKey : null,
            Type = "example+sd-jwt",
        });
        if (!issued.IsSuccess)
        {
            return ConformanceOutcome.Fail("issuance refused: " + issued.Error);
        }

        // The holder: all disclosures with their paths, then the library's selection rules. The clock: settings.yml's iat.
        var now = DateTimeOffset.FromUnixTimeSeconds(long.TryParse(Scalar(settings, "iat"), CultureInfo.InvariantCulture, out var iat) ? iat : 1_683_000_000);
        var full = SdJwtVerifier.Verify(issued.Value.Compact, issuerKey.PublicKey, null, now);
        if (!full.Verified)
        {
            return ConformanceOutcome.Fail("the issued SD-JWT does not verify: " + full.FirstProblem);
        }

        var chosen = new HashSet<string>(StringComparer.Ordinal);
        var disclose = spec.Children.TryGetValue(new YamlScalarNode("holder_disclosed_claims"), out var hdc) ? hdc : null;
        Select(ToJson(disclose, "", []), string.Empty, full.Processed!.Disclosed, chosen);
        var kept = issued.Value.Disclosures.Where(d => chosen.Contains(d.Encoded)).Select(d => d.Encoded).ToArray();
        var presentation = new SdJwtCompact(issued.Value.IssuerJwt, kept, null).WithoutKeyBinding;
        if (keyBinding)
        {
            presentation += KeyBinding.Create(presentation, SdHashAlgorithm.Sha256, holderKey, nonce, audience, now);
        }

        var verified = SdJwtVerifier.Verify(presentation, issuerKey.PublicKey,
            keyBinding ? new KeyBindingRequirement { Nonce = nonce, Audience = audience } : null, now);
        if (!verified.Verified)
        {
            return ConformanceOutcome.Fail("the presentation does not verify: " + verified.FirstProblem);
        }

        var result = (JsonObject)verified.Processed!.Claims.DeepClone();
        result.Remove("cnf");
        if (!spec.Children.TryGetValue(new YamlScalarNode("expect_verified_user_claims"), out var expectedNode))
        {
            // Examples without an expectation: every claim the holder chose must be there.
            var missing = Paths(ToJson(disclose, "", []), string.Empty).FirstOrDefault(p => SdJwtPathExists(result, p) is false);
            return missing is null ? ConformanceOutcome.Pass() : ConformanceOutcome.Fail($"disclosed claim '{missing}' is missing");
        }

        var expected = ToJson(expectedNode, "", [])!;
        return ConformanceOutcome.Expect(Canonical(expected), Canonical(result));
    }

    private static string Canonical(JsonNode node) =>
        System.Text.Encoding.UTF8.GetString(JsonCanonicalizer.Canonicalize(StrictJson.Parse(StrictJson.Serialize(node)).Value));

    private static void Select(JsonNode? disclose, string path, IReadOnlyList<DisclosedClaim> all, HashSet<string> chosen)
    {
        switch (disclose)
        {
            case JsonValue v when v.TryGetValue<bool>(out var b) && b:
                foreach (var claim in all.Where(c => c.Path == path || c.Path.StartsWith(path + ".", StringComparison.Ordinal)))
                {
                    chosen.Add(claim.Disclosure.Encoded);
                }

                break;
            case JsonObject obj:
                AddOwn(path, all, chosen);
                foreach (var (name, value) in obj)
                {
                    Select(value, Join(path, name), all, chosen);
                }

                break;
            case JsonArray array:
                AddOwn(path, all, chosen);
                for (var i = 0; i < array.Count; i++)
                {
                    Select(array[i], Join(path, i.ToString(CultureInfo.InvariantCulture)), all, chosen);
                }

                break;
        }
    }

    private static void AddOwn(string path, IReadOnlyList<DisclosedClaim> all, HashSet<string> chosen)
    {
        foreach (var claim in all.Where(c => c.Path == path))
        {
            chosen.Add(claim.Disclosure.Encoded);
        }
    }

    private static IEnumerable<string> Paths(JsonNode? disclose, string path) => disclose switch
    {
        JsonValue v when v.TryGetValue<bool>(out var b) && b => [path],
        JsonObject obj => obj.SelectMany(p => Paths(p.Value, Join(path, p.Key))),
        _ => [],
    };

    private static bool SdJwtPathExists(JsonObject claims, string path)
    {
        JsonNode? node = claims;
        foreach (var segment in path.Split('.'))
        {
            if (node is JsonObject o && o.TryGetPropertyValue(segment, out var child))
            {
                node = child ?? JsonValue.Create(0);
            }
            else
            {
                return false;
            }
        }

        return true;
    }

    private static string Join(string path, string segment) => path.Length == 0 ? segment : path + "." + segment;

    private static YamlMappingNode? Load(string file)
    {
        try
        {
            var stream = new YamlStream();
            using var reader = new StringReader(File.ReadAllText(file));
            stream.Load(reader);
            return stream.Documents.Count > 0 ? stream.Documents[0].RootNode as YamlMappingNode : null;
        }
        catch (YamlException)
        {
            return null;
        }
    }

    private static string? Scalar(YamlMappingNode map, string name) =>
        map.Children.TryGetValue(new YamlScalarNode(name), out var node) && node is YamlScalarNode s ? s.Value : null;

    private static bool IsSd(YamlNode node) => !node.Tag.IsEmpty && node.Tag.Value == "!sd";

    /// <summary>YAML (1.1 scalars as PyYAML reads them) to JSON; collects the paths tagged <c>!sd</c>.</summary>
    private static JsonNode? ToJson(YamlNode? node, string path, List<string> sdPaths)
    {
        switch (node)
        {
            case YamlMappingNode map:
                var obj = new JsonObject();
                foreach (var (key, value) in map.Children)
                {
                    var name = ((YamlScalarNode)key).Value ?? string.Empty;
                    var claimPath = Join(path, name);
                    if (IsSd(key))
                    {
                        sdPaths.Add(claimPath);
                    }

                    obj[name] = ToJson(value, claimPath, sdPaths);
                }

                return obj;
            case YamlSequenceNode sequence:
                var array = new JsonArray();
                for (var i = 0; i < sequence.Children.Count; i++)
                {
                    var item = sequence.Children[i];
                    var itemPath = Join(path, i.ToString(CultureInfo.InvariantCulture));
                    if (IsSd(item))
                    {
                        sdPaths.Add(itemPath);
                    }

                    array.Add(ToJson(item, itemPath, sdPaths));
                }

                return array;
            case YamlScalarNode scalar when scalar.Style is ScalarStyle.Plain or ScalarStyle.Any:
                var text = scalar.Value ?? string.Empty;
                return text switch
                {
                    "" or "~" or "null" or "Null" or "NULL" or "None" => null,
                    "true" or "True" or "TRUE" => JsonValue.Create(true),
                    "false" or "False" or "FALSE" => JsonValue.Create(false),
                    _ when IntegerPattern().IsMatch(text) && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) => JsonValue.Create(n),
                    _ when FloatPattern().IsMatch(text) => JsonValue.Create(double.Parse(text, CultureInfo.InvariantCulture)),
                    _ => JsonValue.Create(text),
                };
            case YamlScalarNode quoted:
                return JsonValue.Create(quoted.Value);
            default:
                return null;
        }
    }
}
