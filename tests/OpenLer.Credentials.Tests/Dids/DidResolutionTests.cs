using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using OpenLer.Credentials.Common;
using OpenLer.Credentials.Dids;
using OpenLer.Credentials.Json;
using OpenLer.Credentials.Keys;
using OpenLer.Credentials.Tests.Support;

namespace OpenLer.Credentials.Tests.Dids;

public class DidResolutionTests
{
    [Theory]
    [InlineData(KeyType.Ed25519)]
    [InlineData(KeyType.P256)]
    [InlineData(KeyType.P384)]
    public async Task DidKey_ResolvesToAMultikeyAuthorizedForAssertion(KeyType type)
    {
        using var key = KeyPair.Generate(type);
        var did = key.PublicKey.ToDidKey();
        var document = (await DidResolver.Offline.ResolveAsync(did, TestContext.Current.CancellationToken)).Value;
        var vmId = did + "#" + key.PublicKey.ToMultibase();
        Assert.Equal(key.PublicKey, document.Find(vmId)!.Key);
        Assert.True(document.Authorizes(vmId, VerificationRelationship.AssertionMethod));
        Assert.Equal(did, (string?)document.Json["id"]);
    }

    [Fact]
    public void DidKey_WrongLength_RefusedAsInvalidKeyLength()
    {
        using var key = KeyPair.Generate(KeyType.Ed25519);
        var bytes = Credentials.Encodings.Multibase.Decode(key.PublicKey.ToMultibase()).Value;
        var longer = "did:key:" + Credentials.Encodings.Multibase.EncodeBase58Btc([.. bytes, 0x01]);
        Assert.Equal(ErrorCodes.InvalidKeyLength, new DidKey().Resolve(longer).Error!.Code);
    }

    [Theory]
    [InlineData("did:key:z6Mk", ErrorCodes.InvalidKeyLength)]
    [InlineData("did:key:zQ3shokFTS3brHcDQrn82RUDfCZESWL1ZdCEJwekUDPQiYBme", ErrorCodes.UnknownMulticodec)]
    [InlineData("did:key:u7QE", ErrorCodes.InvalidDid)]
    [InlineData("did:key:z0OIl", ErrorCodes.InvalidMultibase)]
    public void DidKey_Malformed_RefusedWithCode(string did, string code) =>
        Assert.Equal(code, new DidKey().Resolve(did).Error!.Code);

    [Fact]
    public void DidJwk_RoundTrips_AndPrivateKeyRefused()
    {
        using var key = KeyPair.Generate(KeyType.P256);
        var did = DidJwk.For(key.PublicKey);
        var document = DidJwk.Resolve(did).Value;
        Assert.Equal(key.PublicKey, document.Find("#0")!.Key);
        Assert.True(document.Authorizes(did + "#0", VerificationRelationship.AssertionMethod));

        var withPrivate = "did:jwk:" + Credentials.Encodings.Base64Url.Encode(System.Text.Encoding.UTF8.GetBytes(StrictJson.Serialize(key.ExportPrivateJwk())));
        Assert.Equal(ErrorCodes.InvalidJwk, DidJwk.Resolve(withPrivate).Error!.Code);
    }

    [Theory]
    [InlineData("did:web:example.org", "https://example.org/.well-known/did.json")]
    [InlineData("did:web:example.org:orgs:irc-tucson", "https://example.org/orgs/irc-tucson/did.json")]
    [InlineData("did:web:example.org%3A8443:u:alice", "https://example.org:8443/u/alice/did.json")]
    public void DidWeb_MapsToHttpsUrl(string did, string url) =>
        Assert.Equal(url, DidWeb.DocumentUrl(did).Value.ToString());

    [Fact]
    public void DidWeb_ForHostAndPath_RoundTrips() =>
        Assert.Equal("https://openler.example/orgs/irc-tucson/did.json",
            DidWeb.DocumentUrl(DidWeb.For("openler.example", "/orgs/irc-tucson")).Value.ToString());

    [Theory]
    [InlineData("did:web:127.0.0.1")]
    [InlineData("did:web:localhost%3A5432")]
    [InlineData("did:web:169.254.169.254")]
    [InlineData("did:web:10.0.0.1")]
    [InlineData("did:web:%5B%3A%3A1%5D")]
    [InlineData("did:web:%5B%3A%3Affff%3A127.0.0.1%5D")]
    public async Task DidWeb_PrivateOrLoopbackTarget_RefusedWithoutAnyRequest(string did)
    {
        var fetcher = new RecordingFetcher();
        var result = await new DidWebResolver(fetcher).ResolveAsync(did, TestContext.Current.CancellationToken);
        Assert.Equal(ErrorCodes.ForbiddenNetworkAddress, result.Error!.Code);
        Assert.Empty(fetcher.Requests);
    }

    [Theory]
    [InlineData("did:web:example.com:..:..:admin")]
    [InlineData("did:web:example.com::x")]
    [InlineData("did:web:exa mple.com")]
    public async Task DidWeb_MalformedPath_Refused(string did)
    {
        var fetcher = new RecordingFetcher();
        var result = await new DidWebResolver(fetcher).ResolveAsync(did, TestContext.Current.CancellationToken);
        Assert.Equal(ErrorCodes.InvalidDid, result.Error!.Code);
        Assert.Empty(fetcher.Requests);
    }

