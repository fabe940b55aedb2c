using System.Security.Cryptography;
using System.Text.Json.Nodes;
using OpenLer.Credentials.DataIntegrity;
using OpenLer.Credentials.JsonLd;

namespace OpenLer.Cli.Conformance;

/// <summary>
/// A JSON-LD processor for conformance vectors: the product's embedded contexts plus the test-only contexts of
/// ../shared/vectors/contexts (examples/v2, CLR 2.0, citizenship, jwk...), added the way an operator adds a context
/// (URL + file + SHA-256). Built once per vectors folder.
/// </summary>
internal static class VectorContexts
{
    private static readonly Dictionary<string, (JsonLdProcessor Processor, CryptosuiteRegistry Suites)> Cache = [];
    private static readonly Lock Gate = new();

    public static JsonLdProcessor Processor(string vectorsRoot) => Get(vectorsRoot).Processor;

    public static CryptosuiteRegistry Suites(string vectorsRoot) => Get(vectorsRoot).Suites;

    /// <summary>The vectors root (…/vectors) from any folder inside it.</summary>
    public static string RootOf(string suiteDirectory)
    {
        var dir = new DirectoryInfo(suiteDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "contexts", "contexts.json")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? suiteDirectory;
    }

    private static (JsonLdProcessor Processor, CryptosuiteRegistry Suites) Get(string vectorsRoot)
    {
        lock (Gate)
        {
            if (Cache.TryGetValue(vectorsRoot, out var cached))
            {
                return cached;
            }

            var folder = Path.Combine(vectorsRoot, "contexts");
            var map = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "contexts.json")))!.AsObject();
            var embedded = ContextDocumentLoader.Default.KnownUrls.ToHashSet(StringComparer.Ordinal);
            var extra = new List<KnownContext>();
            foreach (var (url, file) in map)
            {
                if (!embedded.Contains(url))
                {
                    var bytes = File.ReadAllBytes(Path.Combine(folder, (string)file!));
                    extra.Add(new KnownContext(url, bytes, Convert.ToHexStringLower(SHA256.HashData(bytes))));
                }
            }

            var loader = ContextDocumentLoader.Create(new ContextLoaderOptions { AdditionalContexts = extra });
            if (!loader.IsSuccess)
            {
                throw new InvalidDataException(loader.Error.ToString());
            }

            var processor = new JsonLdProcessor(loader.Value);
            var entry = (processor, Cryptosuites.All(processor));
            Cache[vectorsRoot] = entry;
            return entry;
        }
    }
}
