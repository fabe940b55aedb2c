using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using OpenLer.Credentials.Common;
using OpenLer.Credentials.DataIntegrity;
using OpenLer.Credentials.Json;
using OpenLer.Credentials.Status;

namespace OpenLer.Cli.Commands;

/// <summary>
/// <c>openler status create|revoke|suspend|reinstate|check</c>: keeps a W3C Bitstring Status List in a state file and writes
/// the signed BitstringStatusListCredential after every change; <c>check</c> verifies a credential's status against list
/// files given as URL=FILE (never fetched).
/// </summary>
internal static class StatusCommand
{
    public static Command Create()
    {
        var command = new Command("status", "Manage and check Bitstring Status Lists");
        command.Subcommands.Add(CreateCreate());
        command.Subcommands.Add(CreateChange("revoke", "Revoke the credential at an index (permanent)", StatusPurpose.Revocation, true));
        command.Subcommands.Add(CreateChange("suspend", "Suspend the credential at an index", StatusPurpose.Suspension, true));
        command.Subcommands.Add(CreateChange("reinstate", "Lift the suspension at an index", StatusPurpose.Suspension, false));
        command.Subcommands.Add(CreateCheck());
        return command;
    }

    private static Option<FileInfo> StateOption() => new("--state") { Description = "The status list state file", Required = true };

    private static Option<FileInfo> KeyOption() => new("--key") { Description = "The issuer's key file (signs the list)", Required = true };

    private static Option<FileInfo> OutOption() => new("--out") { Description = "Where to write the signed BitstringStatusListCredential", Required = true };

    private static Command CreateCreate()
    {
        var state = StateOption();
        var key = KeyOption();
        var output = OutOption();
        var url = new Option<string>("--url") { Description = "The URL where the list credential will be published", Required = true };
        var purpose = new Option<string>("--purpose") { Description = "revocation or suspension", DefaultValueFactory = _ => StatusPurpose.Revocation };
        purpose.AcceptOnlyFromAmong(StatusPurpose.Revocation, StatusPurpose.Suspension);
        var token = new Option<bool>("--token") { Description = "Publish as an IETF Status List Token (statuslist+jwt) for SD-JWT VCs instead of a W3C BitstringStatusListCredential" };
        var command = new Command("create", "Create an empty status list (131,072 entries)") { state, key, output, url, purpose, token };
        command.SetAction(parse => RunCreate(parse.GetValue(state)!, parse.GetValue(key)!, parse.GetValue(output)!, parse.GetValue(url)!,
            parse.GetValue(purpose)!, parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, parse.GetValue(token)));
        return command;
    }

    private static Command CreateChange(string name, string description, string purpose, bool value)
    {
        var state = StateOption();
        var key = KeyOption();
        var output = OutOption();
        var index = new Option<int>("--index") { Description = "The credential's statusListIndex", Required = true };
        var command = new Command(name, description) { state, key, output, index };
        command.SetAction(parse => RunChange(parse.GetValue(state)!, parse.GetValue(key)!, parse.GetValue(output)!, parse.GetValue(index),
            purpose, value, parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error));
        return command;
    }

    private static Command CreateCheck()
    {
        var file = new Argument<FileInfo>("credential") { Description = "The credential whose status to check" };
        var lists = new Option<string[]>("--url") { Description = "The status list credential published at URL: URL=FILE (repeatable)" };
        var didWeb = new Option<string[]>("--did-web") { Description = "Use FILE as the document of a did:web: DID=FILE (repeatable)" };
        var command = new Command("check", "Check a credential's revocation/suspension status against local list files") { file, lists, didWeb };
        command.SetAction((parse, token) => RunCheckAsync(parse.GetValue(file)!, parse.GetValue(lists) ?? [], parse.GetValue(didWeb) ?? [],
            parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, token));
        return command;
    }

