using System.Text.RegularExpressions;
using OpenLer.Credentials.Tests.Support;

namespace OpenLer.Server.Tests.Architecture;

/// <summary>
/// Features (the folders of src/OpenLer.Server/Features) do not import each other in a circle. A feature depends on another
/// when one of its files (C# or Razor) names the other's namespace (<c>using</c>, <c>@using</c>, a fully qualified name) or
/// names one of its types through the shared parent namespace (<c>Issuance.Caseload</c>). Comments do not count.
/// </summary>
public sealed partial class FeatureDependencyTests
{
    private static readonly string FeaturesFolder = Path.Combine(SharedFolder.RepositoryRoot, "src", "OpenLer.Server", "Features");

    [Fact]
    public void No_feature_depends_on_itself_through_others()
    {
        var graph = Graph();
        Assert.True(graph.Count >= 20, $"Expected the server's features, found {graph.Count} folders.");
        var cycles = Cycles(graph);
        Assert.True(cycles.Count == 0, "Features import each other in a circle: " + string.Join("; ", cycles.Select(c => string.Join(" -> ", c))));
    }

    [Fact]
    public void The_scan_sees_a_dependency_and_a_circle()
    {
        // The scanner itself: a made-up graph with a circle is found, one without is not.
        var circle = new Dictionary<string, HashSet<string>> { ["A"] = ["B"], ["B"] = ["C"], ["C"] = ["A"], ["D"] = ["A"] };
        Assert.Single(Cycles(circle));
        var line = new Dictionary<string, HashSet<string>> { ["A"] = ["B"], ["B"] = ["C"], ["C"] = [] };
        Assert.Empty(Cycles(line));

        // And the real code has dependencies it must see: Issuance uses Account and Organizations; StatusLists uses Organizations.
        var graph = Graph();
        Assert.Contains("Account", graph["Issuance"]);
        Assert.Contains("Organizations", graph["Issuance"]);
        Assert.Contains("Organizations", graph["StatusLists"]);
        Assert.Contains("StatusLists", graph["Issuance"]);
    }

    private static Dictionary<string, HashSet<string>> Graph()
    {
        var features = Directory.GetDirectories(FeaturesFolder).Select(Path.GetFileName).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var qualified = new Regex(@"(?<![\w.])(" + string.Join('|', features.Select(Regex.Escape)) + @")\.([A-Z]\w*)", RegexOptions.CultureInvariant);
        var graph = features.ToDictionary(f => f, _ => new HashSet<string>(StringComparer.Ordinal), StringComparer.Ordinal);
        foreach (var feature in features)
        {
            foreach (var file in Directory.EnumerateFiles(Path.Combine(FeaturesFolder, feature), "*", SearchOption.AllDirectories)
                .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".cshtml", StringComparison.Ordinal)))
            {
                var text = WithoutComments(File.ReadAllText(file));
                foreach (Match m in Namespace().Matches(text))
                {
                    Add(m.Groups[1].Value);
                }

                foreach (Match m in qualified.Matches(text))
                {
                    Add(m.Groups[1].Value);
                }
            }

            void Add(string other)
            {
                if (other != feature && features.Contains(other))
                {
                    graph[feature].Add(other);
                }
            }
        }

        return graph;
    }

    private static string WithoutComments(string text)
    {
        text = BlockComment().Replace(text, "");
        text = RazorComment().Replace(text, "");
        return LineComment().Replace(text, "");
    }

    /// <summary>Each strongly connected group of more than one feature (Tarjan), as a list of its members.</summary>
    private static List<List<string>> Cycles(Dictionary<string, HashSet<string>> graph)
    {
        var index = new Dictionary<string, int>();
        var low = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var onStack = new HashSet<string>();
        var found = new List<List<string>>();
        var next = 0;
        foreach (var node in graph.Keys.Order(StringComparer.Ordinal))
        {
            if (!index.ContainsKey(node))
            {
                Visit(node);
            }
        }

        return found;

        void Visit(string node)
        {
            index[node] = low[node] = next++;
            stack.Push(node);
            onStack.Add(node);
            foreach (var other in graph.GetValueOrDefault(node) ?? [])
            {
                if (!index.TryGetValue(other, out var seen))
                {
                    Visit(other);
                    low[node] = Math.Min(low[node], low[other]);
                }
                else if (onStack.Contains(other))
                {
                    low[node] = Math.Min(low[node], seen);
                }
            }

            if (low[node] == index[node])
            {
                var group = new List<string>();
                string member;
                do
                {
                    member = stack.Pop();
                    onStack.Remove(member);
                    group.Add(member);
                }
                while (member != node);
                if (group.Count > 1)
                {
                    group.Sort(StringComparer.Ordinal);
                    found.Add(group);
                }
            }
        }
    }

    [GeneratedRegex(@"OpenLer\.Server\.Features\.(\w+)", RegexOptions.CultureInvariant)]
    private static partial Regex Namespace();

    [GeneratedRegex(@"/\*.*?\*/", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex BlockComment();

    [GeneratedRegex(@"@\*.*?\*@", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex RazorComment();

    [GeneratedRegex(@"(?<!:)//[^\n]*", RegexOptions.CultureInvariant)]
    private static partial Regex LineComment();
}
