using System.CommandLine;
using System.Security.Cryptography;
using OpenLer.Credentials.Common;
using OpenLer.Credentials.SdJwt;

namespace OpenLer.Cli.Commands;

/// <summary>
/// SD-JWT VC on the command line: <c>openler issue FILE --suite sd-jwt-vc --key K [--sd a,b.c]</c> and
/// <c>openler present FILE --disclose a,b --holder-key K --nonce N --aud A</c>. The SD-JWT goes only to --out or standard
/// output, never to standard error: error messages never repeat the token, its disclosures or salts.
/// </summary>
internal static class SdJwtCommands
{
    public static Command CreatePresent()
    {
        var file = new Argument<FileInfo>("file") { Description = "The SD-JWT (compact) the holder received" };
        var disclose = new Option<string?>("--disclose") { Description = "Claims to disclose, comma-separated paths; none by default" };
        var holder = new Option<FileInfo?>("--holder-key") { Description = "The holder's key file: adds a Key Binding JWT" };
        var nonce = new Option<string?>("--nonce") { Description = "The verifier's nonce (with --holder-key)" };
        var aud = new Option<string?>("--aud") { Description = "The verifier's identifier (with --holder-key)" };
        var output = new Option<FileInfo?>("--out") { Description = "Write the presentation here instead of standard output" };
        var command = new Command("present", "Make an SD-JWT presentation disclosing only the chosen claims") { file, disclose, holder, nonce, aud, output };
        command.SetAction(parse => Present(parse.GetValue(file)!, parse.GetValue(disclose), parse.GetValue(holder), parse.GetValue(nonce),
            parse.GetValue(aud), parse.GetValue(output), parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error));
        return command;
    }

    internal static string[] SplitList(string? list) =>
        list is null ? [] : list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    internal static int Issue(FileInfo file, FileInfo keyFile, FileInfo? output, string? sd, FileInfo? holderKeyFile, TextWriter stdout, TextWriter stderr,
        FileInfo? statusState = null)
    {
        if (!IssueCommand.ReadInputs(file, keyFile, stderr, out var body, out var key))
        {
            return 2;
        }

        using var signingKey = key;
        var iss = CredentialFields.Text(body, "iss");
        if (iss is null)
        {
            body["iss"] = signingKey.Controller;
        }
        else if (iss != signingKey.Controller)
        {
            stderr.WriteLine($"The claims' iss ({iss}) is not the key's controller ({signingKey.Controller}).");
            return 2;
        }

        if (!TryReadOptionalKey(holderKeyFile, stderr, out var holder))
        {
            return 2;
        }

        using (holder)
        {
            if (statusState is not null)
            {
                var reference = StatusCommand.AllocateEntry(statusState, signingKey.Controller, stderr, sdJwt: true);
                if (reference is null)
                {
                    return 2;
                }

                body["status"] = reference;
            }

            using var random = RandomNumberGenerator.Create();
            var issued = SdJwtVc.Issue(body, signingKey.Key, signingKey.VerificationMethod, SplitList(sd), random, TimeProvider.System.GetUtcNow(), holder?.Key.PublicKey);
            if (!issued.IsSuccess)
            {
                stderr.WriteLine(issued.Error.ToString());
                return 1;
            }

            return Write(issued.Value.Compact, output, stdout);
        }
    }

    internal static int Present(FileInfo file, string? disclose, FileInfo? holderKeyFile, string? nonce, string? aud, FileInfo? output,
        TextWriter stdout, TextWriter stderr)
    {
        if (!file.Exists)
        {
            stderr.WriteLine($"File not found: {file.FullName}");
            return 2;
        }

        if (holderKeyFile is not null && (string.IsNullOrEmpty(nonce) || string.IsNullOrEmpty(aud)))
        {
            stderr.WriteLine("--holder-key needs the verifier's --nonce and --aud.");
            return 2;
        }

        if (!TryReadOptionalKey(holderKeyFile, stderr, out var holder))
        {
            return 2;
        }

        using (holder)
        {
            var presentation = SdJwtPresenter.Present(File.ReadAllText(file.FullName), SplitList(disclose), holder?.Key, nonce, aud, TimeProvider.System.GetUtcNow());
            if (!presentation.IsSuccess)
            {
                stderr.WriteLine($"{file.Name}: {presentation.Error}");
                return 1;
            }

            return Write(presentation.Value, output, stdout);
        }
    }

    /// <summary>Reads the key file when one is given; false (after writing why) when it cannot be read.</summary>
    private static bool TryReadOptionalKey(FileInfo? keyFile, TextWriter stderr, out KeyFile? key)
    {
        key = null;
        if (keyFile is null)
        {
            return true;
        }

        var read = KeyFile.Read(keyFile.FullName);
        if (!read.IsSuccess)
        {
            stderr.WriteLine(read.Error.ToString());
            return false;
        }

        key = read.Value;
        return true;
    }

    private static int Write(string token, FileInfo? output, TextWriter stdout)
    {
        if (output is null)
        {
            stdout.WriteLine(token);
        }
        else
        {
            File.WriteAllText(output.FullName, token + "\n");
        }

        return 0;
    }
}
