using System.Text;
using System.Text.Json.Nodes;
using OpenLer.Credentials.Common;
using OpenLer.Credentials.Dids;
using OpenLer.Credentials.Json;
using OpenLer.Credentials.Keys;
using OpenLer.Credentials.Tests.Support;
using OpenLer.Credentials.Verification;

namespace OpenLer.Credentials.Tests.Dids;

/// <summary>Key-in-issuer-profile verification methods (https URLs), the form 1EdTech Open Badges issuers use.</summary>
public class HttpsVerificationMethodTests
{
    private const string Issuer = "https://irc.example/issuers/tucson";

    private static JsonObject Profile(string id, params JsonObject[] methods)
    {
        var vms = new JsonArray();
        var assertion = new JsonArray();
        foreach (var m in methods)
        {
            vms.Add(m);
            assertion.Add((string)m["id"]!);
        }

        return new JsonObject
        {
            ["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"),
            ["id"] = id,
            ["type"] = "Profile",
            ["name"] = "International Rescue Committee — Tucson",
            ["verificationMethod"] = vms,
            ["assertionMethod"] = assertion,
        };
    }

    private static JsonObject Multikey(string id, string controller, PublicKey key) => new()
    {
        ["id"] = id,
        ["type"] = "Multikey",
        ["controller"] = controller,
        ["publicKeyMultibase"] = key.ToMultibase(),
    };

    private static byte[] Bytes(JsonObject json) => Encoding.UTF8.GetBytes(StrictJson.Serialize(json));

    private static async Task<VerificationResult> Verify(JsonObject signed, Dictionary<string, byte[]> documents)
    {
        var fetcher = new MappedHttpsFetcher(documents);
        var verifier = new CredentialVerifier(new CredentialVerifierOptions { VerificationMethods = SchemeVerificationMethodResolver.Create(fetcher) });
        return await verifier.VerifyAsync(StrictJson.Serialize(signed), TestContext.Current.CancellationToken);
    }

    [Theory]
    [InlineData(KeyType.Ed25519, "eddsa-rdfc-2022", false)]
    [InlineData(KeyType.Ed25519, "eddsa-jcs-2022", true)]
    [InlineData(KeyType.P256, "ecdsa-rdfc-2019", true)]
    public async Task KeyListedInIssuerProfile_Verifies(KeyType type, string suite, bool asJwk)
    {
        using var key = KeyPair.Generate(type);
        var vm = Issuer + "#key-1";
        var method = Multikey(vm, Issuer, key.PublicKey);
        if (asJwk)
        {
            method.Remove("publicKeyMultibase");
            method["type"] = "JsonWebKey";
            method["publicKeyJwk"] = key.PublicKey.ToJwk();
        }

        var signed = TestCredentials.Sign(TestCredentials.OpenBadge(Issuer), key, vm, suite);
        var result = await Verify(signed, new() { [Issuer] = Bytes(Profile(Issuer, method)) });
        Assert.True(result.Verified, result.FirstProblem?.ToString());
        Assert.Equal(CheckStatus.Passed, result[CheckNames.VerificationMethod]!.Status);
    }

    [Fact]
    public async Task KeyDocumentWhoseControllerListsIt_Verifies()
    {
        using var key = KeyPair.Generate(KeyType.Ed25519);
        const string vm = "https://irc.example/keys/2026";
        var signed = TestCredentials.Sign(TestCredentials.OpenBadge(Issuer), key, vm);
        var method = Multikey(vm, Issuer, key.PublicKey);
        var result = await Verify(signed, new()
        {
            [vm] = Bytes(method),
            [Issuer] = Bytes(Profile(Issuer, (JsonObject)method.DeepClone())),
        });
        Assert.True(result.Verified, result.FirstProblem?.ToString());
    }

    [Fact]
    public async Task KeyDocumentWhoseControllerDoesNotListIt_Fails()
    {
        using var key = KeyPair.Generate(KeyType.Ed25519);
        using var other = KeyPair.Generate(KeyType.Ed25519);
        const string vm = "https://irc.example/keys/2026";
        var signed = TestCredentials.Sign(TestCredentials.OpenBadge(Issuer), key, vm);
        var result = await Verify(signed, new()
        {
            [vm] = Bytes(Multikey(vm, Issuer, key.PublicKey)),
            [Issuer] = Bytes(Profile(Issuer, Multikey(Issuer + "#other", Issuer, other.PublicKey))),
        });
        Assert.False(result.Verified);
        Assert.Equal(ErrorCodes.InvalidVerificationMethod, result[CheckNames.VerificationMethod]!.Code);
    }

