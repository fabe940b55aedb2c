using OpenLer.Cli.Conformance;
using OpenLer.Credentials.Tests.Support;

namespace OpenLer.Cli.Tests;

/// <summary>Runs every case of every official suite the CLI knows, one test per case.</summary>
public class ConformanceSuiteTests
{
    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        var vectors = SharedFolder.Path is { } root ? Path.Combine(root, "vectors") : null;
        if (vectors is null || !Directory.Exists(vectors))
        {
            data.Add("(none)", "(shared vectors absent)");
            return data;
        }

        foreach (var suite in ConformanceSuites.All)
        {
            var dir = ConformanceSuites.ResolveDirectory(suite, vectors);
            if (!Directory.Exists(dir))
            {
                continue;
            }

            foreach (var c in suite.Cases(dir))
            {
                data.Add(suite.Name, c.Id);
            }
        }

        if (data.Count == 0)
        {
            data.Add("(none)", "(no suites registered)");
        }

        return data;
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Dictionary<string, ConformanceCase>> Cache = new();

    private static Dictionary<string, ConformanceCase> CasesOf(IConformanceSuite suite) =>
        Cache.GetOrAdd(suite.Name, _ =>
        {
            var vectors = Path.Combine(SharedFolder.Path!, "vectors");
            return suite.Cases(ConformanceSuites.ResolveDirectory(suite, vectors)).ToDictionary(c => c.Id);
        });

    [Theory]
    [MemberData(nameof(Cases))]
    public void Case_Passes(string suiteName, string caseId)
    {
        var suite = ConformanceSuites.Find(suiteName);
        if (suite is null)
        {
            Requirements.Missing(caseId == "(shared vectors absent)"
                ? "../shared/vectors not found: set OPENLER_SHARED."
                : "No conformance suites registered.");
        }

        var found = CasesOf(suite!)[caseId];
        var outcome = found.Run();
        if (outcome.Skipped)
        {
            Assert.Skip(outcome.Message ?? "skipped by the suite");
        }

        Assert.True(outcome.Passed, outcome.Message);
    }
}
