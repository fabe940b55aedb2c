namespace OpenLer.Interop.Tests;

/// <summary>
/// The RDF cryptosuites (eddsa-rdfc-2022, ecdsa-rdfc-2019, Ed25519Signature2020) and eddsa-jcs-2022, both directions, on
/// credentials with varied content (Fixtures/: Arabic and other scripts, language-tagged values, two achievements,
/// alignments, evidence, results, an embedded endorsement, a VC 1.1 credential in the DCC wallet's form).
/// </summary>
public class RdfcInteropTests
{
    public static TheoryData<string> Suites => new("eddsa-rdfc-2022", "ecdsa-rdfc-2019", "ed25519-signature-2020", "eddsa-jcs-2022");

    private static string[] Fixtures() =>
        Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Fixtures"), "*.json").Order(StringComparer.Ordinal).ToArray();

    [Theory]
    [MemberData(nameof(Suites))]
    public async Task OpenLerIssued_VerifiesInDigitalBazaarVc(string suite)
    {
        JsReference.SkipUnlessAvailable();
        using var temp = new TempFolder();
        var keyType = suite == "ecdsa-rdfc-2019" ? "p256" : "ed25519";
        var outputs = new List<string>();
        foreach (var fixture in Fixtures())
        {
            Assert.Equal(0, (await Cli.RunAsync("key", "generate", "--type", keyType, "--out", temp.File("key.json"))).ExitCode);
            var output = temp.File(Path.GetFileName(fixture));
            var issue = await Cli.RunAsync("issue", fixture, "--key", temp.File("key.json"), "--suite", suite, "--out", output);
            Assert.True(issue.ExitCode == 0, $"{Path.GetFileName(fixture)}: {issue.Error}");
            outputs.Add(output);
        }

        var results = await JsReference.VerifyAsync([.. outputs]);
        Assert.Equal(outputs.Count, results.Count);
        foreach (var result in results)
        {
            Assert.True((bool)result["verified"]!, result.ToJsonString());
        }
    }

    [Theory]
    [MemberData(nameof(Suites))]
    public async Task DigitalBazaarSigned_VerifiesWithOpenLer(string suite)
    {
        JsReference.SkipUnlessAvailable();
        using var temp = new TempFolder();
        var files = new List<string>();
        foreach (var fixture in Fixtures())
        {
            var output = temp.File(Path.GetFileName(fixture));
            var (code, _, error) = await JsReference.RunAsync("sign", suite, output, "--credential", fixture);
            Assert.True(code == 0, $"{Path.GetFileName(fixture)}: {error}");
            files.Add(output);
        }

        var verify = await Cli.RunAsync(["verify", "--json", .. files]);
        Assert.True(verify.ExitCode == 0, verify.Output);
        Assert.Equal(files.Count, verify.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Count(l => l.Contains("\"verified\":true", StringComparison.Ordinal)));
    }

    [Theory]
    [MemberData(nameof(Suites))]
    public async Task DigitalBazaarSigned_Tampered_RejectedByOpenLer(string suite)
    {
        JsReference.SkipUnlessAvailable();
        using var temp = new TempFolder();
        var fixture = Fixtures()[0];
        var output = temp.File("signed.json");
        Assert.Equal(0, (await JsReference.RunAsync("sign", suite, output, "--credential", fixture)).ExitCode);
        var text = await File.ReadAllTextAsync(output, TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(output, text.Replace("Active Listening", "Forklift Operation", StringComparison.Ordinal), TestContext.Current.CancellationToken);

        var verify = await Cli.RunAsync("verify", "--json", output);
        Assert.Equal(1, verify.ExitCode);
        Assert.Contains("PROOF_VERIFICATION_ERROR", verify.Output, StringComparison.Ordinal);
    }
}