    [Fact]
    public async Task ForeignKeyInAnotherIssuersProfile_FailsAsNotControlledByIssuer()
    {
        // The attacker signs a credential naming the IRC as issuer with a key its own profile lists.
        using var attacker = KeyPair.Generate(KeyType.Ed25519);
        const string attackerProfile = "https://attacker.example/profile";
        var vm = attackerProfile + "#key-1";
        var signed = TestCredentials.Sign(TestCredentials.OpenBadge(Issuer), attacker, vm);
        var result = await Verify(signed, new() { [attackerProfile] = Bytes(Profile(attackerProfile, Multikey(vm, attackerProfile, attacker.PublicKey))) });
        Assert.False(result.Verified);
        Assert.Equal(CheckStatus.Passed, result[CheckNames.Proof]!.Status);
        Assert.Equal(CheckStatus.Failed, result[CheckNames.VerificationMethod]!.Status);
        Assert.Equal(ErrorCodes.VerificationMethodNotControlledByIssuer, result[CheckNames.VerificationMethod]!.Code);
    }

    [Fact]
    public async Task ForeignKeyWrittenInTheIssuersProfileUrl_FailsWhenTheProfileDoesNotListIt()
    {
        using var issuerKey = KeyPair.Generate(KeyType.Ed25519);
        using var attacker = KeyPair.Generate(KeyType.Ed25519);
        var vm = Issuer + "#" + attacker.PublicKey.ToMultibase();
        var signed = TestCredentials.Sign(TestCredentials.OpenBadge(Issuer), attacker, vm);
        var result = await Verify(signed, new() { [Issuer] = Bytes(Profile(Issuer, Multikey(Issuer + "#key-1", Issuer, issuerKey.PublicKey))) });
        Assert.False(result.Verified);
        Assert.Equal(ErrorCodes.InvalidVerificationMethod, result[CheckNames.VerificationMethod]!.Code);
    }

    [Fact]
    public async Task KeyInFragment_ProfileUnavailable_SignatureCheckedButBindingCouldNotCheck()
    {
        using var key = KeyPair.Generate(KeyType.Ed25519);
        var vm = Issuer + "#" + key.PublicKey.ToMultibase();
        var signed = TestCredentials.Sign(TestCredentials.OpenBadge(Issuer), key, vm);
        var result = await new CredentialVerifier().VerifyAsync(StrictJson.Serialize(signed), TestContext.Current.CancellationToken);
        Assert.False(result.Verified);
        Assert.Equal(CheckStatus.Passed, result[CheckNames.Proof]!.Status);
        Assert.Equal(CheckStatus.CouldNotCheck, result[CheckNames.VerificationMethod]!.Status);
        Assert.Equal(ErrorCodes.VerificationMethodUnconfirmed, result[CheckNames.VerificationMethod]!.Code);

        signed["name"] = "Tampered";
        var tampered = await new CredentialVerifier().VerifyAsync(StrictJson.Serialize(signed), TestContext.Current.CancellationToken);
        Assert.Equal(ErrorCodes.ProofVerification, tampered[CheckNames.Proof]!.Code);
    }

    [Fact]
    public async Task KeyNotAuthorizedForAssertion_Fails()
    {
        using var key = KeyPair.Generate(KeyType.Ed25519);
        var vm = Issuer + "#key-1";
        var profile = Profile(Issuer, Multikey(vm, Issuer, key.PublicKey));
        profile.Remove("assertionMethod");
        var signed = TestCredentials.Sign(TestCredentials.OpenBadge(Issuer), key, vm);
        var result = await Verify(signed, new() { [Issuer] = Bytes(profile) });
        Assert.Equal(ErrorCodes.InvalidRelationshipForVerificationMethod, result[CheckNames.VerificationMethod]!.Code);
    }

    [Fact]
    public async Task ProfileWithAnotherId_Fails()
    {
        using var key = KeyPair.Generate(KeyType.Ed25519);
        var vm = Issuer + "#key-1";
        var signed = TestCredentials.Sign(TestCredentials.OpenBadge(Issuer), key, vm);
        var result = await Verify(signed, new() { [Issuer] = Bytes(Profile("https://elsewhere.example/p", Multikey("https://elsewhere.example/p#key-1", "https://elsewhere.example/p", key.PublicKey))) });
        Assert.Equal(ErrorCodes.InvalidControlledIdentifierDocumentId, result[CheckNames.VerificationMethod]!.Code);
    }

