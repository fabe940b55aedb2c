using System.Text.Json.Nodes;
using OpenLer.Credentials.Common;
using OpenLer.Credentials.DataIntegrity;
using OpenLer.Credentials.Json;
using OpenLer.Credentials.JsonLd;
using OpenLer.Credentials.Keys;
using OpenLer.Credentials.Rdf;
using OpenLer.Credentials.Tests.JsonLd;
using OpenLer.Credentials.Tests.Support;
using OpenLer.Credentials.Verification;

namespace OpenLer.Credentials.Tests.Verification;

/// <summary>
/// A verification's time budget is a cancellation token (issue 9, finding 7): JSON-LD expansion, RDF canonicalization and
/// the whole verifier stop with <see cref="OperationCanceledException"/> instead of finishing the work. Each case below
/// ran to completion before the library observed the token at loop granularity.
/// </summary>
public class CancellationTests
{
    private static JsonObject LargeDocument(int entries)
    {
        var items = new JsonArray();
        for (var i = 0; i < entries; i++)
        {
            items.Add(new JsonObject { ["name"] = "item " + i });
        }

        return new JsonObject
        {
            ["@context"] = new JsonObject { ["name"] = "https://schema.org/name", ["items"] = "https://schema.org/itemListElement" },
            ["@id"] = "https://example.org/list",
            ["items"] = items,
        };
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void ToRdfAndExpand_TokenCancelledWhileAContextIsLoaded_StopWithinTheOperation(bool toRdf)
    {
        // The token is cancelled by the loader, that is after the operation started: the next unit of work must stop it.
        using var budget = new CancellationTokenSource();
        var loader = new CancellingLoader(budget, new InMemoryLoader(new() { ["https://example.org/ctx"] = """{"@context": {"name": "https://schema.org/name", "items": "https://schema.org/itemListElement"}}""" }));
        var processor = new JsonLdProcessor(loader);
        var document = LargeDocument(2000);
        document["@context"] = "https://example.org/ctx";

        Assert.False(budget.IsCancellationRequested);
        Assert.Throws<OperationCanceledException>(() => toRdf
            ? processor.ToRdf(document, JsonLdOptions.Default, null, budget.Token).IsSuccess
            : processor.Expand(document, JsonLdOptions.Default, null, budget.Token).IsSuccess);
        Assert.Equal(1, loader.Loads);
    }

    [Fact]
    public void ToRdf_WithoutCancellation_StillSucceeds()
    {
        var result = new JsonLdProcessor(ContextDocumentLoader.Default).ToRdf(LargeDocument(2000), JsonLdOptions.Default, null, TestContext.Current.CancellationToken);
        Assert.Equal(2000 * 2, result.Value.Count);
    }

    [Fact]
    public void Canonicalize_CancelledToken_StopsEvenWithoutPoisonedBlankNodes()
    {
        // Only unique blank nodes: no Hash N-Degree Quads work, which was the only place the token used to be observed.
        var nquads = string.Concat(Enumerable.Range(0, 3000).Select(i => $"_:b{i} <urn:p> \"{i}\" .\n"));
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.Throws<OperationCanceledException>(() => RdfCanonicalizer.Canonicalize(nquads, cancellationToken: cancelled.Token));
        Assert.True(RdfCanonicalizer.Canonicalize(nquads, cancellationToken: TestContext.Current.CancellationToken).IsSuccess);
    }

    [Theory]
    [InlineData("eddsa-rdfc-2022")]
    [InlineData("eddsa-jcs-2022")]
    public async Task CredentialVerifier_CancelledToken_ThrowsInsteadOfAnswering(string suite)
    {
        using var key = KeyPair.Generate(KeyType.Ed25519);
        var signed = TestCredentials.Sign(TestCredentials.OpenBadge(key.PublicKey.ToDidKey()), key, suite: suite);
        var json = StrictJson.Serialize(signed);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new CredentialVerifier().VerifyAsync(json, cancelled.Token));
        Assert.True((await new CredentialVerifier().VerifyAsync(json, TestContext.Current.CancellationToken)).Verified);
    }

    [Fact]
    public void RdfcSuite_CancelledToken_StopsBeforeHashing()
    {
        using var key = KeyPair.Generate(KeyType.Ed25519);
        var signed = TestCredentials.Sign(TestCredentials.OpenBadge(key.PublicKey.ToDidKey()), key, suite: "eddsa-rdfc-2022");
        var proof = signed["proof"]!.AsObject();
        var suite = Cryptosuites.Default.Find(proof)!;
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.Throws<OperationCanceledException>(() => suite.CreateVerifyData(signed, proof, KeyType.Ed25519, verifying: true, cancellationToken: cancelled.Token));
    }

    /// <summary>Cancels the budget when the processor asks for a context, then serves it.</summary>
    private sealed class CancellingLoader(CancellationTokenSource budget, IDocumentLoader inner) : IDocumentLoader
    {
        public int Loads { get; private set; }

        public Outcome<RemoteDocument> LoadDocument(string url)
        {
            Loads++;
            budget.Cancel();
            return inner.LoadDocument(url);
        }
    }
}
