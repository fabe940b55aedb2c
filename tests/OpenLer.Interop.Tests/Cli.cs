namespace OpenLer.Interop.Tests;

/// <summary>Runs the openler command line in-process.</summary>
public static class Cli
{
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await OpenLer.Cli.OpenLerCli.RunAsync(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    /// <summary>An unsigned Open Badges 3.0 credential with non-ASCII text, the issuer left for the key to fill.</summary>
    public const string UnsignedOpenBadge = """
        {
          "@context": ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
          "id": "urn:uuid:0d6a3f1e-8e4b-4f4e-bb9c-2f1e3d4c5b6a",
          "type": ["VerifiableCredential", "OpenBadgeCredential"],
          "name": "Job Readiness — برنامج الاستعداد للعمل",
          "issuer": {"type": ["Profile"], "name": "IRC Tucson"},
          "validFrom": "2026-01-15T00:00:00Z",
          "credentialSubject": {
            "id": "did:example:amina",
            "type": ["AchievementSubject"],
            "achievement": {
              "id": "https://openler.example/achievements/job-readiness",
              "type": ["Achievement"],
              "name": "Job Readiness",
              "description": "Completed the six-week job readiness program. Amina Rahimi — أمينة",
              "criteria": {"narrative": "Attended all sessions and passed the mock interview."},
              "alignment": [{"type": ["Alignment"], "targetName": "Active Listening", "targetUrl": "https://www.onetonline.org/find/descriptor/result/2.A.1.b", "targetFramework": "O*NET", "targetCode": "2.A.1.b"}]
            }
          }
        }
        """;
}
