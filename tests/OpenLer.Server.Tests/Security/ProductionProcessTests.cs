using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using OpenLer.Credentials.Tests.Support;
using OpenLer.Server.Infrastructure.Security;

namespace OpenLer.Server.Tests.Security;

/// <summary>
/// Issue 9 findings 2 and 9, as an operator meets them: <c>ASPNETCORE_ENVIRONMENT=Production dotnet run --project
/// src/OpenLer.Server --no-launch-profile</c>, run here as the built server in a real process (working folder
/// src/OpenLer.Server, as <c>dotnet run</c> does). Without key-ring protection it exits non-zero naming the settings;
/// with a key file it serves behind a proxy that sends X-Forwarded-Proto: https, and plain http gets the 400 page.
/// </summary>
public sealed partial class ProductionProcessTests(ITestOutputHelper output) : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("openler-production");
    private Process? _process;

    private static string ServerDll => Path.Combine(AppContext.BaseDirectory, "OpenLer.Server.dll");

    private ProcessStartInfo StartInfo(Dictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = Path.Combine(SharedFolder.RepositoryRoot, "src", "OpenLer.Server"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(ServerDll);
        start.ArgumentList.Add("--urls=http://127.0.0.1:0");
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("ASPNETCORE_", StringComparison.Ordinal) || k.StartsWith("DOTNET_ENVIRONMENT", StringComparison.Ordinal) || k.StartsWith("OpenLer__", StringComparison.Ordinal) || k.StartsWith("DataProtection__", StringComparison.Ordinal) || k.StartsWith("Database__", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Database__DataFolder"] = Path.Combine(_folder.FullName, "data");
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        return start;
    }

    [Fact]
    public async Task Without_key_ring_protection_production_exits_non_zero_naming_the_settings()
    {
        using var process = Process.Start(StartInfo([]))!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        var error = await stderr;
        output.WriteLine($"exit {process.ExitCode}; stderr:\n{error}\nstdout:\n{await stdout}");

        Assert.Equal(StartupRules.ExitCode, process.ExitCode);
        Assert.Contains("OpenLER will not start (Production environment)", error, StringComparison.Ordinal);
        Assert.Contains("DataProtection:KeyFile", error, StringComparison.Ordinal);
        Assert.Contains("DataProtection:CertificatePath", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal); // a message, not a stack trace

        // It stopped before creating anything.
        Assert.False(Directory.Exists(Path.Combine(_folder.FullName, "data")));
    }

    [Fact]
    public async Task With_a_key_file_production_serves_behind_a_tls_proxy_and_refuses_plain_http()
    {
        var keyFile = Path.Combine(_folder.FullName, "keyring.key");
        KeyRingKey.Create(keyFile);
        var start = StartInfo(new()
        {
            ["DataProtection__KeyFile"] = keyFile,
            ["OpenLer__Bootstrap__Slug"] = "irc-tucson",
            ["OpenLer__Bootstrap__Name"] = "IRC Tucson",
            ["OpenLer__Bootstrap__Sites"] = "Tucson",
            ["OpenLer__Bootstrap__AdminEmail"] = "admin@irc-tucson.test",
            ["OpenLer__Bootstrap__AdminName"] = "Administrator",
            ["OpenLer__Bootstrap__AdminPassword"] = "Production-password-1",
        });
        _process = Process.Start(start)!;
        var log = new StringBuilder();
        var listening = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                listening.TrySetException(new InvalidOperationException("The server stopped:\n" + log));
                return;
            }

            lock (log)
            {
                log.AppendLine(e.Data);
            }

            if (ListeningOn().Match(e.Data) is { Success: true } match)
            {
                listening.TrySetResult(match.Groups[1].Value);
            }
        };
        _process.ErrorDataReceived += (_, e) =>
        {
            lock (log)
            {
                log.AppendLine(e.Data);
            }
        };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var address = await listening.Task.WaitAsync(TimeSpan.FromMinutes(2), TestContext.Current.CancellationToken);
        output.WriteLine("listening on " + address);

        using var client = new HttpClient { BaseAddress = new Uri(address) };
        async Task<HttpResponseMessage> GetAsync(string path, bool viaProxy)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            if (viaProxy)
            {
                request.Headers.Add("X-Forwarded-Proto", "https");
                request.Headers.Add("X-Forwarded-For", "203.0.113.50");
            }

            return await client.SendAsync(request, TestContext.Current.CancellationToken);
        }

        // The test connects from 127.0.0.1, the default known proxy: it plays the TLS-terminating proxy.
        var home = await GetAsync("/", viaProxy: true);
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        var signIn = await GetAsync("/account/staff-sign-in", viaProxy: true);
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        Assert.Contains("name=\"password\"", await signIn.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.All(signIn.Headers.GetValues("Set-Cookie"), c => Assert.Contains("secure", c, StringComparison.OrdinalIgnoreCase));

        var plain = await GetAsync("/account/staff-sign-in", viaProxy: false);
        Assert.Equal(HttpStatusCode.BadRequest, plain.StatusCode);
        Assert.Contains("This site works only over HTTPS", await plain.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync("/healthz", viaProxy: false)).StatusCode);

        // The files it created, on disk: private.
        if (!OperatingSystem.IsWindows())
        {
            var data = Path.Combine(_folder.FullName, "data");
            Assert.Equal(SecureFiles.PrivateFolder, File.GetUnixFileMode(data));
            foreach (var file in Directory.GetFiles(data))
            {
                output.WriteLine($"{Path.GetFileName(file)} {File.GetUnixFileMode(file)}");
                Assert.Equal(SecureFiles.PrivateFile, File.GetUnixFileMode(file));
            }

            Assert.True(File.Exists(Path.Combine(data, "openler.db-wal")));
        }

        lock (log)
        {
            Assert.DoesNotContain("fail:", log.ToString(), StringComparison.Ordinal);
            output.WriteLine(log.ToString());
        }
    }

    [GeneratedRegex(@"Now listening on: (http://\S+)")]
    private static partial Regex ListeningOn();

    public void Dispose()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }

        _process?.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
    }
}
