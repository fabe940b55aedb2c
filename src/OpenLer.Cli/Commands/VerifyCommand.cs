using System.CommandLine;
using System.Text.Json.Nodes;
using OpenLer.Credentials.Common;
using OpenLer.Credentials.Dids;
using OpenLer.Credentials.Json;
using OpenLer.Credentials.OpenBadges;
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
        var files = new Argument<FileInfo[]>("files") { Description = "Credential files: JSON-LD, JWT, or baked PNG / SVG badges", Arity = ArgumentArity.OneOrMore };
        var json = new Option<bool>("--json") { Description = "One JSON object per line" };
        var didWeb = new Option<string[]>("--did-web") { Description = "Use FILE as the document of a did:web: DID=FILE (repeatable)" };
        var urls = new Option<string[]>("--url")
        {
            Description = "Use FILE as the document at an https URL (issuer profile, key document, status list): URL=FILE (repeatable)",
        };
        var schemas = new Option<DirectoryInfo?>("--schemas")
        {
            Description = "Folder of JSON Schemas (matched by $id) for credentialSchema; schemas are never fetched",
        };
        var contexts = new Option<string[]>("--context")
        {
            Description = "Accept FILE as the JSON-LD context at URL (e.g. the CLR 2.0 context): URL=FILE (repeatable)",
        };
        var network = new Option<bool>("--allow-network") { Description = "Fetch did:web documents and issuer profiles over HTTPS (public addresses only)" };
        var nonce = new Option<string?>("--nonce") { Description = "SD-JWT: require key binding with this nonce (with --aud)" };
        var aud = new Option<string?>("--aud") { Description = "SD-JWT: require key binding for this audience (with --nonce)" };
        var command = new Command("verify", "Verify credentials") { files, json, didWeb, urls, schemas, contexts, network, nonce, aud };
        command.SetAction((parse, cancellationToken) => RunAsync(
            parse.GetValue(files)!, parse.GetValue(json), parse.GetValue(didWeb) ?? [], parse.GetValue(urls) ?? [], parse.GetValue(schemas), parse.GetValue(contexts) ?? [], parse.GetValue(network),
            parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, cancellationToken, parse.GetValue(nonce), parse.GetValue(aud)));
        return command;
    }

    internal static async Task<int> RunAsync(FileInfo[] files, bool json, string[] didWebMappings, string[] urlMappings, DirectoryInfo? schemas, string[] contextMappings, bool allowNetwork,
        TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken, string? nonce = null, string? aud = null)
    {
        if ((nonce is null) != (aud is null))
        {
            stderr.WriteLine("Key binding needs both --nonce and --aud.");
            return 2;
        }

        var didWebDocuments = ReadMappings("--did-web", "DID", didWebMappings, stderr);
        var urlDocuments = ReadMappings("--url", "URL", urlMappings, stderr);
        var contextDocuments = ReadMappings("--context", "URL", contextMappings, stderr);
        if (didWebDocuments is null || urlDocuments is null || contextDocuments is null)
        {
            return 2;
        }

        if (schemas is { Exists: false })
        {
            stderr.WriteLine($"--schemas: folder not found: {schemas.FullName}");
            return 2;
        }

        using var fetcher = allowNetwork ? new SafeHttpsFetcher() : null;
        var created = VerifierFactory.TryCreate(new VerifierSettings
        {
            DidWebDocuments = didWebDocuments,
            UrlDocuments = urlDocuments,
            Network = fetcher,
            SchemasFolder = schemas?.FullName,
            Contexts = contextDocuments,
            KeyBinding = nonce is null ? null : new KeyBindingRequirement { Nonce = nonce, Audience = aud },
        });
        if (!created.IsSuccess)
        {
            stderr.WriteLine($"--context: {created.Error}");
            return 2;
        }

        var verifier = created.Value;
        var allVerified = true;
        foreach (var file in files)
        {
            VerificationResult result;
            if (!file.Exists)
            {
                result = VerificationResult.Failed(CheckNames.Format, ErrorCodes.JsonParse, "File not found.");
            }
            else if (file.Length > BakedBadge.MaxImageBytes)
            {
                result = VerificationResult.Failed(CheckNames.Format, ErrorCodes.DocumentTooLarge,
                    $"The file is larger than the limit of {BakedBadge.MaxImageBytes} bytes.");
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

    /// <summary>Reads NAME=FILE options; null (after a message) when one is malformed or names a missing file.</summary>
    internal static Dictionary<string, byte[]>? ReadMappings(string option, string name, string[] mappings, TextWriter stderr)
    {
        var mapped = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var mapping in mappings)
        {
            // The file is after the last '=' (URLs may contain '=' in their query).
            var eq = mapping.LastIndexOf('=');
            if (eq <= 0 || !File.Exists(mapping[(eq + 1)..]))
            {
                stderr.WriteLine($"{option} expects {name}=FILE with an existing file: {mapping}");
                return null;
            }

            mapped[mapping[..eq]] = File.ReadAllBytes(mapping[(eq + 1)..]);
        }

        return mapped;
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
                ["required"] = check.Required,
            });
        }

        return new JsonObject { ["file"] = file, ["verified"] = result.Verified, ["practice"] = result.IsPractice, ["checks"] = checks };
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
        // A practice credential (made for staff training) is named as such, never as a verified one (OpenBadges/PracticeMarker).
        output.WriteLine($"{file}: {(result.IsPractice ? "PRACTICE - not a real credential" : result.Verified ? "VERIFIED" : "NOT VERIFIED")}");
        foreach (var check in result.Checks)
        {
            var code = check.Code is null ? string.Empty : $" [{check.Code}]";
            // A data-model note (docs/adr/genuine-vs-notes.md) is shown as such, never as a failure of the credential.
            var status = !check.Required && check.Status is CheckStatus.Failed or CheckStatus.CouldNotCheck ? "note" : StatusText(check.Status);
            output.WriteLine($"  {status,-15} {check.Name,-20}{code} {check.Message}");
        }
    }
}