    [Fact]
    public async Task DidWeb_DocumentOverSizeCap_Refused()
    {
        var big = System.Text.Encoding.UTF8.GetBytes("{\"id\":\"did:web:example.org\",\"x\":\"" + new string('a', 200_000) + "\"}");
        var fetcher = new RecordingFetcher(new Dictionary<string, byte[]> { ["https://example.org/.well-known/did.json"] = big });
        var result = await new DidWebResolver(fetcher).ResolveAsync("did:web:example.org", TestContext.Current.CancellationToken);
        Assert.Equal(ErrorCodes.DocumentTooLarge, result.Error!.Code);
    }

    [Fact]
    public async Task DidWeb_DocumentForAnotherDid_Refused()
    {
        using var key = KeyPair.Generate(KeyType.Ed25519);
        var doc = DidWebDocumentBuilder.Build("did:web:evil.example", [new PublishedKey("key-1", key.PublicKey)]);
        var fetcher = new RecordingFetcher(new Dictionary<string, byte[]>
        {
            ["https://example.org/.well-known/did.json"] = System.Text.Encoding.UTF8.GetBytes(StrictJson.Serialize(doc)),
        });
        var result = await new DidWebResolver(fetcher).ResolveAsync("did:web:example.org", TestContext.Current.CancellationToken);
        Assert.Equal(ErrorCodes.InvalidControlledIdentifierDocumentId, result.Error!.Code);
    }

    [Fact]
    public async Task DidWeb_BuiltDocument_ResolvesWithEveryKeyAsAssertionMethod()
    {
        using var current = KeyPair.Generate(KeyType.Ed25519);
        using var retired = KeyPair.Generate(KeyType.Ed25519);
        var did = DidWeb.For("openler.example", "/orgs/irc");
        var doc = DidWebDocumentBuilder.Build(did, [new PublishedKey("key-2", current.PublicKey), new PublishedKey("key-1", retired.PublicKey)]);
        var fetcher = new RecordingFetcher(new Dictionary<string, byte[]>
        {
            ["https://openler.example/orgs/irc/did.json"] = System.Text.Encoding.UTF8.GetBytes(StrictJson.Serialize(doc)),
        });
        var document = (await new DidWebResolver(fetcher).ResolveAsync(did, TestContext.Current.CancellationToken)).Value;
        Assert.True(document.Authorizes(did + "#key-1", VerificationRelationship.AssertionMethod));
        Assert.True(document.Authorizes(did + "#key-2", VerificationRelationship.AssertionMethod));
        Assert.True(document.Authorizes(did + "#key-2", VerificationRelationship.Authentication));
        Assert.False(document.Authorizes(did + "#key-1", VerificationRelationship.Authentication));
        Assert.Equal(retired.PublicKey, document.Find("#key-1")!.Key);
    }

    [Fact]
    public async Task SafeHttpsFetcher_LoopbackListener_NeverReached()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        using var fetcher = new SafeHttpsFetcher();
        var result = await fetcher.GetAsync(new Uri($"https://127.0.0.1:{port}/did.json"), 1000, TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken);
        Assert.Equal(ErrorCodes.ForbiddenNetworkAddress, result.Error!.Code);
        Assert.False(listener.Pending());
    }

    [Fact]
    public async Task SafeHttpsFetcher_PlainHttp_Refused()
    {
        using var fetcher = new SafeHttpsFetcher();
        var result = await fetcher.GetAsync(new Uri("http://example.org/"), 1000, TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken);
        Assert.Equal(ErrorCodes.RemoteDocumentFetch, result.Error!.Code);
    }

    [Theory]
    [InlineData("8.8.8.8", true)]
    [InlineData("2001:4860:4860::8888", true)]
    [InlineData("127.0.0.1", false)]
    [InlineData("10.1.2.3", false)]
    [InlineData("172.16.0.1", false)]
    [InlineData("192.168.1.1", false)]
    [InlineData("169.254.169.254", false)]
    [InlineData("100.64.0.1", false)]
    [InlineData("0.0.0.0", false)]
    [InlineData("::1", false)]
    [InlineData("fe80::1", false)]
    [InlineData("fd00::1", false)]
    [InlineData("::ffff:127.0.0.1", false)]
    public void IpAddressPolicy_OnlyPublicUnicast(string address, bool isPublic) =>
        Assert.Equal(isPublic, IpAddressPolicy.IsPublic(IPAddress.Parse(address)));

    [Fact]
    public void DidDocumentReader_PrivateKeyMaterial_Refused()
    {
        var doc = new JsonObject
        {
            ["id"] = "did:web:example.org",
            ["verificationMethod"] = new JsonArray(new JsonObject
            {
                ["id"] = "#k", ["type"] = "Multikey", ["controller"] = "did:web:example.org",
                ["publicKeyMultibase"] = "z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2",
                ["secretKeyMultibase"] = "z3u2en7t5LR2WtQH5PfFqMqwVHBeXouLzo6haApm8XHqvjxq",
            }),
        };
        Assert.Equal(ErrorCodes.InvalidVerificationMethod, DidDocumentReader.Read(doc, "did:web:example.org").Error!.Code);
    }
}
