namespace OpenLer.Cli;

/// <summary>A clock stopped at one instant (--now): "verifies now" means at that instant.</summary>
internal sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
