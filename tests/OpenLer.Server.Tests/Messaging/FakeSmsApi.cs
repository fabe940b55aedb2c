using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace OpenLer.Server.Tests.Messaging;

/// <summary>One request the fake SMS API received.</summary>
public sealed record SmsRequest(string Method, string Path, string? Authorization, IReadOnlyDictionary<string, string> Form);

/// <summary>
/// A Twilio-style SMS API on a loopback port: records every request and answers with scripted status codes (then
/// <see cref="DefaultStatus"/>). Error answers echo the number, as real providers do, so a test can check it is never logged.
/// </summary>
public sealed class FakeSmsApi : IAsyncDisposable
{
    public const string ResponseCanary = "sms-response-body-canary";
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<int> _script;

    private FakeSmsApi(WebApplication app, IEnumerable<int> script)
    {
        _app = app;
        _script = new ConcurrentQueue<int>(script);
    }

    public ConcurrentQueue<SmsRequest> Requests { get; } = new();

    public int DefaultStatus { get; set; } = 201;

    public TimeSpan Delay { get; set; }

    public string BaseUrl { get; private set; } = "";

    public static async Task<FakeSmsApi> StartAsync(params int[] script)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var api = new FakeSmsApi(app, script);
        app.Run(api.HandleAsync);
        await app.StartAsync();
        api.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        return api;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var form = context.Request.HasFormContentType
            ? (await context.Request.ReadFormAsync()).ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal)
            : new Dictionary<string, string>();
        Requests.Enqueue(new SmsRequest(context.Request.Method, context.Request.Path.Value ?? "", context.Request.Headers.Authorization.ToString(), form));
        if (Delay > TimeSpan.Zero)
        {
            await Task.Delay(Delay);
        }

        var status = _script.TryDequeue(out var scripted) ? scripted : DefaultStatus;
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        var to = form.GetValueOrDefault("To", "");
        await context.Response.WriteAsync(status < 300
            ? $$"""{"sid":"SM{{Guid.NewGuid():N}}","status":"queued","to":"{{to}}","note":"{{ResponseCanary}}"}"""
            : $$"""{"code":21211,"message":"The 'To' number {{to}} is not valid. {{ResponseCanary}}"}""");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
