using System.CommandLine;
using OpenLer.Cli.Conformance;

namespace OpenLer.Cli.Commands;

/// <summary><c>openler conformance SUITE --vectors DIR</c>: prints "SUITE: N/M passed", then one line per failure.</summary>
internal static class ConformanceCommand
{
    public static Command Create()
    {
        var suite = new Argument<string>("suite")
        {
            Description = "Suite: " + string.Join(", ", ConformanceSuites.All.Select(s => s.Name)),
        };
        var vectors = new Option<DirectoryInfo>("--vectors")
        {
            Description = "The vectors folder (../shared/vectors or the suite's own folder)",
            Required = true,
        };
        var command = new Command("conformance", "Run an official conformance suite") { suite, vectors };
        command.SetAction(parse => Run(parse.GetValue(suite)!, parse.GetValue(vectors)!, parse.InvocationConfiguration.Output));
        return command;
    }

    internal static int Run(string suiteName, DirectoryInfo vectors, TextWriter output)
    {
        var suite = ConformanceSuites.Find(suiteName);
        if (suite is null)
        {
            output.WriteLine($"Unknown suite '{suiteName}'. Known: {string.Join(", ", ConformanceSuites.All.Select(s => s.Name))}");
            return 2;
        }

        if (!vectors.Exists)
        {
            output.WriteLine($"Vectors folder not found: {vectors.FullName}");
            return 2;
        }

        var directory = ConformanceSuites.ResolveDirectory(suite, vectors.FullName);
        var failures = new List<(string Id, string Message)>();
        var skipped = new List<(string Id, string Message)>();
        var total = 0;
        foreach (var @case in suite.Cases(directory))
        {
            total++;
            ConformanceOutcome outcome;
            try
            {
                outcome = @case.Run();
            }
#pragma warning disable CA1031 // a crashing case is reported as a failure, never aborts the run
            catch (Exception ex)
#pragma warning restore CA1031
            {
                outcome = ConformanceOutcome.Fail($"unhandled {ex.GetType().Name}: {ex.Message}");
            }

            if (outcome.Skipped)
            {
                skipped.Add((@case.Id, outcome.Message ?? "skipped"));
            }
            else if (!outcome.Passed)
            {
                failures.Add((@case.Id, outcome.Message ?? "failed"));
            }
        }

        var passed = total - failures.Count - skipped.Count;
        output.WriteLine(skipped.Count == 0
            ? $"{suite.Name}: {passed}/{total} passed"
            : $"{suite.Name}: {passed}/{total} passed, {skipped.Count} skipped (not counted as passed), {failures.Count} failed");
        foreach (var (id, message) in failures)
        {
            output.WriteLine($"FAIL {id}: {message}");
        }

        foreach (var (id, message) in skipped)
        {
            output.WriteLine($"SKIP {id}: {message}");
        }

        return failures.Count == 0 && passed > 0 ? 0 : 1;
    }
}
