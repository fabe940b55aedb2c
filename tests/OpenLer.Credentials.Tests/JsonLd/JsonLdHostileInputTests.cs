using System.Text.Json.Nodes;
using OpenLer.Credentials.Common;
using OpenLer.Credentials.JsonLd;
using OpenLer.Credentials.Rdf;

namespace OpenLer.Credentials.Tests.JsonLd;

/// <summary>SECURITY.md LD-01, LD-04, LD-09, LD-11: hostile documents fail with a typed error, never a crash.</summary>
public class JsonLdHostileInputTests
{
    private static readonly JsonLdProcessor Processor = new(ContextDocumentLoader.Default);

    private static Outcome<RdfDataset> ToRdf(JsonLdProcessor processor, string json, JsonLdOptions? options = null) =>
        processor.ToRdf(JsonNode.Parse(json), options ?? JsonLdOptions.Credential);

    [Fact]
    public void ToRdf_RemoteContextUrl_RefusedWithoutFetching()
    {
        var fetcher = new SpyFetcher();
        var loader = ContextDocumentLoader.Create(new ContextLoaderOptions { RemoteFetcher = fetcher }).Value;
        var result = ToRdf(new JsonLdProcessor(loader), """
            {"@context": ["https://www.w3.org/ns/credentials/v2", "http://127.0.0.1:8080/ctx"], "type": "VerifiableCredential"}
            """);

        Assert.Equal(ErrorCodes.UnknownContext, result.Error!.Code);
        Assert.StartsWith("loading remote context failed", result.Error.Message, StringComparison.Ordinal);
        Assert.Equal(0, fetcher.Calls);
    }

    [Fact]
    public void ToRdf_ScopedRemoteContextAndImport_RefusedWithoutFetching()
    {
        var fetcher = new SpyFetcher();
        var processor = new JsonLdProcessor(ContextDocumentLoader.Create(new ContextLoaderOptions { RemoteFetcher = fetcher }).Value);

        var scoped = ToRdf(processor, """
            {"@context": {"p": {"@id": "https://example.org/p", "@context": "file:///etc/passwd"}}, "p": {"q": 1}}
            """);
        var imported = ToRdf(processor, """
            {"@context": {"@import": "https://attacker.example/ctx", "p": "https://example.org/p"}, "p": 1}
            """);

        Assert.Equal(ErrorCodes.UnknownContext, scoped.Error!.Code);
        Assert.Equal(ErrorCodes.UnknownContext, imported.Error!.Code);
        Assert.Equal(0, fetcher.Calls);
    }

    [Fact]
    public void ToRdf_InlineContextRedefiningProtectedTerm_ProtectedTermRedefinition()
    {
        var result = ToRdf(Processor, """
            {
              "@context": ["https://www.w3.org/ns/credentials/v2", {"name": "https://evil.example/familyName"}],
              "type": ["VerifiableCredential"],
              "name": "Amina"
            }
            """);

        Assert.Equal(ErrorCodes.ProtectedTermRedefinition, result.Error!.Code);
        Assert.Equal("protected term redefinition", JsonLdProcessor.ErrorName(result.Error));
    }

    [Fact]
    public void ToRdf_ContextsIncludingEachOther_RecursiveContextInclusion()
    {
        var loader = new InMemoryLoader(new()
        {
            ["https://example.org/a"] = """{"@context": ["https://example.org/b", {"a": "https://example.org/a#a"}]}""",
            ["https://example.org/b"] = """{"@context": ["https://example.org/a", {"b": "https://example.org/b#b"}]}""",
        });

        var result = ToRdf(new JsonLdProcessor(loader), """{"@context": "https://example.org/a", "a": 1}""");

        Assert.Equal(ErrorCodes.RecursiveContextInclusion, result.Error!.Code);
        Assert.Equal("recursive context inclusion", JsonLdProcessor.ErrorName(result.Error));
    }

