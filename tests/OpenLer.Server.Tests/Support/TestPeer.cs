using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace OpenLer.Server.Tests.Support;

/// <summary>
/// The in-memory server has no TCP peer; this sets the connection's remote address from the test-only header
/// <see cref="Header"/>, before the app's pipeline (and its forwarded-headers middleware) runs, so tests can speak from
/// different client addresses and from or not from a known proxy.
/// </summary>
public sealed class TestPeer : IStartupFilter
{
    public const string Header = "X-Test-Peer";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (context, inner) =>
        {
            if (context.Request.Headers.TryGetValue(Header, out var value) && IPAddress.TryParse(value.ToString(), out var address))
            {
                context.Connection.RemoteIpAddress = address;
                context.Request.Headers.Remove(Header);
            }

            await inner(context);
        });
        next(app);
    };

    /// <summary>An HTTPS client of <paramref name="app"/> that speaks from <paramref name="address"/>.</summary>
    public static HttpClient From(OpenLerFactory app, string address)
    {
        ArgumentNullException.ThrowIfNull(app);
        var client = app.Client();
        client.DefaultRequestHeaders.Add(Header, address);
        return client;
    }
}
