using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using OpenLer.Credentials.Common;
using OpenLer.Credentials.JsonLd;

namespace OpenLer.Credentials.Tests.JsonLd;

/// <summary>SECURITY.md LD-01, LD-02: only pinned contexts load; a changed context fails closed.</summary>
public class ContextDocumentLoaderTests
{
    private const string VcV2 = "https://www.w3.org/ns/credentials/v2";

    [Fact]
    public void Default_ServesEveryEmbeddedContext()
    {
        var loader = ContextDocumentLoader.Default;

        foreach (var url in loader.KnownUrls)
        {
            var document = loader.LoadDocument(url);
            Assert.True(document.IsSuccess, url);
            Assert.NotNull(document.Value.Document["@context"]);
        }

        Assert.Contains("https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json", loader.KnownUrls);
    }

    [Fact]
    public void Create_EmbeddedContextChanged_FailsClosed()
    {
        byte[]? Tampered(string file)
        {
            var bytes = EmbeddedContexts.ReadResource(file)!;
            return file == "credentials-v2.jsonld"
                ? Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(bytes).Replace("https://schema.org/name", "https://evil.example/name", StringComparison.Ordinal))
                : bytes;
        }

        var result = ContextDocumentLoader.Create(new ContextLoaderOptions(), Tampered);

        Assert.False(result.IsSuccess);
        Assert.Equal(ErrorCodes.ContextIntegrity, result.Error.Code);
        Assert.Contains(VcV2, result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_EmbeddedContextMissing_FailsClosed()
    {
        var result = ContextDocumentLoader.Create(new ContextLoaderOptions(), file => file == "odrl.jsonld" ? null : EmbeddedContexts.ReadResource(file));

        Assert.Equal(ErrorCodes.ContextIntegrity, result.Error!.Code);
    }

    [Fact]
    public void Create_AdditionalContextWithWrongHash_FailsClosed()
    {
        var content = """{"@context": {"skill": "https://example.org/skill"}}"""u8.ToArray();
        var wrong = new KnownContext("https://example.org/ctx", content, new string('0', 64));

        var result = ContextDocumentLoader.Create(new ContextLoaderOptions { AdditionalContexts = [wrong] });

        Assert.Equal(ErrorCodes.ContextIntegrity, result.Error!.Code);
    }

    [Fact]
    public void Create_AdditionalContextWithMatchingHash_IsServedAndUsable()
    {
        var content = """{"@context": {"skill": "https://example.org/skill"}}"""u8.ToArray();
        var pinned = new KnownContext("https://example.org/ctx", content, Convert.ToHexString(SHA256.HashData(content)));
        var loader = ContextDocumentLoader.Create(new ContextLoaderOptions { AdditionalContexts = [pinned] }).Value;

        var result = new JsonLdProcessor(loader).ToRdf(
            JsonNode.Parse("""{"@context": "https://example.org/ctx", "@id": "https://example.org/a", "skill": "forklift"}"""),
            JsonLdOptions.Credential, cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(result.IsSuccess, result.Error?.ToString());
        Assert.Single(result.Value.Quads);
    }

    [Fact]
    public void Create_AdditionalContextReplacingEmbedded_Refused()
    {
        var content = """{"@context": {}}"""u8.ToArray();
        var replacing = new KnownContext(VcV2, content, Convert.ToHexString(SHA256.HashData(content)));

        Assert.Equal(ErrorCodes.ContextIntegrity, ContextDocumentLoader.Create(new ContextLoaderOptions { AdditionalContexts = [replacing] }).Error!.Code);
    }

    [Fact]
    public void LoadDocument_UnknownUrl_RefusedWithoutCallingTheFetcher()
    {
        var fetcher = new CountingFetcher();
        var loader = ContextDocumentLoader.Create(new ContextLoaderOptions { RemoteFetcher = fetcher }).Value;

        var result = loader.LoadDocument("https://attacker.example/context.jsonld");

        Assert.Equal(ErrorCodes.UnknownContext, result.Error!.Code);
        Assert.Equal(0, fetcher.Calls);
    }

    [Fact]
    public void LoadDocument_RemoteEnabled_UsesFetcherForHttpsOnly()
    {
        var fetcher = new CountingFetcher();
        var loader = ContextDocumentLoader.Create(new ContextLoaderOptions { RemoteFetcher = fetcher, AllowRemoteContexts = true }).Value;

        var https = loader.LoadDocument("https://example.org/remote");
        var http = loader.LoadDocument("http://127.0.0.1/remote");

        Assert.True(https.IsSuccess);
        Assert.Equal(ErrorCodes.RemoteContextRefused, http.Error!.Code);
        Assert.Equal(1, fetcher.Calls);
    }

    private sealed class CountingFetcher : IRemoteContextFetcher
    {
        public int Calls { get; private set; }

        public Outcome<byte[]> Fetch(Uri url)
        {
            Calls++;
            return """{"@context": {"r": "https://example.org/r"}}"""u8.ToArray();
        }
    }
}
