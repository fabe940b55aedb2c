using System.Runtime.InteropServices;

namespace OpenLer.Server.Infrastructure.Security;

/// <summary>
/// Files and folders the app creates are readable by its own user only (issue 9 finding 2: the database files were
/// world-readable): the process umask is 077, so every file it creates (the SQLite database and the -wal, -shm and
/// -journal files SQLite creates later, the key file) starts as 0600 and every folder as 0700; files left by an earlier
/// version are narrowed at start. On Windows, where modes do not exist, nothing is changed (use the folder's ACL).
/// </summary>
public static partial class SecureFiles
{
    public const UnixFileMode PrivateFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public const UnixFileMode PrivateFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private static readonly string[] SqliteSuffixes = ["", "-wal", "-shm", "-journal"];

    /// <summary>Sets the process umask to 077 (POSIX umask(2)), once, before the app creates any file.</summary>
    public static void RestrictNewFiles()
    {
        if (!OperatingSystem.IsWindows())
        {
            _ = Umask(0b000_111_111); // 077
        }
    }

    /// <summary>Creates the folder as 0700, or narrows an existing one to 0700.</summary>
    public static void EnsurePrivateFolder(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return;
        }

        Directory.CreateDirectory(path, PrivateFolder);
        File.SetUnixFileMode(path, PrivateFolder);
    }

    /// <summary>Narrows an existing file to 0600 (no-op when absent).</summary>
    public static void RestrictFile(string path)
    {
        if (!OperatingSystem.IsWindows() && File.Exists(path))
        {
            File.SetUnixFileMode(path, PrivateFile);
        }
    }

    /// <summary>The SQLite database and the files SQLite keeps beside it.</summary>
    public static void RestrictSqlite(string databasePath)
    {
        foreach (var suffix in SqliteSuffixes)
        {
            RestrictFile(databasePath + suffix);
        }
    }

    /// <summary>Writes a new file that is 0600 from its first byte; fails if it exists.</summary>
    public static void WriteNewPrivateFile(string path, ReadOnlySpan<byte> content)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = PrivateFile;
        }

        using var stream = new FileStream(path, options);
        stream.Write(content);
        stream.Flush(flushToDisk: true);
    }

    [LibraryImport("libc", EntryPoint = "umask")]
    private static partial uint Umask(uint mask);
}
