using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using OpenLer.Credentials.Common;
using OpenLer.Credentials.Dids;
using OpenLer.Credentials.Json;
using OpenLer.Credentials.Keys;
using OpenLer.Credentials.Tests.Support;
using OpenLer.Credentials.Verification;

namespace OpenLer.Credentials.Tests.Security;

/// <summary>
/// docs/security.md CP-20, PF-11, PV-02, LD-01: the library's one network door (<see cref="SafeHttpsFetcher"/>) served from
/// 127.0.0.1 over real TLS: redirects are not followed, oversized and slow answers are cut off, private addresses are refused
/// after name resolution; and a verifier never fetches what a foreign credential points at.
/// </summary>
public sealed class NetworkDoorTests
{
    /// <summary>
    /// The time budget of fetches that must get an answer (the refusals here are about what the answer says, not about
    /// time): generous, because a TLS handshake with a fresh certificate can take seconds on a loaded CI machine. The
    /// slow-answer test uses its own short budget.
    /// </summary>
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData(301)]
    [InlineData(302)]
    [InlineData(303)]
    [InlineData(307)]
    [InlineData(308)]
    public async Task Cp20_Pf11_RedirectIsNotFollowed(int status)
    {
        using var honeypot = new LoopbackHoneypot();
        using var server = new LoopbackTlsServer((_, stream, ct) => LoopbackTlsServer.WriteAsync(stream,
            $"HTTP/1.1 {status} Moved\r\nLocation: {honeypot.Url("/latest/meta-data", "https")}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n", null, ct));
        using var fetcher = new SafeHttpsFetcher(allowPrivateNetworks: true, server.Trusts);

        var result = await fetcher.GetAsync(server.Url("/.well-known/did.json"), 100 * 1024, Timeout, TestContext.Current.CancellationToken);

        Assert.False(result.IsSuccess);
        Assert.Equal(ErrorCodes.RemoteDocumentFetch, result.Error.Code);
        Assert.Contains("redirect", result.Error.Message, StringComparison.Ordinal);
        Assert.Equal(["/.well-known/did.json"], server.Paths);
        Assert.Equal(0, honeypot.Hits);
    }

    [Fact]
    public async Task Cp20_AnswerThatServesTheDocument_IsRead_SoTheRefusalsAboveAreTheDoorsOwn()
    {
        var body = Encoding.UTF8.GetBytes("{\"id\":\"did:web:example.org\"}");
        using var server = new LoopbackTlsServer((_, stream, ct) => LoopbackTlsServer.WriteAsync(stream,
            $"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n", body, ct));
        using var fetcher = new SafeHttpsFetcher(allowPrivateNetworks: true, server.Trusts);
        var result = await fetcher.GetAsync(server.Url("/.well-known/did.json"), 100 * 1024, Timeout, TestContext.Current.CancellationToken);
        Assert.True(result.IsSuccess, result.Error?.Message);
        Assert.Equal(body, result.Value);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Cp20_TwentyMebibyteDocument_CutOffAtTheCap(bool declaresLength)
    {
        const int size = 20 * 1024 * 1024;
        var sent = 0L;
        using var server = new LoopbackTlsServer(async (_, stream, ct) =>
        {
            await LoopbackTlsServer.WriteAsync(stream, declaresLength
                ? $"HTTP/1.1 200 OK\r\nContent-Length: {size}\r\nConnection: close\r\n\r\n"
                : "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n", null, ct);
            var chunk = new byte[64 * 1024];
            Array.Fill(chunk, (byte)'a');
            for (var i = 0; i < size / chunk.Length; i++)
            {
                await stream.WriteAsync(chunk, ct);
                Interlocked.Add(ref sent, chunk.Length);
            }
        });
        using var fetcher = new SafeHttpsFetcher(allowPrivateNetworks: true, server.Trusts);

        var result = await fetcher.GetAsync(server.Url("/did.json"), 100 * 1024, Timeout, TestContext.Current.CancellationToken);

        Assert.False(result.IsSuccess);
        Assert.Equal(ErrorCodes.DocumentTooLarge, result.Error.Code);
        Assert.True(Interlocked.Read(ref sent) < size, "the fetcher stopped reading long before the end");
    }

    [Fact]
    public async Task Cp20_ServerThatNeverAnswers_GivesUpAtTheTimeLimit()
    {
        using var server = new LoopbackTlsServer((_, _, ct) => Task.Delay(System.Threading.Timeout.Infinite, ct));
        using var fetcher = new SafeHttpsFetcher(allowPrivateNetworks: true, server.Trusts);

        var result = await fetcher.GetAsync(server.Url("/did.json"), 100 * 1024, TimeSpan.FromMilliseconds(300), TestContext.Current.CancellationToken);

        Assert.False(result.IsSuccess);
        Assert.Equal(ErrorCodes.RemoteDocumentFetch, result.Error.Code);
        Assert.Contains("No answer within", result.Error.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string> LoopbackSpellings => ["localhost", "localhost.", "LOCALHOST", "127.1", "2130706433", "0x7f.0.0.1", "127.0.0.1", "[::1]", "[::ffff:127.0.0.1]", "[::ffff:7f00:1]"];

    [Theory]
    [MemberData(nameof(LoopbackSpellings))]
    public async Task Cp20_LoopbackInAnySpelling_RefusedBeforeConnecting(string host)
    {
        using var honeypot = new LoopbackHoneypot();
        using var fetcher = new SafeHttpsFetcher();
        var result = await fetcher.GetAsync(new Uri($"https://{host}:{honeypot.Port}/.well-known/did.json"), 100 * 1024, Timeout, TestContext.Current.CancellationToken);
        Assert.False(result.IsSuccess);
        Assert.Equal(ErrorCodes.ForbiddenNetworkAddress, result.Error.Code);
        Assert.Equal(0, honeypot.Hits);
    }

    [Fact]
    public async Task Cp20_HostNameThatResolvesToAPrivateAddress_RefusedAfterResolution()
    {
        // The machine's own name is not a literal and not "localhost", so only the check on the resolved address can stop it
        // (the same check that stops DNS rebinding to a private address).
        var host = Dns.GetHostName();
        IPAddress[] addresses;
        try
        {
            addresses = await Dns.GetHostAddressesAsync(host, TestContext.Current.CancellationToken);
        }
        catch (SocketException)
        {
            addresses = [];
        }

        if (addresses.Length == 0 || addresses.Any(IpAddressPolicy.IsPublic) || DidWeb.IsForbiddenHost(host))
        {
            Assert.Skip($"The host name '{host}' does not resolve to private addresses only here ({string.Join(", ", addresses.Select(a => a.ToString()))}).");
        }

        using var honeypot = new LoopbackHoneypot();
        using var fetcher = new SafeHttpsFetcher();
        var result = await fetcher.GetAsync(new Uri($"https://{host}:{honeypot.Port}/did.json"), 100 * 1024, Timeout, TestContext.Current.CancellationToken);
        Assert.Equal(ErrorCodes.ForbiddenNetworkAddress, result.Error?.Code);
        Assert.Equal(0, honeypot.Hits);
    }

    /// <summary>
    /// PV-02 and LD-01: a foreign credential whose context, status list, verification method, issuer profile, image, evidence
    /// and schema all point at a per-credential URL on an attacker's host (here a loopback honeypot): verifying it fetches
    /// nothing, whether the verifier is the default (offline) one or has the network door open to public hosts.
    /// </summary>
    [Fact]
    public async Task Pv02_Ld01_ForeignCredentialPointingAtAnAttackersHost_NothingIsFetched()
    {
        using var honeypot = new LoopbackHoneypot();
        using var key = KeyPair.Generate(KeyType.Ed25519);
        var unique = Guid.NewGuid().ToString("N");
        string Url(string path) => honeypot.Url($"/{unique}/{path}", "https");
        var credential = TestCredentials.OpenBadge(key.PublicKey.ToDidKey());
        credential["credentialStatus"] = new JsonObject
        {
            ["type"] = "BitstringStatusListEntry",
            ["statusPurpose"] = "revocation",
            ["statusListIndex"] = "7",
            ["statusListCredential"] = Url("status"),
        };
        credential["credentialSchema"] = new JsonObject { ["id"] = Url("schema.json"), ["type"] = "JsonSchema" };
        credential["credentialSubject"]!["achievement"]!["image"] = new JsonObject { ["id"] = Url("image.png"), ["type"] = "Image" };
        credential["evidence"] = new JsonArray(new JsonObject { ["id"] = Url("evidence"), ["type"] = new JsonArray("Evidence") });
        var signed = TestCredentials.Sign(credential, key, suite: "eddsa-rdfc-2022");
        var withRemoteContext = (JsonObject)signed.DeepClone();
        withRemoteContext["@context"]!.AsArray().Add(Url("context.jsonld"));
        var withRemoteMethod = (JsonObject)signed.DeepClone();
        withRemoteMethod["proof"]!["verificationMethod"] = Url("keys/1");
        var withRemoteIssuer = (JsonObject)signed.DeepClone();
        withRemoteIssuer["issuer"]!["id"] = Url("issuer");

        using var door = new SafeHttpsFetcher();
        var networked = new CredentialVerifier(new CredentialVerifierOptions
        {
            DidResolver = new DidResolver(new DidWebResolver(door)),
            VerificationMethods = SchemeVerificationMethodResolver.Create(door),
            StatusChecker = new BitstringStatusChecker(new Credentials.Status.HttpsStatusListFetcher(door), new CredentialVerifierOptions()),
        });
        foreach (var verifier in new[] { new CredentialVerifier(), networked })
        {
            foreach (var document in new[] { signed, withRemoteContext, withRemoteMethod, withRemoteIssuer })
            {
                var result = await verifier.VerifyAsync(StrictJson.Serialize(document), TestContext.Current.CancellationToken);
                Assert.False(result.Verified, "a status list that cannot be fetched is never 'not revoked'");
            }
        }

        Assert.Equal(0, honeypot.Hits);
    }

    [Theory]
    [InlineData("192.0.2.2")] // TEST-NET-1: this machine's own interface in the test sandbox
    [InlineData("198.51.100.7")]
    [InlineData("203.0.113.9")]
    [InlineData("192.88.99.1")]
    [InlineData("64:ff9b::7f00:1")] // NAT64 of 127.0.0.1
    [InlineData("64:ff9b::a9fe:a9fe")] // NAT64 of 169.254.169.254
    [InlineData("64:ff9b:1::a00:1")] // local-use NAT64
    [InlineData("2002:7f00:1::1")] // 6to4 of 127.0.0.1
    [InlineData("2002:a00:1::1")] // 6to4 of 10.0.0.1
    [InlineData("2001:0:4136:e378:8000:63bf:3fff:fdd2")] // Teredo
    [InlineData("100::1")]
    [InlineData("::127.0.0.1")]
    public void Cp20_SpecialPurposeAndEmbeddedIPv4Addresses_AreNotPublic(string address) =>
        Assert.False(IpAddressPolicy.IsPublic(IPAddress.Parse(address)));

    [Theory]
    [InlineData("64:ff9b::808:808")] // NAT64 of 8.8.8.8
    [InlineData("2002:808:808::1")] // 6to4 of 8.8.8.8
    [InlineData("93.184.216.34")]
    public void Cp20_PublicAddressesInEveryForm_StayPublic(string address) =>
        Assert.True(IpAddressPolicy.IsPublic(IPAddress.Parse(address)));
}
