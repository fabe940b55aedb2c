using System.CommandLine;
using OpenLer.Credentials.Json;
using OpenLer.Credentials.Keys;

namespace OpenLer.Cli.Commands;

/// <summary><c>openler key generate --type ed25519|p256|p384 [--out FILE]</c>: a new key pair as Multikey JSON.</summary>
internal static class KeyCommand
{
    public static Command Create()
    {
        var type = new Option<string>("--type")
        {
            Description = "Key type: ed25519, p256 or p384",
            DefaultValueFactory = _ => "ed25519",
        };
        type.AcceptOnlyFromAmong("ed25519", "p256", "p384");
        var output = new Option<FileInfo?>("--out") { Description = "Write the key here (mode 600) instead of standard output" };
        var generate = new Command("generate", "Generate a signing key pair (Multikey JSON with its did:key)") { type, output };
        generate.SetAction(parse =>
        {
            var keyType = parse.GetValue(type) switch
            {
                "p256" => KeyType.P256,
                "p384" => KeyType.P384,
                _ => KeyType.Ed25519,
            };
            using var key = KeyPair.Generate(keyType);
            var json = StrictJson.Serialize(KeyFile.Create(key), indented: true) + "\n";
            var file = parse.GetValue(output);
            if (file is null)
            {
                parse.InvocationConfiguration.Output.Write(json);
            }
            else
            {
                WritePrivate(file.FullName, json);
                parse.InvocationConfiguration.Output.WriteLine($"{key.PublicKey.ToDidKey()} written to {file.FullName}");
            }

            return 0;
        });

        return new Command("key", "Manage signing keys") { generate };
    }

    internal static void WritePrivate(string path, string content)
    {
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var stream = new FileStream(path, options);
        using var writer = new StreamWriter(stream);
        writer.Write(content);
    }
}
