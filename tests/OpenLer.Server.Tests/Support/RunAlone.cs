namespace OpenLer.Server.Tests.Support;

/// <summary>
/// Tests that run alone, after the parallel ones: whole demo deployments scanned byte by byte (pg_dump, database files),
/// the heaviest tests of the suite. (They were first put here because their demo sign-in code never arrived under
/// parallel load; the cause was the code pages' race, fixed in the sign-in pages and shown by DemoCodePageTests.)
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RunAlone
{
    public const string Name = "Serial";
}
