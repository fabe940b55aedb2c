using System.Security.Cryptography;

namespace OpenLer.Server.Tests.Security;

/// <summary>A key file (256-bit key, base64) in a temporary folder of its own, deleted at the end.</summary>
public sealed class TemporaryKeyFile : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("openler-keyfile");

    public TemporaryKeyFile()
    {
        Path = System.IO.Path.Combine(_folder.FullName, "keyring.key");
        File.WriteAllText(Path, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(Path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    public string Path { get; }

    /// <summary>Settings of a Production instance protected by this key file.</summary>
    public Dictionary<string, string?> ProductionSettings(params (string Key, string? Value)[] more)
    {
        var settings = new Dictionary<string, string?> { ["DataProtection:KeyFile"] = Path };
        foreach (var (key, value) in more)
        {
            settings[key] = value;
        }

        return settings;
    }

    public void Dispose() => _folder.Delete(recursive: true);
}