    internal static int RunCreate(FileInfo stateFile, FileInfo keyFile, FileInfo output, string url, string purpose, TextWriter stdout, TextWriter stderr,
        bool token = false)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out _))
        {
            stderr.WriteLine($"--url must be an absolute URL: {url}");
            return 2;
        }

        if (stateFile.Exists)
        {
            stderr.WriteLine($"{stateFile.FullName} exists: refusing to overwrite a status list.");
            return 2;
        }

        var key = KeyFile.Read(keyFile.FullName);
        if (!key.IsSuccess)
        {
            stderr.WriteLine(key.Error.ToString());
            return 2;
        }

        using var signingKey = key.Value;
        using var random = RandomNumberGenerator.Create();
        var state = new StatusListState(url, purpose, random);
        StatusStateFile.Save(stateFile.FullName, signingKey.Controller, state, token);
        return Publish(state, signingKey, output, token, stdout, stderr);
    }

    internal static int RunChange(FileInfo stateFile, FileInfo keyFile, FileInfo output, int index, string purpose, bool value, TextWriter stdout, TextWriter stderr)
    {
        using var random = RandomNumberGenerator.Create();
        var loaded = StatusStateFile.Load(stateFile.FullName, random);
        if (!loaded.IsSuccess)
        {
            stderr.WriteLine(loaded.Error.ToString());
            return 2;
        }

        var (issuer, state, token) = loaded.Value;
        if (state.Purpose != purpose)
        {
            stderr.WriteLine($"This is a {state.Purpose} list; use a {purpose} list.");
            return 2;
        }

        var key = KeyFile.Read(keyFile.FullName);
        if (!key.IsSuccess)
        {
            stderr.WriteLine(key.Error.ToString());
            return 2;
        }

        using var signingKey = key.Value;
        if (signingKey.Controller != issuer)
        {
            stderr.WriteLine($"The key's controller ({signingKey.Controller}) is not the list's issuer ({issuer}).");
            return 2;
        }

        if ((uint)index >= (uint)state.Length)
        {
            stderr.WriteLine($"--index must be between 0 and {state.Length - 1}.");
            return 2;
        }

        try
        {
            state.SetStatus(index, value);
        }
        catch (InvalidOperationException ex)
        {
            stderr.WriteLine(ex.Message);
            return 2;
        }

        StatusStateFile.Save(stateFile.FullName, issuer, state, token);
        return Publish(state, signingKey, output, token, stdout, stderr);
    }

    /// <summary>
    /// Allocates an index in the state file for a credential of <paramref name="issuer"/> and returns its status entry: a
    /// BitstringStatusListEntry, or for an SD-JWT VC (<paramref name="sdJwt"/>) the <c>status.status_list</c> reference.
    /// </summary>
    internal static JsonObject? AllocateEntry(FileInfo stateFile, string issuer, TextWriter stderr, bool sdJwt = false)
    {
        using var random = RandomNumberGenerator.Create();
        var loaded = StatusStateFile.Load(stateFile.FullName, random);
        if (!loaded.IsSuccess)
        {
            stderr.WriteLine(loaded.Error.ToString());
            return null;
        }

        var (listIssuer, state, token) = loaded.Value;
        if (token != sdJwt)
        {
            stderr.WriteLine(sdJwt
                ? "SD-JWT VCs need a Token Status List: openler status create --token."
                : "This is a Token Status List (for SD-JWT VCs); JSON-LD and VC-JWT credentials need a Bitstring Status List.");
            return null;
        }

        if (listIssuer != issuer)
        {
            stderr.WriteLine($"The status list belongs to {listIssuer}, not to the issuer {issuer}.");
            return null;
        }

        if (!state.TryAllocate(out var index))
        {
            stderr.WriteLine("The status list is full: create a new one.");
            return null;
        }

        StatusStateFile.Save(stateFile.FullName, listIssuer, state, token);
        return token ? TokenStatusListBuilder.Reference(state, index) : state.CreateEntry(index);
    }

    private static int Publish(StatusListState state, KeyFile key, FileInfo output, bool token, TextWriter stdout, TextWriter stderr)
    {
        if (token)
        {
            File.WriteAllText(output.FullName, new TokenStatusListBuilder().BuildSigned(state, key.Key, key.VerificationMethod) + "\n");
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{state.Purpose} token status list {state.ListCredentialId}: {state.AllocatedCount} allocated, version {state.Version}, signed to {output.Name}"));
            return 0;
        }

        var signed = new StatusListCredentialBuilder(new DataIntegritySigner(Cryptosuites.Default, TimeProvider.System), TimeProvider.System)
            .BuildSigned(state, key.Controller, key.Key, key.VerificationMethod);
        if (!signed.IsSuccess)
        {
            stderr.WriteLine(signed.Error.ToString());
            return 1;
        }

        File.WriteAllText(output.FullName, StrictJson.Serialize(signed.Value, indented: true) + "\n");
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{state.Purpose} list {state.ListCredentialId}: {state.AllocatedCount} allocated, version {state.Version}, signed to {output.Name}"));
        return 0;
    }

    internal static async Task<int> RunCheckAsync(FileInfo file, string[] lists, string[] didWebMappings, TextWriter stdout, TextWriter stderr,
        CancellationToken cancellationToken)
    {
        var urls = VerifyCommand.ReadMappings("--url", "URL", lists, stderr);
        var didWeb = VerifyCommand.ReadMappings("--did-web", "DID", didWebMappings, stderr);
        if (urls is null || didWeb is null || !file.Exists)
        {
            if (!file.Exists)
            {
                stderr.WriteLine($"File not found: {file.FullName}");
            }

            return 2;
        }

        var verifier = VerifierFactory.Create(new VerifierSettings { UrlDocuments = urls, DidWebDocuments = didWeb });
        var result = await verifier.VerifyAsync(await File.ReadAllBytesAsync(file.FullName, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        var status = result[CheckNames.Status];
        if (status is null)
        {
            stdout.WriteLine($"{file.Name}: {result.FirstProblem?.Code}: {result.FirstProblem?.Message}");
            return 1;
        }

        var code = status.Code is null ? string.Empty : $" [{status.Code}]";
        stdout.WriteLine($"{file.Name}: {VerifyCommand.StatusText(status.Status)}{code} {status.Message}");
        return status.Status == CheckStatus.Passed ? 0 : 1;
    }
}