    [Theory]
    [InlineData("http://irc.example/issuers/tucson#key-1", ErrorCodes.InvalidVerificationMethodUrl)]
    [InlineData("https://user@irc.example/issuers/tucson#key-1", ErrorCodes.InvalidVerificationMethodUrl)]
    [InlineData("https://irc.example/issuers/tucson#z6MkjZRsdasZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi", ErrorCodes.UnknownMulticodec)]
    [InlineData("https://irc.example/issuers/tucson#key-1", ErrorCodes.RemoteDocumentFetch)]
    public async Task UnusableMethod_FailsClosedWithCode(string vm, string code)
    {
        var resolver = new HttpsVerificationMethodResolver(MappedHttpsFetcher.Offline);
        var scheme = new SchemeVerificationMethodResolver(new DidVerificationMethodResolver(DidResolver.Offline), resolver);
        var result = await scheme.ResolveAsync(vm, TestContext.Current.CancellationToken);
        Assert.False(result.IsSuccess);
        Assert.Equal(code, result.Error!.Code);
    }

    [Fact]
    public async Task HostileProfiles_AreRefusedQuicklyWithACode()
    {
        using var key = KeyPair.Generate(KeyType.Ed25519);
        var vm = Issuer + "#key-1";
        var resolver = (Dictionary<string, byte[]> documents) => new HttpsVerificationMethodResolver(new MappedHttpsFetcher(documents));
        var started = System.Diagnostics.Stopwatch.StartNew();

        // Larger than the profile limit.
        var huge = Profile(Issuer, Multikey(vm, Issuer, key.PublicKey));
        huge["description"] = new string('x', HttpsVerificationMethodResolver.MaxDocumentBytes);
        var tooLarge = await resolver(new() { [Issuer] = Bytes(huge) }).ResolveAsync(vm, TestContext.Current.CancellationToken);
        Assert.Equal(ErrorCodes.DocumentTooLarge, tooLarge.Error!.Code);

        // 1,000-deep nesting.
        var deep = Encoding.UTF8.GetBytes(new string('[', 1000) + new string(']', 1000));
        var tooDeep = await resolver(new() { [Issuer] = deep }).ResolveAsync(vm, TestContext.Current.CancellationToken);
        Assert.Equal(ErrorCodes.InvalidControlledIdentifierDocument, tooDeep.Error!.Code);

        // Private key material published in the profile.
        var leaky = Profile(Issuer, Multikey(vm, Issuer, key.PublicKey));
        ((JsonObject)leaky["verificationMethod"]![0]!)["secretKeyMultibase"] = "z3u2fake";
        var secret = await resolver(new() { [Issuer] = Bytes(leaky) }).ResolveAsync(vm, TestContext.Current.CancellationToken);
        Assert.Equal(ErrorCodes.InvalidVerificationMethod, secret.Error!.Code);

        // A key document whose controller is not an https URL.
        const string keyUrl = "https://irc.example/keys/1";
        var foreign = await resolver(new() { [keyUrl] = Bytes(Multikey(keyUrl, "did:example:other", key.PublicKey)) }).ResolveAsync(keyUrl, TestContext.Current.CancellationToken);
        Assert.Equal(ErrorCodes.InvalidVerificationMethod, foreign.Error!.Code);

        Assert.True(started.Elapsed < TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task KeyInFragment_ProfileWithoutKeysOrNotJson_IsCouldNotCheck()
    {
        using var key = KeyPair.Generate(KeyType.Ed25519);
        var vm = Issuer + "#" + key.PublicKey.ToMultibase();
        var signed = TestCredentials.Sign(TestCredentials.OpenBadge(Issuer), key, vm);
        var bare = new JsonObject { ["id"] = Issuer, ["type"] = "Profile", ["name"] = "IRC Tucson" };
        foreach (var document in new[] { Bytes(bare), Encoding.UTF8.GetBytes("<!doctype html><title>IRC</title>") })
        {
            var result = await Verify(signed, new() { [Issuer] = document });
            Assert.Equal(CheckStatus.Passed, result[CheckNames.Proof]!.Status);
            Assert.Equal(CheckStatus.CouldNotCheck, result[CheckNames.VerificationMethod]!.Status);
            Assert.Equal(ErrorCodes.VerificationMethodUnconfirmed, result[CheckNames.VerificationMethod]!.Code);
        }
    }
}
