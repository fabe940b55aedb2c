using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace OpenLer.Credentials.Tests.Security;

/// <summary>
/// An HTTPS server on 127.0.0.1 with a self-signed certificate. Each request's path selects a scripted answer: the raw
/// bytes to write (status line, headers, body), or a stall that never answers. Records the paths it was asked for.
/// </summary>
public sealed class LoopbackTlsServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Func<string, Stream, CancellationToken, Task> _answer;
    private readonly X509Certificate2 _certificate;
    private readonly List<string> _paths = [];

    public LoopbackTlsServer(Func<string, Stream, CancellationToken, Task> answer)
    {
        _answer = answer;
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        _certificate = X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), null);
        _listener.Start();
        _ = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public Uri Url(string path) => new($"https://127.0.0.1:{Port}{path}");

    public IReadOnlyList<string> Paths
    {
        get
        {
            lock (_paths)
            {
                return [.. _paths];
            }
        }
    }

    /// <summary>Accepts exactly this server's certificate (what a client configured for the test must do).</summary>
    public bool Trusts(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors) =>
        certificate is not null && certificate.GetCertHashString() == _certificate.GetCertHashString();

    public static async Task WriteAsync(Stream stream, string head, byte[]? body, CancellationToken cancellationToken)
    {
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head), cancellationToken);
        if (body is not null)
        {
            await stream.WriteAsync(body, cancellationToken);
        }
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                await using var tls = new SslStream(client.GetStream());
                await tls.AuthenticateAsServerAsync(_certificate, false, false);
                var path = await ReadRequestPathAsync(tls);
                lock (_paths)
                {
                    _paths.Add(path);
                }

                await _answer(path, tls, _stop.Token);
                await tls.FlushAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException or SocketException or System.Security.Authentication.AuthenticationException)
            {
                // The client gave up (a refused redirect, a size cap, a time-out): nothing to do.
            }
        }
    }

    private static async Task<string> ReadRequestPathAsync(Stream stream)
    {
        var buffer = new byte[8192];
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await stream.ReadAsync(buffer.AsMemory(read));
            if (n == 0)
            {
                break;
            }

            read += n;
            if (Encoding.ASCII.GetString(buffer, 0, read).Contains("\r\n\r\n", StringComparison.Ordinal))
            {
                break;
            }
        }

        var line = Encoding.ASCII.GetString(buffer, 0, read).Split("\r\n")[0].Split(' ');
        return line.Length > 1 ? line[1] : string.Empty;
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _stop.Dispose();
        _certificate.Dispose();
    }
}
