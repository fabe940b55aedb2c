using System.Diagnostics;
using System.Text.Json.Nodes;
using OpenLer.Credentials.Tests.Support;

namespace OpenLer.Server.Tests.Wallets;

/// <summary>
/// Node for the wallet interop tests: the wallet drivers of tests/OpenLer.Interop.Tests/js (pinned there), and the shared peer
/// harness (../shared/tools/peer, read-only) copied to a temporary folder whose node_modules is the project's own npm folder
/// (which pins the peer's packages at the same versions), so no test installs anything.
/// </summary>
public static class NodeTools
{
    public static string ScriptDirectory { get; } = Path.Combine(SharedFolder.RepositoryRoot, "tests", "OpenLer.Interop.Tests", "js");

    private static readonly Lazy<string> PeerCopy = new(CopyPeer);

    public static void SkipUnlessAvailable()
    {
        if (FindNode() is null)
        {
            Requirements.Missing("node is not installed: the wallet interop tests need Node.js 20+ (CI has it).");
        }

        if (!Directory.Exists(Path.Combine(ScriptDirectory, "node_modules")))
        {
            Requirements.Missing($"The JS packages are not installed: run `npm ci` in {ScriptDirectory} (.ci/run does).");
        }
    }

    /// <summary>The peer harness folder (a temporary copy), or a skip when ../shared/tools/peer is absent.</summary>
    public static string Peer()
    {
        SkipUnlessAvailable();
        if (SharedFolder.Path is null || !Directory.Exists(Path.Combine(SharedFolder.Path, "tools", "peer")))
        {
            Requirements.Missing("../shared/tools/peer is not there: the peer wallet test needs the shared harness.");
        }

        return PeerCopy.Value;
    }

    private static string CopyPeer()
    {
        var source = Path.Combine(SharedFolder.Path!, "tools", "peer");
        var target = Directory.CreateTempSubdirectory("openler-peer").FullName;
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source, file);
            if (relative.StartsWith("node_modules", StringComparison.Ordinal) || relative.StartsWith("out", StringComparison.Ordinal))
            {
                continue;
            }

            var destination = Path.Combine(target, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
            File.SetAttributes(destination, FileAttributes.Normal);
        }

        Directory.CreateSymbolicLink(Path.Combine(target, "node_modules"), Path.Combine(ScriptDirectory, "node_modules"));
        return target;
    }

    /// <summary>Runs a script (in <paramref name="directory"/>, default the drivers' folder); returns exit code and output.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(string script, IEnumerable<string> args, string? directory = null)
    {
        var info = new ProcessStartInfo(FindNode()!)
        {
            WorkingDirectory = directory ?? ScriptDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(script);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }

    /// <summary>The last JSON line a script printed.</summary>
    public static JsonObject LastLine(string output, string error)
    {
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length > 0, "no output; stderr: " + error);
        return JsonNode.Parse(lines[^1])!.AsObject();
    }

    /// <summary>Verifies files with the peer harness's engines (@digitalbazaar/vc, @digitalcredentials/verifier-core, jose, @sd-jwt/sd-jwt-vc), loopback allowed.</summary>
    public static async Task<JsonObject> PeerVerifyAsync(string file)
    {
        var peer = Peer();
        var (_, output, error) = await RunAsync("verify.mjs", ["--allow-loopback", file], peer);
        return LastLine(output, error);
    }

    private static string? FindNode() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(dir => Path.Combine(dir, "node")).FirstOrDefault(File.Exists);
}
