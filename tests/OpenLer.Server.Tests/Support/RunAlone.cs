namespace OpenLer.Server.Tests.Support;

/// <summary>
/// Tests that run alone, after the parallel ones: whole demo deployments scanned byte by byte (pg_dump, database files),
/// which on a loaded 2-core machine were starved by dozens of parallel apps (their demo sign-in code did not arrive).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RunAlone
{
    public const string Name = "Serial";
}