    [Fact]
    public void ToRdf_ImportOfContextThatImports_InvalidContextEntry()
    {
        // JSON-LD API §4.1.2 step 5.6.6: an imported context may not itself use @import, so A → B → A cannot recurse.
        var loader = new InMemoryLoader(new()
        {
            ["https://example.org/a"] = """{"@context": {"@version": 1.1, "@import": "https://example.org/b"}}""",
            ["https://example.org/b"] = """{"@context": {"@version": 1.1, "@import": "https://example.org/a"}}""",
        });

        var result = ToRdf(new JsonLdProcessor(loader), """{"@context": {"@import": "https://example.org/a"}, "https://example.org/p": 1}""");

        Assert.Equal("invalid context entry", JsonLdProcessor.ErrorName(result.Error!));
        Assert.Equal(1, loader.Requests);
    }

    [Fact]
    public void ToRdf_LongChainOfContexts_ContextOverflow()
    {
        var documents = new Dictionary<string, string>();
        for (var i = 0; i < 100; i++)
        {
            documents[$"https://example.org/c{i}"] = $$"""{"@context": ["https://example.org/c{{i + 1}}", {"t{{i}}": "https://example.org/t{{i}}"}]}""";
        }

        documents["https://example.org/c100"] = """{"@context": {}}""";
        var loader = new InMemoryLoader(documents);

        var result = ToRdf(new JsonLdProcessor(loader), """{"@context": "https://example.org/c0", "t0": 1}""");

        Assert.Equal(ErrorCodes.ContextOverflow, result.Error!.Code);
        Assert.Equal("context overflow", JsonLdProcessor.ErrorName(result.Error));
        Assert.True(loader.Requests <= JsonLdLimits.Default.MaxRemoteContexts + 1);
    }

