using System.CommandLine;
using System.Text.Json.Nodes;
using OpenLer.Credentials.Common;
using OpenLer.Credentials.DataIntegrity;
using OpenLer.Credentials.Jose;
using OpenLer.Credentials.Json;
using OpenLer.Credentials.OpenBadges;

namespace OpenLer.Cli.Commands;

/// <summary>
/// <c>openler issue FILE --key KEYFILE --suite SUITE [--out FILE]</c>: secures an unsigned credential. The key's controller
/// becomes the issuer when the credential has none, and an Open Badges credential without an issuance date gets validFrom
/// (issuanceDate under VC 1.1) = now; a credential naming another issuer is refused (it could not verify).
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
        var bake = new Option<FileInfo?>("--bake")
        {
            Description = "Bake the credential into this badge image (PNG or SVG, Open Badges 3.0 §5.3); --out names the baked image",
        };
        var sd = new Option<string?>("--sd") { Description = "sd-jwt-vc: selectively disclosable claims, comma-separated paths (a.b, list.0, list.*)" };
        var holder = new Option<FileInfo?>("--holder-key") { Description = "sd-jwt-vc: the holder's key file; its public key goes in cnf for key binding" };
        var status = new Option<FileInfo?>("--status") { Description = "Allocate a status entry from this status list state file (openler status create; --token lists for sd-jwt-vc)" };
        var command = new Command("issue", "Sign a credential") { file, key, suite, output, bake, sd, holder, status };
        command.SetAction(parse => Run(
            parse.GetValue(file)!, parse.GetValue(key)!, parse.GetValue(suite)!, parse.GetValue(output),
            parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, parse.GetValue(bake),
            parse.GetValue(sd), parse.GetValue(holder), parse.GetValue(status)));
        return command;
    }

    internal static int Run(FileInfo file, FileInfo keyFile, string suite, FileInfo? output, TextWriter stdout, TextWriter stderr, FileInfo? bake = null,
        string? sd = null, FileInfo? holderKey = null, FileInfo? statusState = null)
    {
        if (suite == "sd-jwt-vc")
        {
            return bake is not null
                ? Usage(stderr, "--bake does not apply to --suite sd-jwt-vc.")
                : SdJwtCommands.Issue(file, keyFile, output, sd, holderKey, stdout, stderr, statusState);
        }

        if (sd is not null || holderKey is not null)
        {
            return Usage(stderr, "--sd and --holder-key apply only to --suite sd-jwt-vc.");
        }

        if (bake is not null && (!bake.Exists || output is null))
        {
            stderr.WriteLine(bake.Exists ? "--bake needs --out for the baked image." : $"Image not found: {bake.FullName}");
            return 2;
        }

        if (!ReadInputs(file, keyFile, stderr, out var unsigned, out var key))
        {
            return 2;
        }

        using var signingKey = key;
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

        // Open Badges 3.0 requires the issuance date (validFrom; VC 1.1: issuanceDate): stamp it when the input has none.
        if (OpenBadgesModel.Applies(unsigned) && unsigned["validFrom"] is null && unsigned["issuanceDate"] is null)
        {
            var now = TimeProvider.System.GetUtcNow();
            var stamp = XsdDateTime.Format(now.AddTicks(-(now.Ticks % TimeSpan.TicksPerSecond)));
            var v1 = unsigned["@context"] is JsonArray contexts && contexts.Count > 0 && (string?)contexts[0] == "https://www.w3.org/2018/credentials/v1";
            unsigned[v1 ? "issuanceDate" : "validFrom"] = stamp;
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

        if (bake is not null)
        {
            return Bake(bake, result, output!, stderr);
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

    /// <summary>Writes the badge image with the credential baked in (PNG iTXt chunk, or SVG openbadges:credential).</summary>
    private static int Bake(FileInfo image, string credential, FileInfo output, TextWriter stderr)
    {
        var bytes = File.ReadAllBytes(image.FullName);
        if (BakedBadge.IsPng(bytes))
        {
            var baked = BakedBadge.BakePng(bytes, credential);
            if (!baked.IsSuccess)
            {
                stderr.WriteLine(baked.Error.ToString());
                return 2;
            }

            File.WriteAllBytes(output.FullName, baked.Value);
            return 0;
        }

        var text = System.Text.Encoding.UTF8.GetString(bytes);
        if (!BakedBadge.IsSvg(text))
        {
            stderr.WriteLine($"{image.Name} is neither a PNG nor an SVG image.");
            return 2;
        }

        try
        {
            File.WriteAllText(output.FullName, BakedBadge.BakeSvg(text, credential));
            return 0;
        }
        catch (ArgumentException ex)
        {
            stderr.WriteLine($"{image.Name}: {ex.Message}");
            return 2;
        }
    }

    private static int Usage(TextWriter stderr, string message)
    {
        stderr.WriteLine(message);
        return 2;
    }

    /// <summary>Reads the JSON input and the signing key; false (after a message on standard error) when either is unusable.</summary>
    internal static bool ReadInputs(FileInfo file, FileInfo keyFile, TextWriter stderr,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out JsonObject? json, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out KeyFile? key)
    {
        json = null;
        key = null;
        if (!file.Exists)
        {
            stderr.WriteLine($"File not found: {file.FullName}");
            return false;
        }

        var parsed = StrictJson.ParseObject(File.ReadAllBytes(file.FullName));
        if (!parsed.IsSuccess)
        {
            stderr.WriteLine($"{file.Name}: {parsed.Error}");
            return false;
        }

        var read = KeyFile.Read(keyFile.FullName);
        if (!read.IsSuccess)
        {
            stderr.WriteLine(read.Error.ToString());
            return false;
        }

        json = parsed.Value;
        key = read.Value;
        return true;
    }
}
