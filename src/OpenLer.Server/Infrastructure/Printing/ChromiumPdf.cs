using System.Diagnostics;
using Microsoft.Extensions.Options;
using OpenLer.Credentials.Common;

namespace OpenLer.Server.Infrastructure.Printing;

/// <summary>
/// Prints an HTML document the server rendered to PDF with Chromium in headless mode (<c>--print-to-pdf</c>), offline: the
/// document is a local file with no outside resources, and the browser gets an unreachable proxy and a host resolver that
/// resolves nothing, so nothing is fetched. Chromium shapes complex scripts (Arabic) with HarfBuzz and embeds the fonts.
/// At most two run at once; each gets its own temporary profile, deleted afterwards, and is stopped after
/// <see cref="Timeout"/>. A singleton.
/// </summary>
public sealed class ChromiumPdf(IOptions<DeploymentOptions> options, ILogger<ChromiumPdf> logger) : IDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private readonly SemaphoreSlim _gate = new(2);

    public void Dispose() => _gate.Dispose();

    /// <summary>Whether Chromium is installed where the deployment says.</summary>
    public bool IsAvailable => File.Exists(options.Value.ChromiumPath);

    public async Task<Outcome<byte[]>> RenderAsync(string html, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(html);
        if (!IsAvailable)
        {
            return new CredentialError("pdf.unavailable", "Chromium is not installed at OpenLer:ChromiumPath.");
        }

        await _gate.WaitAsync(cancellationToken);
        var folder = Directory.CreateTempSubdirectory("openler-pdf-");
        try
        {
            var page = Path.Combine(folder.FullName, "document.html");
            var output = Path.Combine(folder.FullName, "document.pdf");
            await File.WriteAllTextAsync(page, html, cancellationToken);
            var start = new ProcessStartInfo(options.Value.ChromiumPath)
            {
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                CreateNoWindow = true,
            };
            foreach (var argument in new[]
            {
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--no-default-browser-check",
                "--disable-extensions", "--disable-sync", "--disable-background-networking", "--disable-component-update", "--disable-default-apps",
                "--proxy-server=127.0.0.1:9", "--host-resolver-rules=MAP * ~NOTFOUND", "--user-data-dir=" + Path.Combine(folder.FullName, "profile"),
                "--no-pdf-header-footer", "--print-to-pdf=" + output, new Uri(page).AbsoluteUri,
            })
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start) ?? throw new InvalidOperationException("Chromium did not start.");
            var drainOut = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var drainError = process.StandardError.ReadToEndAsync(cancellationToken);
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(Timeout);
            try
            {
                await process.WaitForExitAsync(limit.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                logger.LogWarning("Chromium did not finish printing a PDF in time; stopped");
                return new CredentialError("pdf.timeout", "Chromium did not finish in time.");
            }

            await Task.WhenAll(drainOut, drainError);
            if (process.ExitCode != 0 || !File.Exists(output))
            {
                logger.LogWarning("Chromium could not print a PDF (exit code {ExitCode})", process.ExitCode);
                return new CredentialError("pdf.failed", "Chromium could not print the document.");
            }

            return await File.ReadAllBytesAsync(output, cancellationToken);
        }
        finally
        {
            _gate.Release();
            try
            {
                folder.Delete(recursive: true);
            }
            catch (IOException)
            {
                // A file still held by an exiting browser process: the temporary folder is cleaned by the system.
            }
        }
    }
}
