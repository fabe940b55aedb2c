using System.CommandLine;
using System.Text.Json.Nodes;
using OpenLer.Credentials.Dids;
using OpenLer.Credentials.Json;
using OpenLer.Credentials.SdJwt;
using OpenLer.Credentials.Verification;

namespace OpenLer.Cli.Commands;

/// <summary>
/// <c>openler verify FILE... [--json]</c>: verifies each file (JSON-LD with an embedded proof, VC-JOSE or VC-JWT) and prints
/// every check; with --json one object per line. Exit code 1 when any file is not verified, 2 on usage errors.
/// did:web documents come from --did-web DID=FILE mappings, or from the network only with --allow-network.
/// </summary>
internal static class VerifyCommand
{
    public static Command Create()
    {
        var files = new Argument<FileInfo[]>("files") { Description = "Credential files", Arity = ArgumentArity.OneOrMore };
        var json = new Option<bool>("--json") { Description = "One JSON object per line" };
        var didWeb = new Option<string[]>("--did-web") { Description = "Use FILE as the document of a did:web: DID=FILE (repeatable)" };
        var network = new Option<bool>("--allow-network") { Description = "Resolve did:web over HTTPS (public addresses only)" };
        var nonce = new Option<string?>("--nonce") { Description = "SD-JWT: require key binding with this nonce" };
        var aud = new Option<string?>("--aud") { Description = "SD-JWT: require key binding for this audience" };
        var lists = new Option<string[]>("--status-list") { Description = "Check status against a local list credential: URL=FILE (repeatable)" };
        var command = new Command("verify", "Verify credentials") { files, json, didWeb, network, nonce, aud, lists };
        command.SetAction((parse, cancellationToken) => RunAsync(
            parse.GetValue(files)!, parse.GetValue(json), parse.GetValue(didWeb) ?? [], parse.GetValue(network),
            parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, cancellationToken,
            parse.GetValue(nonce), parse.GetValue(aud), parse.GetValue(lists) ?? []));
        return command;
    }

    internal static async Task<int> RunAsync(FileInfo[] files, bool json, string[] didWebMappings, bool allowNetwork,
        TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken,
        string? nonce = null, string? aud = null, string[]? statusLists = null)
    {
        var mapped = VerifierFactory.ReadMappings(didWebMappings, "--did-web", stderr);
        if (mapped is null)
        {
            return 2;
        }

        if ((nonce is null) != (aud is null))
        {
            stderr.WriteLine("Key binding needs both --nonce and --aud.");
            return 2;
        }

        var statusFetcher = statusLists is { Length: > 0 } ? FileStatusListFetcher.FromMappings(statusLists, stderr) : null;
        if (statusLists is { Length: > 0 } && statusFetcher is null)
        {
            return 2;
        }

        var keyBinding = nonce is null ? null : new KeyBindingRequirement { Nonce = nonce, Audience = aud };
        using var fetcher = allowNetwork ? new SafeHttpsFetcher() : null;
        var verifier = VerifierFactory.Create(mapped, fetcher, statusFetcher, keyBinding);
        var allVerified = true;
        foreach (var file in files)
        {
            VerificationResult result;
            if (!file.Exists)
            {
                result = VerificationResult.Failed(CheckNames.Format, ErrorCodes.JsonParse, "File not found.");
            }
            else if (file.Length > verifier.Options.Limits.MaxBytes)
            {
                result = VerificationResult.Failed(CheckNames.Format, ErrorCodes.DocumentTooLarge,
                    $"The file is larger than the limit of {verifier.Options.Limits.MaxBytes} bytes.");
            }
            else
            {
                result = await verifier.VerifyAsync(await File.ReadAllBytesAsync(file.FullName, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
            }

            allVerified &= result.Verified;
            if (json)
            {
                stdout.WriteLine(StrictJson.Serialize(ToJson(file.Name, result)));
            }
            else
            {
                WriteText(stdout, file.Name, result);
            }
        }

        return allVerified ? 0 : 1;
    }

    internal static JsonObject ToJson(string file, VerificationResult result)
    {
        var checks = new JsonArray();
        foreach (var check in result.Checks)
        {
            checks.Add(new JsonObject
            {
                ["name"] = check.Name,
                ["status"] = StatusText(check.Status),
                ["code"] = check.Code,
                ["message"] = check.Message,
            });
        }

        return new JsonObject { ["file"] = file, ["verified"] = result.Verified, ["checks"] = checks };
    }

    internal static string StatusText(CheckStatus status) => status switch
    {
        CheckStatus.Passed => "passed",
        CheckStatus.Failed => "failed",
        CheckStatus.CouldNotCheck => "could-not-check",
        _ => "not-checked",
    };

    private static void WriteText(TextWriter output, string file, VerificationResult result)
    {
        output.WriteLine($"{file}: {(result.Verified ? "VERIFIED" : "NOT VERIFIED")}");
        foreach (var check in result.Checks)
        {
            var code = check.Code is null ? string.Empty : $" [{check.Code}]";
            output.WriteLine($"  {StatusText(check.Status),-15} {check.Name,-20}{code} {check.Message}");
        }
    }
}
