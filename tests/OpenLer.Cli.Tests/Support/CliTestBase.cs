namespace OpenLer.Cli.Tests.Support;

/// <summary>A temporary folder per test and the openler command line run in-process.</summary>
public abstract class CliTestBase : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "openler-cli-" + Guid.NewGuid().ToString("N"));

    protected CliTestBase() => Directory.CreateDirectory(_dir);

    protected string Dir => _dir;

    /// <summary>A path in the test's folder.</summary>
    protected string F(string name) => Path.Combine(_dir, name);

    protected static async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await OpenLerCli.RunAsync(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    public void Dispose()
    {
        Directory.Delete(_dir, recursive: true);
        GC.SuppressFinalize(this);
    }
}
