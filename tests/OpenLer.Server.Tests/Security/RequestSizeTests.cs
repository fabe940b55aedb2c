using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using OpenLer.Server.Tests.Support;

namespace OpenLer.Server.Tests.Security;

/// <summary>
/// Issue 9 hardening: 413 (not 500, not 400) for any body over the limit, including chunked bodies without
/// Content-Length and multipart forms, in memory and on Kestrel.
/// </summary>
public sealed class RequestSizeTests
{
    private const int OverLimit = 2 * 1024 * 1024;

    /// <summary>A body of unknown length: sent chunked, without Content-Length.</summary>
    private sealed class ChunkedContent : HttpContent
    {
        private readonly byte[] _body;

        public ChunkedContent(byte[] body, string contentType)
        {
            _body = body;
            Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
        }

        public ChunkedContent(string body, string contentType)
            : this(Encoding.UTF8.GetBytes(body), contentType)
        {
        }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            for (var offset = 0; offset < _body.Length; offset += 64 * 1024)
            {
                await stream.WriteAsync(_body.AsMemory(offset, Math.Min(64 * 1024, _body.Length - offset)));
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }

    private static async Task<string> TokenAsync(WebSession visitor) =>
        (await visitor.GetAsync("/verify")).QuerySelector("main form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

    [Fact]
    public async Task A_chunked_form_over_the_limit_answers_413_with_the_page()
    {
        using var app = new OpenLerFactory();
        var visitor = new WebSession(app.Client());
        var token = await TokenAsync(visitor);
        var body = "__RequestVerificationToken=" + Uri.EscapeDataString(token) + "&credential=" + new string('x', OverLimit);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/verify") { Content = new ChunkedContent(body, "application/x-www-form-urlencoded") };
        var response = await visitor.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Null(request.Content.Headers.ContentLength);
        Assert.Contains("<h1>The file is too large</h1>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_chunked_multipart_upload_over_the_limit_answers_413()
    {
        using var app = new OpenLerFactory();
        var visitor = new WebSession(app.Client());
        var token = await TokenAsync(visitor);
        using var multipart = new MultipartFormDataContent("boundary-openler")
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(new byte[OverLimit]), "file", "big.json" },
        };
        var bytes = await multipart.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/verify") { Content = new ChunkedContent(bytes, "multipart/form-data; boundary=boundary-openler") };
        var response = await visitor.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("<h1>The file is too large</h1>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_chunked_api_body_over_the_limit_answers_413_problem_json()
    {
        using var app = new OpenLerFactory();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/verify") { Content = new ChunkedContent(new string(' ', OverLimit) + "{}", "application/json") };
        var response = await app.Client().SendAsync(request);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(413, (int)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["status"]!);
    }

    [Fact]
    public async Task A_declared_length_over_the_limit_answers_413_on_any_path()
    {
        using var app = new OpenLerFactory();
        using var content = new ByteArrayContent(new byte[OverLimit]);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await app.Client().PostAsync("/no-such-endpoint", content)).StatusCode);
    }

    [Fact]
    public async Task On_kestrel_a_chunked_body_over_the_limit_answers_413()
    {
        using var app = new OpenLerFactory(Db.Sqlite, kestrel: true);
        app.StartServer();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        using var client = new HttpClient { BaseAddress = new Uri(address) };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/verify") { Content = new ChunkedContent(new string(' ', OverLimit) + "{}", "application/json") };
        var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }
}
