using OpenLer.Server.Infrastructure.Security;
using OpenLer.Server.Tests.Support;

namespace OpenLer.Server.Tests.Security;

/// <summary>
/// Issue 9 finding 2: the files the app creates (SQLite database, -wal, -shm, key file) are 0600 and the data folder
/// 0700, checked on the real files; files an earlier version left readable are narrowed at start. (Skipped on Windows.)
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class FileModeTests
{
    private static void SkipOnWindows()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Skip("Unix file modes do not exist on Windows.");
        }
    }

    private static Dictionary<string, UnixFileMode> Modes(string folder)
    {
        var modes = new Dictionary<string, UnixFileMode> { ["(folder)"] = File.GetUnixFileMode(folder) };
        foreach (var file in Directory.GetFiles(folder))
        {
            modes[Path.GetFileName(file)] = File.GetUnixFileMode(file);
        }

        return modes;
    }

    [Fact]
    public async Task The_database_its_wal_and_shm_files_the_key_file_and_the_data_folder_are_private()
    {
        SkipOnWindows();
        using var app = new OpenLerFactory();
        await app.CreateOrganizationAsync("acme", "admin@acme.test");
        var modes = Modes(app.DataFolder);
        Assert.Equal(SecureFiles.PrivateFolder, modes["(folder)"]);
        foreach (var name in new[] { "openler.db", "openler.db-wal", "openler.db-shm", KeyRingProtection.DefaultKeyFileName })
        {
            Assert.True(modes.TryGetValue(name, out var mode), $"{name} not found among {string.Join(", ", modes.Keys)}");
            Assert.True(mode == SecureFiles.PrivateFile, $"{name} is {mode}");
        }

        Assert.All(modes.Where(m => m.Key != "(folder)"), m => Assert.Equal(UnixFileMode.None, m.Value & (UnixFileMode.GroupRead | UnixFileMode.OtherRead | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite)));
    }

    [Fact]
    public async Task Files_an_earlier_version_left_readable_are_narrowed_at_start()
    {
        SkipOnWindows();
        var folder = Directory.CreateTempSubdirectory("openler-modes").FullName;
        var settings = new Dictionary<string, string?> { ["Database:DataFolder"] = folder };
        try
        {
            using (var first = new OpenLerFactory(settings: settings))
            {
                await first.CreateOrganizationAsync("acme", "admin@acme.test");
            }

            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.SetUnixFileMode(folder, (UnixFileMode)0b111_101_101);
            foreach (var file in Directory.GetFiles(folder))
            {
                File.SetUnixFileMode(file, (UnixFileMode)0b110_100_100);
            }

            using var second = new OpenLerFactory(settings: settings);
            Assert.Equal(System.Net.HttpStatusCode.OK, (await second.Client().GetAsync("/healthz")).StatusCode);
            var modes = Modes(folder);
            Assert.Equal(SecureFiles.PrivateFolder, modes["(folder)"]);
            Assert.Equal(SecureFiles.PrivateFile, modes["openler.db"]);
            Assert.Equal(SecureFiles.PrivateFile, modes[KeyRingProtection.DefaultKeyFileName]);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }
}
