using System.Text.Json.Nodes;
using OpenLer.Credentials.Common;
using OpenLer.Credentials.Status;
using OpenLer.Credentials.Verification;

namespace OpenLer.Cli.Conformance;

/// <summary>
/// W3C Bitstring Status List: every spec example with an encodedList decodes to the documented length and set bits
/// (../shared/vectors/bitstring-status-list/spec-examples.json); the DCC status list credentials beside it
/// (../credentials/dcc-vc-test-fixtures/statusLists) verify when valid and are refused when tampered, expired, not yet
/// valid or not a BitstringStatusListCredential.
/// </summary>
internal sealed class BitstringStatusListSuite : IConformanceSuite
{
    public string Name => "bitstring-status-list";

    public string Folder => "bitstring-status-list";

    public IEnumerable<ConformanceCase> Cases(string suiteDirectory)
    {
        var examples = JsonNode.Parse(File.ReadAllText(Path.Combine(suiteDirectory, "spec-examples.json")))!["examples"]!.AsArray();
        var n = 0;
        foreach (var example in examples.OfType<JsonObject>())
        {
            n++;
            if (example["decodedEncodedList"] is JsonObject expected)
            {
                var id = $"spec-example-{n} (line {example["sourceLine"]})";
                yield return new ConformanceCase(id, () => RunExample(example, expected));
            }
        }

        var lists = Path.Combine(suiteDirectory, "..", "credentials", "dcc-vc-test-fixtures", "statusLists", "didkey-ed25519Signature2020");
        if (!Directory.Exists(lists))
        {
            yield break;
        }

        foreach (var (file, valid) in new[] { ("e5WK8CbZ1GjycuPombrj", true), ("tampered", false), ("expired", false), ("notYetValid", false), ("missingBitStringType", false) })
        {
            var path = Path.Combine(lists, file);
            if (File.Exists(path))
            {
                yield return new ConformanceCase("dcc/" + file, () => RunList(path, valid));
            }
        }
    }

    private static ConformanceOutcome RunExample(JsonObject example, JsonObject expected)
    {
        var encoded = (string?)example["json"]?["credentialSubject"]?["encodedList"];
        var decoded = BitstringStatusList.Decode(encoded);
        if (!decoded.IsSuccess)
        {
            return ConformanceOutcome.Fail(decoded.Error.ToString());
        }

        if (decoded.Value.Length != (int)expected["bitstringBytes"]!)
        {
            return ConformanceOutcome.Fail($"{decoded.Value.Length} bytes, expected {expected["bitstringBytes"]}");
        }

        var set = Enumerable.Range(0, decoded.Value.Length * 8).Where(i => BitstringStatusList.ReadMsbFirst(decoded.Value, i) == 1);
        return set.SequenceEqual(expected["bitsSet"]!.AsArray().Select(b => (int)b!))
            ? ConformanceOutcome.Pass()
            : ConformanceOutcome.Fail("set bits differ");
    }

    private static ConformanceOutcome RunList(string path, bool valid)
    {
        var result = new CredentialVerifier().VerifyAsync(File.ReadAllText(path)).GetAwaiter().GetResult();
        var isList = result.Credential is { } c && CredentialFields.Types(c.Document).Contains("BitstringStatusListCredential") &&
                     BitstringStatusList.Decode((string?)c.Document["credentialSubject"]?["encodedList"]).IsSuccess;
        var accepted = result.Verified && isList;
        return accepted == valid
            ? ConformanceOutcome.Pass()
            : ConformanceOutcome.Fail(valid ? $"refused: {result.FirstProblem}" : "accepted a list that must be refused");
    }
}
