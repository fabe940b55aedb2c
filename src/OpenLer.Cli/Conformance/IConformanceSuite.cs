namespace OpenLer.Cli.Conformance;

/// <summary>An official conformance suite read from a vectors folder (see ../shared/vectors/*/PROVENANCE.md).</summary>
public interface IConformanceSuite
{
    /// <summary>The name used on the command line: <c>openler conformance NAME --vectors DIR</c>.</summary>
    string Name { get; }

    /// <summary>The subfolder of the vectors root this suite reads (e.g. "jcs"); --vectors may point at either.</summary>
    string Folder { get; }

    /// <summary>Enumerates the cases from the suite's manifest in <paramref name="suiteDirectory"/>.</summary>
    IEnumerable<ConformanceCase> Cases(string suiteDirectory);
}
