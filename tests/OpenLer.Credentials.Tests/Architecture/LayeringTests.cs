using System.Text.RegularExpressions;
using OpenLer.Credentials.Tests.Support;

namespace OpenLer.Credentials.Tests.Architecture;

/// <summary>
/// The library's folders import one way: the shared vocabulary (Common) at the bottom, the verifier that composes
/// everything in Verification, and the wire protocols (OpenID4VCI, OpenID4VP, VC-API) built on it in Protocols at the top.
/// A folder may name only folders on a lower layer (or its own).
/// </summary>
public sealed partial class LayeringTests
{
    private static readonly Dictionary<string, int> Layers = new(StringComparer.Ordinal)
    {
        ["Common"] = 0,
        ["Encodings"] = 1,
        ["Json"] = 1,
        ["Jcs"] = 1,
        ["Keys"] = 2,
        ["Rdf"] = 2,
        ["JsonLd"] = 3,
        ["Taxonomy"] = 3,
        ["Dids"] = 4,
        ["DataIntegrity"] = 5,
        ["Jose"] = 5,
        ["SdJwt"] = 6,
        ["Status"] = 6,
        ["OpenBadges"] = 7,
        ["WorkAuthorization"] = 7,
        ["Matching"] = 8,
        ["LerRs"] = 9,
        ["Verification"] = 10,
        ["Protocols"] = 11,
    };

    [Fact]
    public void Every_folder_imports_only_lower_layers()
    {
        var root = Path.Combine(SharedFolder.RepositoryRoot, "src", "OpenLer.Credentials");
        var violations = new List<string>();
        var folders = Directory.GetDirectories(root).Select(Path.GetFileName).Where(f => f is not ("bin" or "obj")).ToList();
        foreach (var folder in folders)
        {
            Assert.True(Layers.ContainsKey(folder!), $"Folder {folder} has no layer: add it to LayeringTests.Layers.");
        }

        foreach (var file in Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(root, file);
            var folder = relative.Split(Path.DirectorySeparatorChar)[0];
            if (folder is "bin" or "obj" || !Layers.TryGetValue(folder, out var layer))
            {
                continue;
            }

            foreach (Match match in Reference().Matches(File.ReadAllText(file)))
            {
                var target = match.Groups[1].Value;
                if (target != folder && Layers.TryGetValue(target, out var targetLayer) && targetLayer >= layer)
                {
                    violations.Add($"{relative} names {target} (layer {targetLayer} >= {layer})");
                }
            }
        }

        Assert.True(violations.Count == 0, string.Join("\n", violations.Distinct()));
    }

    [GeneratedRegex(@"OpenLer\.Credentials\.([A-Za-z]+)")]
    private static partial Regex Reference();
}
