namespace OpenLer.Credentials.Tests.Support;

/// <summary>
/// Locates the read-only <c>shared/</c> folder (conformance vectors, contexts, data) that CI places beside the
/// repository. <c>OPENLER_SHARED</c> overrides the default <c>../shared</c> relative to the repository root.
/// Tests that need it skip with a clear message when it is absent, so a clone elsewhere still passes.
/// </summary>
public static class SharedFolder
{
    private static readonly Lazy<string?> Root = new(Find);

    public static string? Path => Root.Value;

    /// <summary>The repository root (the folder holding OpenLer.slnx).</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>Returns shared/vectors/{suite}, or skips the test when the folder is absent.</summary>
    public static string VectorsOrSkip(string suite) => SubfolderOrSkip(System.IO.Path.Combine("vectors", suite));

    public static string SubfolderOrSkip(string relative)
    {
        var root = Path;
        var folder = root is null ? null : System.IO.Path.Combine(root, relative);
        if (folder is null || !Directory.Exists(folder))
        {
            Requirements.Missing($"shared/{relative} not found: set OPENLER_SHARED to the shared folder (default ../shared beside the repository).");
        }

        return folder!;
    }

    /// <summary>For MemberData: the folder or null, without skipping (a data source cannot skip).</summary>
    public static string? TryVectors(string suite)
    {
        var root = Path;
        var folder = root is null ? null : System.IO.Path.Combine(root, "vectors", suite);
        return folder is not null && Directory.Exists(folder) ? folder : null;
    }

    private static string? Find()
    {
        var fromEnv = Environment.GetEnvironmentVariable("OPENLER_SHARED");
        if (!string.IsNullOrWhiteSpace(fromEnv))
        {
            return Directory.Exists(fromEnv) ? System.IO.Path.GetFullPath(fromEnv) : null;
        }

        var candidate = System.IO.Path.GetFullPath(System.IO.Path.Combine(RepositoryRoot, "..", "shared"));
        return Directory.Exists(candidate) ? candidate : null;
    }

    private static string FindRepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(System.IO.Path.Combine(dir.FullName, "OpenLer.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Cannot find the repository root (OpenLer.slnx).");
    }
}
