namespace OpenLer.Server.Infrastructure.Demo;

/// <summary>
/// A feature's part of the demo (OpenLer:Demo=true): seeds its data once and adds lines to the start-up text that tells
/// people how to sign in. Seeders run in <see cref="Order"/>; each sees what earlier ones made in the <see cref="DemoContext"/>.
/// </summary>
public interface IDemoSeeder
{
    int Order { get; }

    /// <summary>Seeds on the first start (<paramref name="firstRun"/>) and, on every start, adds its start-up lines.</summary>
    Task SeedAsync(DemoContext context, bool firstRun, CancellationToken cancellationToken);
}

/// <summary>What the demo seeders share: ids they created and the start-up text they build.</summary>
public sealed class DemoContext(string baseUrl)
{
    public string BaseUrl { get; } = baseUrl;

    /// <summary>Values seeders pass on to later ones (e.g. "org", "site:Tucson"), by name.</summary>
    public Dictionary<string, object> Items { get; } = new(StringComparer.Ordinal);

    /// <summary>Start-up text, grouped under headings in the order they were first used.</summary>
    public List<(string Heading, string Line)> Lines { get; } = [];

    public void Say(string heading, string line) => Lines.Add((heading, line));

    public T Get<T>(string name) => (T)Items[name];
}