    [Fact]
    public void ToRdf_KnownContextListedThousandsOfTimes_ContextOverflow()
    {
        // Each listed context would derive (and cache) one more active context; the references are counted.
        var contexts = new JsonArray();
        for (var i = 0; i < 5_000; i++)
        {
            contexts.Add(i % 2 == 0 ? "https://www.w3.org/ns/credentials/v2" : "https://w3id.org/security/data-integrity/v2");
        }

        var result = Processor.ToRdf(new JsonObject { ["@context"] = contexts, ["type"] = "VerifiableCredential" }, JsonLdOptions.Credential, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(ErrorCodes.ContextOverflow, result.Error!.Code);
    }

    [Fact]
    public void ToRdf_ManyDocumentsWithInlineContexts_DoNotGrowTheSharedCaches()
    {
        var processor = new JsonLdProcessor(ContextDocumentLoader.Default);
        Assert.True(processor.ToRdf(JsonNode.Parse(SampleCredentials.OpenBadge), JsonLdOptions.Credential, cancellationToken: TestContext.Current.CancellationToken).IsSuccess);
        var afterFirst = processor.SharedContextsCached;

        for (var i = 0; i < 200; i++)
        {
            var document = JsonNode.Parse($$"""
                {
                  "@context": [{"t{{i}}": "https://example.org/t{{i}}"}, "https://www.w3.org/ns/credentials/v2"],
                  "type": "VerifiableCredential", "t{{i}}": "v"
                }
                """);
            Assert.True(processor.ToRdf(document, JsonLdOptions.Credential, cancellationToken: TestContext.Current.CancellationToken).IsSuccess);
        }

        Assert.True(processor.ToRdf(JsonNode.Parse(SampleCredentials.OpenBadge), JsonLdOptions.Credential, cancellationToken: TestContext.Current.CancellationToken).IsSuccess);
        Assert.True(afterFirst > 0);
        Assert.Equal(afterFirst, processor.SharedContextsCached);
    }

    [Fact]
    public void ToRdf_ScopedContextsNestedThousandDeep_FailsWithoutStackOverflow()
    {
        // Built in memory: StrictJson would refuse this depth before it reached the processor.
        JsonNode context = new JsonObject { ["leaf"] = "https://example.org/leaf" };
        for (var i = 0; i < 1000; i++)
        {
            context = new JsonObject { [$"t{i}"] = new JsonObject { ["@id"] = $"https://example.org/t{i}", ["@context"] = context } };
        }

        var document = new JsonObject { ["@context"] = context, ["https://example.org/p"] = 1 };
        var result = Processor.ToRdf(document, JsonLdOptions.Credential, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(ErrorCodes.ContextOverflow, result.Error!.Code);
    }

    [Fact]
    public void ToRdf_TermDependencyChain_LimitExceededWithoutStackOverflow()
    {
        var context = new JsonObject();
        for (var i = 0; i < 5000; i++)
        {
            context[$"t{i}"] = $"t{i + 1}:x";
        }

        context["t5000"] = "https://example.org/";
        var document = new JsonObject { ["@context"] = context, ["https://example.org/p"] = 1 };

        var result = Processor.ToRdf(document, JsonLdOptions.Credential, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(ErrorCodes.JsonLdLimitExceeded, result.Error!.Code);
    }

    [Fact]
    public void ToRdf_DocumentNestedTenThousandDeep_DocumentTooDeep()
    {
        JsonNode node = new JsonObject { ["https://example.org/v"] = 1 };
        for (var i = 0; i < 10_000; i++)
        {
            node = new JsonObject { ["https://example.org/child"] = node };
        }

        var result = Processor.ToRdf(node, JsonLdOptions.Credential, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(ErrorCodes.DocumentTooDeep, result.Error!.Code);
    }

    [Fact]
    public void ToRdf_MoreWorkThanTheLimit_LimitExceeded()
    {
        var items = new JsonArray();
        for (var i = 0; i < 2_000; i++)
        {
            items.Add(new JsonObject { ["https://example.org/n"] = i });
        }

        var document = new JsonObject { ["@id"] = "https://example.org/s", ["https://example.org/item"] = items };
        var limited = JsonLdOptions.Credential with { Limits = new JsonLdLimits { MaxWork = 1_000 } };

        Assert.True(Processor.ToRdf(document.DeepClone(), JsonLdOptions.Credential, cancellationToken: TestContext.Current.CancellationToken).IsSuccess);
        Assert.Equal(ErrorCodes.JsonLdLimitExceeded, Processor.ToRdf(document, limited, cancellationToken: TestContext.Current.CancellationToken).Error!.Code);
    }

    [Fact]
    public void ToRdf_HugeArrayOfDistinctValues_StaysLinear()
    {
        // About 1 MiB of numbers under one property: duplicate detection in the node map must not be quadratic.
        var values = new JsonArray();
        for (var i = 0; i < 150_000; i++)
        {
            values.Add(i);
        }

        values.Add(7);
        var document = new JsonObject { ["@id"] = "https://example.org/s", ["https://example.org/n"] = values };

        var result = Processor.ToRdf(document, JsonLdOptions.Credential, cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(result.IsSuccess, result.Error?.ToString());
        Assert.Equal(150_000, result.Value.Count);
    }

    [Fact]
    public void ToRdf_InlineScopedContextOnManyNodes_ProcessedOncePerDocument()
    {
        // An amplification attempt: one inline type-scoped context with many terms, applied to many nodes. The
        // per-operation cache processes it once, so the work stays proportional to the input.
        var scoped = new JsonObject();
        for (var i = 0; i < 500; i++)
        {
            scoped[$"p{i}"] = $"https://example.org/p{i}";
        }

        var nodes = new JsonArray();
        for (var i = 0; i < 2_000; i++)
        {
            nodes.Add(new JsonObject { ["@type"] = "T", ["p0"] = i });
        }

        var document = new JsonObject
        {
            ["@context"] = new JsonObject { ["T"] = new JsonObject { ["@id"] = "https://example.org/T", ["@context"] = scoped } },
            ["@id"] = "https://example.org/s",
            ["https://example.org/node"] = nodes,
        };
        var limited = JsonLdOptions.Credential with { Limits = new JsonLdLimits { MaxWork = 50_000 } };

        var result = Processor.ToRdf(document, limited, cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(result.IsSuccess, result.Error?.ToString());
        Assert.Equal(6_000, result.Value.Count);
    }

    private sealed class SpyFetcher : IRemoteContextFetcher
    {
        public int Calls { get; private set; }

        public Outcome<byte[]> Fetch(Uri url)
        {
            Calls++;
            return "{\"@context\": {}}"u8.ToArray();
        }
    }
}
