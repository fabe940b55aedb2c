using System.Globalization;
using System.Text.Json.Nodes;
using OpenLer.Credentials.Jcs;
using OpenLer.Credentials.Json;

namespace OpenLer.Cli.Conformance;

/// <summary>
/// RFC 8785 cases (cyberphone reference data and the W3C Data Integrity JCS vectors) and the ES6 number vectors,
/// per ../shared/vectors/jcs/manifest.json: canonicalize(input) must equal the output file byte for byte.
/// </summary>
internal sealed class JcsSuite : IConformanceSuite
{
    public string Name => "jcs";

    public string Folder => "jcs";

    public IEnumerable<ConformanceCase> Cases(string suiteDirectory)
    {
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(suiteDirectory, "manifest.json")))!.AsObject();
        foreach (var c in manifest["cases"]!.AsArray())
        {
            var id = (string)c!["id"]!;
            var input = Path.Combine(suiteDirectory, (string)c["input"]!);
            var output = Path.Combine(suiteDirectory, (string)c["output"]!);
            yield return new ConformanceCase(id, () => RunCase(input, output));
        }

        foreach (var file in manifest["numberVectors"]!["files"]!.AsArray())
        {
            var path = Path.Combine(suiteDirectory, (string)file!);
            yield return new ConformanceCase("numbers/" + Path.GetFileName(path), () => RunNumbers(path));
        }
    }

    private static ConformanceOutcome RunCase(string inputPath, string outputPath)
    {
        var parsed = StrictJson.Parse(File.ReadAllBytes(inputPath));
        if (!parsed.IsSuccess)
        {
            return ConformanceOutcome.Fail($"input rejected: {parsed.Error}");
        }

        var expected = File.ReadAllBytes(outputPath);
        var actual = JsonCanonicalizer.Canonicalize(parsed.Value);
        return actual.AsSpan().SequenceEqual(expected)
            ? ConformanceOutcome.Pass()
            : ConformanceOutcome.Expect(System.Text.Encoding.UTF8.GetString(expected), System.Text.Encoding.UTF8.GetString(actual));
    }

    private static ConformanceOutcome RunNumbers(string path)
    {
        var failures = new List<string>();
        var count = 0;
        foreach (var line in File.ReadLines(path))
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var comma = line.IndexOf(',', StringComparison.Ordinal);
            var bits = ulong.Parse(line.AsSpan(0, comma), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            var expected = line[(comma + 1)..];
            var value = BitConverter.UInt64BitsToDouble(bits);
            var actual = EcmaScriptNumber.Format(value);
            count++;
            if (actual != expected && failures.Count < 5)
            {
                failures.Add($"{line[..comma]}: expected {expected}, got {actual}");
            }
        }

        return failures.Count == 0
            ? ConformanceOutcome.Pass()
            : ConformanceOutcome.Fail($"{failures.Count}+ of {count} numbers differ: {string.Join("; ", failures)}");
    }
}
