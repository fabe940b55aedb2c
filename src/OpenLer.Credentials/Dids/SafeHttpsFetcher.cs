using System.Net;
using System.Net.Sockets;
using OpenLer.Credentials.Common;

#pragma warning disable RS0030 // HttpClient is banned in the library except here: this class is the one network door.

namespace OpenLer.Credentials.Dids;

/// <summary>
/// The default <see cref="IHttpsFetcher"/>: HTTPS GET only, no redirects, no proxy, no decompression, a size cap while
/// reading and a time limit; the host name is resolved once and only public addresses are connected to (the check happens
/// on the resolved address, so DNS rebinding to a private address is refused too). Private networks only when allowed.
/// </summary>
public sealed class SafeHttpsFetcher : IHttpsFetcher, IDisposable
{
    private readonly HttpClient _client;
    private readonly bool _allowPrivateNetworks;

    public SafeHttpsFetcher(bool allowPrivateNetworks = false)
        : this(allowPrivateNetworks, null)
    {
    }

    /// <summary>
    /// Tests only: <paramref name="serverCertificate"/> decides which TLS certificates are accepted (a loopback test server's
    /// self-signed one), so redirects, oversize bodies and slow answers can be served from 127.0.0.1.
    /// </summary>
    internal SafeHttpsFetcher(bool allowPrivateNetworks, System.Net.Security.RemoteCertificateValidationCallback? serverCertificate)
    {
        _allowPrivateNetworks = allowPrivateNetworks;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            UseProxy = false,
            AutomaticDecompression = DecompressionMethods.None,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            ConnectTimeout = TimeSpan.FromSeconds(5),
            ConnectCallback = ConnectAsync,
        };
        if (serverCertificate is not null)
        {
            handler.SslOptions = new System.Net.Security.SslClientAuthenticationOptions { RemoteCertificateValidationCallback = serverCertificate };
        }

        _client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        _client.DefaultRequestHeaders.UserAgent.ParseAdd("OpenLER-verifier/1.0");
    }

    public async Task<Outcome<byte[]>> GetAsync(Uri url, int maxBytes, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (url.Scheme != Uri.UriSchemeHttps)
        {
            return Outcome.Error(ErrorCodes.RemoteDocumentFetch, "Only https URLs are fetched.");
        }

        if (!_allowPrivateNetworks && DidWeb.IsForbiddenHost(url.IdnHost))
        {
            return Outcome.Error(ErrorCodes.ForbiddenNetworkAddress, "The URL points at a loopback, private or link-local address; refused.");
        }

        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout);
        try
        {
            using var response = await _client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cts.Token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            if (status is >= 300 and < 400)
            {
                return Outcome.Error(ErrorCodes.RemoteDocumentFetch, "The server answered with a redirect; redirects are not followed.");
            }

            if (!response.IsSuccessStatusCode)
            {
                return Outcome.Error(ErrorCodes.RemoteDocumentFetch, $"The server answered HTTP {status}.");
            }

            if (response.Content.Headers.ContentLength > maxBytes)
            {
                return Outcome.Error(ErrorCodes.DocumentTooLarge, $"The document is larger than {maxBytes} bytes.");
            }

            await using var stream = await response.Content.ReadAsStreamAsync(cts.Token).ConfigureAwait(false);
            using var buffer = new MemoryStream();
            var chunk = new byte[16 * 1024];
            int read;
            while ((read = await stream.ReadAsync(chunk, cts.Token).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > maxBytes)
                {
                    return Outcome.Error(ErrorCodes.DocumentTooLarge, $"The document is larger than {maxBytes} bytes.");
                }

                buffer.Write(chunk, 0, read);
            }

            return buffer.ToArray();
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Outcome.Error(ErrorCodes.RemoteDocumentFetch, $"No answer within {timeout.TotalSeconds:0.#} s.");
        }
        catch (HttpRequestException ex) when (ex.InnerException is ForbiddenAddressException)
        {
            return Outcome.Error(ErrorCodes.ForbiddenNetworkAddress, "The host resolves only to loopback, private or link-local addresses; refused.");
        }
        catch (HttpRequestException)
        {
            return Outcome.Error(ErrorCodes.RemoteDocumentFetch, "The document could not be fetched.");
        }
    }

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host, out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);
        var allowed = _allowPrivateNetworks ? addresses : Array.FindAll(addresses, IpAddressPolicy.IsPublic);
        if (allowed.Length == 0)
        {
            throw new ForbiddenAddressException();
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public void Dispose() => _client.Dispose();

    private sealed class ForbiddenAddressException : IOException
    {
        public ForbiddenAddressException()
            : base("Forbidden address.")
        {
        }
    }
}
