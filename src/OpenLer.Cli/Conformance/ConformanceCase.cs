namespace OpenLer.Cli.Conformance;

/// <summary>One test of an official suite: an id (the suite's own test id) and how to run it.</summary>
public sealed record ConformanceCase(string Id, Func<ConformanceOutcome> Run)
{
    public override string ToString() => Id;
}

/// <summary>
/// The result of one case. A case that cannot run (missing file, unsupported feature) is a failure with its reason;
/// a case the suite deliberately does not run (e.g. a JSON-LD 1.0-only test) is <see cref="Skipped"/>, which is
/// reported separately and never counted as passed.
/// </summary>
public sealed record ConformanceOutcome(bool Passed, string? Message = null, bool Skipped = false)
{
    public static ConformanceOutcome Pass() => new(true);

    public static ConformanceOutcome Fail(string message) => new(false, message);

    public static ConformanceOutcome Skip(string reason) => new(false, reason, Skipped: true);

    /// <summary>Compares expected and actual text, reporting the first difference briefly.</summary>
    public static ConformanceOutcome Expect(string expected, string actual)
    {
        if (string.Equals(expected, actual, StringComparison.Ordinal))
        {
            return Pass();
        }

        var i = 0;
        while (i < expected.Length && i < actual.Length && expected[i] == actual[i])
        {
            i++;
        }

        static string Around(string s, int at) => s.Substring(Math.Max(0, at - 20), Math.Min(60, s.Length - Math.Max(0, at - 20))).ReplaceLineEndings("⏎");
        return Fail($"differs at char {i}: expected …{Around(expected, i)}… got …{Around(actual, i)}…");
    }
}
