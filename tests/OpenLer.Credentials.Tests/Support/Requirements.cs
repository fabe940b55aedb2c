namespace OpenLer.Credentials.Tests.Support;

/// <summary>
/// What a test needs from the machine (PostgreSQL, Chromium, Node packages, the shared vectors). Outside CI a missing
/// dependency skips the test with the reason; with <c>CI=true</c> it fails it, so CI never reports a gap as a pass.
/// </summary>
public static class Requirements
{
    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Skips (or, in CI, fails) the current test because <paramref name="reason"/> is missing.</summary>
    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    public static void Missing(string reason)
    {
        if (InCi)
        {
            Assert.Fail("CI=true and a test dependency is missing: " + reason);
        }

        Assert.Skip(reason);
    }
}
