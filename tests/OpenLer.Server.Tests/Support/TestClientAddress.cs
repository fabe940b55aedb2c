using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace OpenLer.Server.Tests.Support;

/// <summary>
/// The in-memory test server has no network, so no client address: this test-only filter sets the connection's address
/// from <see cref="Header"/> (default 127.0.0.1), as a real socket would, so per-address behaviour can be tested.
/// </summary>
public sealed class TestClientAddress : IStartupFilter
{
    public const string Header = "X-Test-Client-Address";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (context, nextMiddleware) =>
        {
            context.Connection.RemoteIpAddress = context.Request.Headers.TryGetValue(Header, out var value) && IPAddress.TryParse(value, out var address)
                ? address
                : context.Connection.RemoteIpAddress ?? IPAddress.Loopback;
            context.Request.Headers.Remove(Header);
            await nextMiddleware(context);
        });
        next(app);
    };
}
