namespace OpenLer.Interop.Tests;

/// <summary>
/// eddsa-jcs-2022 / ecdsa-jcs-2019 and VC-JOSE in both directions: credentials `openler issue` writes verify in the Digital
/// Bazaar stack (@digitalbazaar/vc + eddsa-jcs-2022-cryptosuite, jose), and theirs verify with `openler verify`.
/// </summary>
public class JcsAndJoseInteropTests
{
    [Theory]
    [InlineData("ed25519", "eddsa-jcs-2022", "credential.json")]
    [InlineData("ed25519", "vc-jwt", "credential.jwt")]
    [InlineData("p256", "vc-jwt", "credential.jwt")]
    public async Task OpenLerIssued_VerifiesInTheJsReference(string keyType, string suite, string fileName)
    {
        JsReference.SkipUnlessAvailable();
        using var temp = new TempFolder();
        await File.WriteAllTextAsync(temp.File("unsigned.json"), Cli.UnsignedOpenBadge, TestContext.Current.CancellationToken);
        Assert.Equal(0, (await Cli.RunAsync("key", "generate", "--type", keyType, "--out", temp.File("key.json"))).ExitCode);
        var issue = await Cli.RunAsync("issue", temp.File("unsigned.json"), "--key", temp.File("key.json"), "--suite", suite, "--out", temp.File(fileName));
        Assert.True(issue.ExitCode == 0, issue.Error);

        var result = (await JsReference.VerifyAsync(temp.File(fileName))).Single();
        Assert.True((bool)result["verified"]!, result.ToJsonString());
    }

    [Fact]
    public async Task OpenLerIssued_Tampered_RejectedByTheJsReference()
    {
        JsReference.SkipUnlessAvailable();
        using var temp = new TempFolder();
        await File.WriteAllTextAsync(temp.File("unsigned.json"), Cli.UnsignedOpenBadge, TestContext.Current.CancellationToken);
        await Cli.RunAsync("key", "generate", "--out", temp.File("key.json"));
        await Cli.RunAsync("issue", temp.File("unsigned.json"), "--key", temp.File("key.json"), "--suite", "eddsa-jcs-2022", "--out", temp.File("c.json"));
        var text = await File.ReadAllTextAsync(temp.File("c.json"), TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(temp.File("c.json"), text.Replace("Job Readiness", "Forklift Operator", StringComparison.Ordinal), TestContext.Current.CancellationToken);

        var result = (await JsReference.VerifyAsync(temp.File("c.json"))).Single();
        Assert.False((bool)result["verified"]!);
    }

    [Theory]
    [InlineData("eddsa-jcs-2022", "credential.json")]
    [InlineData("vc-jwt-es256", "credential.jwt")]
    public async Task JsReferenceSigned_VerifiesWithOpenLer(string suite, string fileName)
    {
        JsReference.SkipUnlessAvailable();
        using var temp = new TempFolder();
        var (code, _, error) = await JsReference.RunAsync("sign", suite, temp.File(fileName));
        Assert.True(code == 0, error);

        var verify = await Cli.RunAsync("verify", "--json", temp.File(fileName));
        Assert.True(verify.ExitCode == 0, verify.Output);
        Assert.Contains("\"verified\":true", verify.Output, StringComparison.Ordinal);
    }
}
