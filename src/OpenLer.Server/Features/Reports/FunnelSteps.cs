using OpenLer.Server.Infrastructure.Localization;

namespace OpenLer.Server.Features.Reports;

/// <summary>
/// The pilot funnel, in order. One unit is an enrollment (a client in a program); a step counts only when every step
/// before it was reached too, so each step is a subset of the one before (docs/adr/pilot-reporting.md).
/// </summary>
public static class FunnelSteps
{
    public const int Count = 9;

    /// <summary>Stable ids (CSV headers, JSON).</summary>
    public static IReadOnlyList<string> Ids { get; } =
        ["enrolled", "completed", "issued", "wallet-sign-in", "shared", "opened", "applied", "interviewed", "hired"];

    /// <summary>What people read (through the localizer).</summary>
    public static IReadOnlyList<string> Labels { get; } =
    [
        L.Key("Enrolled"),
        L.Key("Completed"),
        L.Key("Credential issued"),
        L.Key("First wallet sign-in"),
        L.Key("Shared"),
        L.Key("Opened by an employer"),
        L.Key("Applied"),
        L.Key("Interviewed"),
        L.Key("Hired"),
    ];
}
