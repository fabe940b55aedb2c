using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using OpenLer.Server.Tests.Support;

namespace OpenLer.Server.Tests.Security;

/// <summary>
/// docs/security.md WA-15 (CVE-2025-55315): raw HTTP/1.1 on a real Kestrel socket. A chunk extension ended by a lone LF is
/// refused with 400 and the connection is closed, so a second request smuggled inside the body is never served; the runtime
/// is a patched one.
/// </summary>
public sealed class RequestSmugglingTests
{
    [Fact]
    public void The_runtime_is_at_least_the_release_that_fixed_the_chunk_extension_parsing()
    {
        // Fixed in ASP.NET Core 8.0.21, 9.0.10 and 10.0 GA: this project runs on .NET 10.
        Assert.True(Environment.Version >= new Version(10, 0), Environment.Version.ToString());
    }

    [Theory]
    [InlineData("1;ext\nx\r\n0\r\n\r\n")]
    [InlineData("1;ext=\"a\nb\"\r\nx\r\n0\r\n\r\n")]
    [InlineData("1\nx\r\n0\r\n\r\n")]
    public async Task A_chunk_line_ended_by_a_lone_line_feed_is_refused_and_the_smuggled_request_is_not_served(string chunks)
    {
        using var app = new OpenLerFactory(Db.Sqlite, kestrel: true);
        app.StartServer();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        using var socket = new TcpClient();
        await socket.ConnectAsync(address.Host, address.Port, TestContext.Current.CancellationToken);
        var stream = socket.GetStream();

        var smuggled = "GET /healthz?smuggled=1 HTTP/1.1\r\nHost: localhost\r\n\r\n";
        var request = "POST /api/verify HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\n" + chunks + smuggled;
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request), TestContext.Current.CancellationToken);

        var answer = await ReadAllAsync(stream);
        Assert.StartsWith("HTTP/1.1 400", answer, StringComparison.Ordinal);
        Assert.Equal(1, CountOccurrences(answer, "HTTP/1.1 "));
        Assert.DoesNotContain("\r\n\r\nok", answer, StringComparison.Ordinal);
    }

    /// <summary>Reads until the server closes the connection (a refused request must end it), at most 64 KB.</summary>
    private static async Task<string> ReadAllAsync(NetworkStream stream)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        var buffer = new byte[65536];
        var total = 0;
        while (total < buffer.Length)
        {
            int read;
            try
            {
                read = await stream.ReadAsync(buffer.AsMemory(total), timeout.Token);
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException)
            {
                break;
            }

            if (read == 0)
            {
                break;
            }

            total += read;
        }

        Assert.False(timeout.IsCancellationRequested, "the server kept the connection open after refusing the request");
        return Encoding.ASCII.GetString(buffer, 0, total);
    }

    private static int CountOccurrences(string text, string value)
    {
        var count = 0;
        for (var at = text.IndexOf(value, StringComparison.Ordinal); at >= 0; at = text.IndexOf(value, at + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
