using System.Diagnostics;
using System.Text.Json.Nodes;
using OpenLer.Credentials.Tests.Support;

namespace OpenLer.Interop.Tests;

/// <summary>
/// Runs js/interop.mjs (the Digital Bazaar / DCC / sd-jwt-js reference stacks, pinned in js/package.json). Tests skip with a
/// clear message when node or the installed packages are missing; .ci/run installs them with npm ci.
/// </summary>
public static class JsReference
{
    public static string ScriptDirectory { get; } = Path.Combine(SharedFolder.RepositoryRoot, "tests", "OpenLer.Interop.Tests", "js");

    public static void SkipUnlessAvailable()
    {
        if (FindNode() is null)
        {
            Requirements.Missing("node is not installed: the interop tests need Node.js 20+ (CI has it).");
        }

        if (!Directory.Exists(Path.Combine(ScriptDirectory, "node_modules")))
        {
            Requirements.Missing($"The reference JS packages are not installed: run `npm ci` in {ScriptDirectory} (.ci/run does).");
        }
    }

    /// <summary>Runs interop.mjs with the arguments; returns exit code and output lines.</summary>
    public static Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args) => RunScriptAsync("interop.mjs", args);

    /// <summary>Runs one of the js/ scripts with the arguments; returns exit code and output.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunScriptAsync(string script, params string[] args)
    {
        var info = new ProcessStartInfo(FindNode()!)
        {
            WorkingDirectory = ScriptDirectory,
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
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }

    /// <summary>Verifies files with the reference stack; one parsed JSON line per file.</summary>
    public static async Task<IReadOnlyList<JsonObject>> VerifyAsync(params string[] args)
    {
        var (_, output, error) = await RunAsync(["verify", .. args]);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
        Assert.True(lines.Count > 0, "no output from interop.mjs verify: " + error);
        return lines;
    }

    private static string? FindNode()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator))
        {
            var candidate = Path.Combine(dir, "node");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
