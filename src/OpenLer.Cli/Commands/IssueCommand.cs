using System.CommandLine;
using System.Text.Json.Nodes;
using OpenLer.Credentials.DataIntegrity;
using OpenLer.Credentials.Jose;
using OpenLer.Credentials.Json;
using OpenLer.Credentials.Verification;

namespace OpenLer.Cli.Commands;

/// <summary>
/// <c>openler issue FILE --key KEYFILE --suite SUITE [--out FILE]</c>: secures an unsigned credential. The key's controller
/// becomes the issuer when the credential has none; a credential naming another issuer is refused (it could not verify).
/// </summary>
internal static class IssueCommand
{
    internal static readonly string[] Suites =
        ["eddsa-rdfc-2022", "ecdsa-rdfc-2019", "ed25519-signature-2020", "eddsa-jcs-2022", "ecdsa-jcs-2019", "vc-jwt", "sd-jwt-vc"];

    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "The unsigned credential (JSON)" };
        var key = new Option<FileInfo>("--key") { Description = "The signing key file (openler key generate)", Required = true };
        var suite = new Option<string>("--suite") { Description = "How to secure it: " + string.Join(", ", Suites), Required = true };
        suite.AcceptOnlyFromAmong(Suites);
        var output = new Option<FileInfo?>("--out") { Description = "Write the credential here instead of standard output" };
        var sd = new Option<string?>("--sd") { Description = "sd-jwt-vc: selectively disclosable claims, comma-separated paths (a.b, list.0, list.*)" };
        var holder = new Option<FileInfo?>("--holder-key") { Description = "sd-jwt-vc: the holder's key file; its public key goes in cnf for key binding" };
        var status = new Option<FileInfo?>("--status") { Description = "JSON-LD suites: allocate a credentialStatus entry from this status list state file (openler status create)" };
        var command = new Command("issue", "Sign a credential") { file, key, suite, output, sd, holder, status };
        command.SetAction(parse => Run(
            parse.GetValue(file)!, parse.GetValue(key)!, parse.GetValue(suite)!, parse.GetValue(output),
            parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error,
            parse.GetValue(sd), parse.GetValue(holder), parse.GetValue(status)));
        return command;
    }

    internal static int Run(FileInfo file, FileInfo keyFile, string suite, FileInfo? output, TextWriter stdout, TextWriter stderr,
        string? sd = null, FileInfo? holderKey = null, FileInfo? statusState = null)
    {
        if (suite == "sd-jwt-vc")
        {
            return SdJwtCommands.Issue(file, keyFile, output, sd, holderKey, stdout, stderr);
        }

        if (sd is not null || holderKey is not null)
        {
            stderr.WriteLine("--sd and --holder-key apply only to --suite sd-jwt-vc.");
            return 2;
        }

        if (!file.Exists)
        {
            stderr.WriteLine($"File not found: {file.FullName}");
            return 2;
        }

        var credential = StrictJson.ParseObject(File.ReadAllBytes(file.FullName));
        if (!credential.IsSuccess)
        {
            stderr.WriteLine($"{file.Name}: {credential.Error}");
            return 2;
        }

        var key = KeyFile.Read(keyFile.FullName);
        if (!key.IsSuccess)
        {
            stderr.WriteLine(key.Error.ToString());
            return 2;
        }

        using var signingKey = key.Value;
        var unsigned = credential.Value;
        var issuer = CredentialFields.IssuerId(unsigned);
        switch (unsigned["issuer"])
        {
            case null:
                unsigned["issuer"] = signingKey.Controller;
                break;
            case JsonObject profile when profile["id"] is null:
                profile["id"] = signingKey.Controller;
                break;
            default:
                if (issuer != signingKey.Controller)
                {
                    stderr.WriteLine($"The credential's issuer ({issuer}) is not the key's controller ({signingKey.Controller}).");
                    return 2;
                }

                break;
        }

        if (statusState is not null)
        {
            var entry = StatusCommand.AllocateEntry(statusState, signingKey.Controller, stderr);
            if (entry is null)
            {
                return 2;
            }

            unsigned["credentialStatus"] = entry;
        }

        string result;
        if (suite == "vc-jwt")
        {
            result = VcJose.Secure(unsigned, signingKey.Key, signingKey.VerificationMethod);
        }
        else
        {
            var signer = new DataIntegritySigner(Cryptosuites.Default, TimeProvider.System);
            var signed = signer.Sign(unsigned, signingKey.Key, new ProofOptions
            {
                Cryptosuite = suite == "ed25519-signature-2020" ? "Ed25519Signature2020" : suite,
                VerificationMethod = signingKey.VerificationMethod,
            });
            if (!signed.IsSuccess)
            {
                stderr.WriteLine(signed.Error.ToString());
                return 1;
            }

            result = StrictJson.Serialize(signed.Value, indented: true);
        }

        if (output is null)
        {
            stdout.WriteLine(result);
        }
        else
        {
            File.WriteAllText(output.FullName, result + "\n");
        }

        return 0;
    }
}
