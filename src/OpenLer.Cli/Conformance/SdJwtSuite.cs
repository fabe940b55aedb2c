using System.Text.Json.Nodes;
using OpenLer.Credentials.Encodings;
using OpenLer.Credentials.Jose;
using OpenLer.Credentials.Json;
using OpenLer.Credentials.Keys;
using OpenLer.Credentials.SdJwt;

namespace OpenLer.Cli.Conformance;

/// <summary>
/// The SD-JWT (RFC 9901) and SD-JWT VC draft examples, from ../shared/vectors/sd-jwt/*/examples.json: every disclosure's
/// digest and decoding; every Issuer-signed JWT's signature; every SD-JWT / SD-JWT+KB verifies with the example issuer key
/// (Appendix A.5), presents the expected number of disclosures and, where the draft shows it, yields exactly the
/// "Processed SD-JWT Payload". The sd-jwt-python YAML specifications run through <see cref="SdJwtPythonSpecs"/>.
/// </summary>
internal sealed class SdJwtSuite : IConformanceSuite
{
    public string Name => "sd-jwt";

    public string Folder => "sd-jwt";

    public IEnumerable<ConformanceCase> Cases(string suiteDirectory)
    {
        foreach (var draft in new[] { "ietf-sd-jwt", "ietf-sd-jwt-vc" })
        {
            var file = Path.Combine(suiteDirectory, draft, "examples.json");
            if (!File.Exists(file))
            {
                continue;
            }

            var examples = JsonNode.Parse(File.ReadAllText(file))!.AsObject();
            var issuerKey = PublicKey.FromJwk(examples["issuerPublicJwk"]!.AsObject()).Value;
            foreach (var section in examples["sections"]!.AsArray().OfType<JsonObject>())
            {
                var name = (string)section["section"]!;
                var items = section["items"]!.AsArray().OfType<JsonObject>().ToArray();
                for (var i = 0; i < items.Length; i++)
                {
                    var item = items[i];
                    var id = $"{draft}/{name}#{i}";
                    switch ((string?)item["kind"])
                    {
                        case "disclosure":
                            yield return new ConformanceCase(id + " disclosure", () => RunDisclosure(item));
                            break;
                        case "compact" when ((string)item["value"]!).Contains('~', StringComparison.Ordinal):
                            var processed = items.Skip(i + 1).TakeWhile(x => (string?)x["kind"] != "compact")
                                .FirstOrDefault(x => (string?)x["kind"] == "json" && ((string?)x["label"] ?? "").StartsWith("After validation", StringComparison.Ordinal));
                            yield return new ConformanceCase(id + " sd-jwt", () => RunSdJwt(item, issuerKey, processed?["value"] as JsonObject));
                            break;
                        case "compact":
                            yield return new ConformanceCase(id + " issuer-jwt", () => RunJwt(item, issuerKey));
                            break;
                    }
                }
            }
        }

        var python = Path.Combine(suiteDirectory, "sd-jwt-python");
        if (Directory.Exists(python))
        {
            foreach (var spec in Directory.EnumerateFiles(python, "specification.yml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                var folder = Path.GetDirectoryName(spec)!;
                var id = "sd-jwt-python/" + Path.GetRelativePath(python, folder).Replace('\\', '/');
                var settings = Path.Combine(Path.GetDirectoryName(folder)!, "settings.yml");
                yield return new ConformanceCase(id, () => File.Exists(settings)
                    ? SdJwtPythonSpecs.Run(spec, settings)
                    : ConformanceOutcome.Fail("settings.yml not found beside the specification folder"));
            }
        }
    }

    private static ConformanceOutcome RunDisclosure(JsonObject item)
    {
        var encoded = (string)item["disclosure"]!;
        var parsed = Disclosure.Parse(encoded);
        if (!parsed.IsSuccess)
        {
            return ConformanceOutcome.Fail(parsed.Error.ToString());
        }

        var digest = parsed.Value.Digest(SdHashAlgorithm.Sha256);
        if (digest != (string?)item["sha256"])
        {
            return ConformanceOutcome.Fail($"digest {digest}, expected {item["sha256"]}");
        }

        var decoded = StrictJson.Parse(Base64Url.Decode(encoded).Value).Value;
        return item["decoded"] is { } expected && !JsonNode.DeepEquals(Normalize(expected), decoded)
            ? ConformanceOutcome.Fail("decoded disclosure differs")
            : ConformanceOutcome.Pass();
    }

    private static JsonNode? Normalize(JsonNode node) => node is JsonValue v && v.TryGetValue<string>(out var s) && s.StartsWith('[')
        ? JsonNode.Parse(s)
        : node;

    private static ConformanceOutcome RunJwt(JsonObject item, PublicKey key)
    {
        var jws = CompactJws.Parse((string)item["value"]!);
        if (!jws.IsSuccess)
        {
            return ConformanceOutcome.Fail(jws.Error.ToString());
        }

        return key.Verify(jws.Value.SigningInput, jws.Value.Signature) ? ConformanceOutcome.Pass() : ConformanceOutcome.Fail("signature invalid");
    }

    private static ConformanceOutcome RunSdJwt(JsonObject item, PublicKey key, JsonObject? expectedClaims)
    {
        var compact = (string)item["value"]!;
        var parts = SdJwtCompact.Parse(compact, JsonLimits.DefaultMaxBytes);
        if (!parts.IsSuccess)
        {
            return ConformanceOutcome.Fail(parts.Error.ToString());
        }

        // The examples' KB-JWTs were made long ago: verify at their own iat (freshness is tested elsewhere).
        var now = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);
        if (parts.Value.KeyBindingJwt is { } kb && CompactJws.Parse(kb).TryGetValue(out var kbJws, out _) &&
            StrictJson.ParseObject(kbJws.Payload).TryGetValue(out var kbPayload, out _) && kbPayload["iat"] is JsonValue iat && iat.TryGetValue<long>(out var seconds))
        {
            now = DateTimeOffset.FromUnixTimeSeconds(seconds);
        }

        var result = SdJwtVerifier.Verify(compact, key, keyBinding: null, now);
        if (!result.Verified)
        {
            return ConformanceOutcome.Fail(result.FirstProblem?.ToString() ?? "not verified");
        }

        if (item["check"]?["disclosureCount"] is JsonValue count && count.GetValue<int>() != result.Processed!.Disclosed.Count)
        {
            return ConformanceOutcome.Fail($"{result.Processed.Disclosed.Count} disclosures processed, expected {count}");
        }

        if (parts.Value.KeyBindingJwt is not null && result.Checks.All(c => c.Name != "holder-binding" || c.Status != Credentials.Common.CheckStatus.Passed))
        {
            return ConformanceOutcome.Fail("the Key Binding JWT did not verify");
        }

        if (expectedClaims is not null && !JsonNode.DeepEquals(expectedClaims, result.Processed!.Claims))
        {
            return ConformanceOutcome.Fail($"processed payload differs: {StrictJson.Serialize(result.Processed.Claims)}");
        }

        return ConformanceOutcome.Pass();
    }
}
