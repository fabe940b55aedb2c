using System.Net;
using System.Net.Sockets;
using System.Text;

namespace OpenLer.Credentials.Tests.Security;

/// <summary>
/// A listener on 127.0.0.1 that records every connection and answers any HTTP request with a fixed body (for example the
/// attacker's JWKS), so a test can assert that a verifier never reached it: <see cref="Hits"/> stays 0.
/// </summary>
public sealed class LoopbackHoneypot : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly byte[] _answer;
    private int _hits;

    public LoopbackHoneypot(string body = "{}")
    {
        _answer = Encoding.ASCII.GetBytes(
            $"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {Encoding.UTF8.GetByteCount(body)}\r\nConnection: close\r\n\r\n" + body);
        _listener.Start();
        _ = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Connections accepted so far.</summary>
    public int Hits => Volatile.Read(ref _hits);

    public string Url(string path, string scheme = "http") => $"{scheme}://127.0.0.1:{Port}{path}";

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

            Interlocked.Increment(ref _hits);
            using (client)
            {
                try
                {
                    await client.GetStream().WriteAsync(_answer, _stop.Token);
                }
                catch (Exception ex) when (ex is IOException or OperationCanceledException or SocketException)
                {
                    // The caller went away; the hit is counted.
                }
            }
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _stop.Dispose();
    }
}
