using OpenLer.Credentials.Tests.Support;

namespace OpenLer.Credentials.Tests.Taxonomy;

/// <summary>Reads ../shared/data/onet-text/db_29_2_text directly (plain split, independent of the importer) for checks.</summary>
internal static class OnetData
{
    public const string Folder = "data/onet-text/db_29_2_text";

    public static string DirectoryOrSkip() => SharedFolder.SubfolderOrSkip(Folder);

    /// <summary>The rows of a tab-separated file as maps from column name to value.</summary>
    public static IReadOnlyList<Dictionary<string, string>> Rows(string directory, string file)
    {
        var lines = File.ReadAllText(Path.Combine(directory, file)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].Split('\t');
        return [.. lines.Skip(1).Select(line =>
        {
            var fields = line.Split('\t');
            return header.Select((name, i) => (name, fields[i])).ToDictionary(p => p.name, p => p.Item2, StringComparer.Ordinal);
        })];
    }
}
