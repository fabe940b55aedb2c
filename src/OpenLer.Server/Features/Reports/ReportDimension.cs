using OpenLer.Server.Infrastructure.Localization;

namespace OpenLer.Server.Features.Reports;

/// <summary>
/// How the report groups enrollments. Month is the month of enrollment (UTC); a cohort is a program and a month of
/// enrollment (the people who started a program in the same month).
/// </summary>
public enum ReportDimension
{
    Site,
    Program,
    Cohort,
    Language,
    Month,
}

/// <summary>Names of <see cref="ReportDimension"/> in addresses and files, and for people.</summary>
public static class ReportDimensions
{
    public static IReadOnlyList<ReportDimension> All { get; } =
        [ReportDimension.Site, ReportDimension.Program, ReportDimension.Cohort, ReportDimension.Language, ReportDimension.Month];

    private static readonly string[] Ids = ["site", "program", "cohort", "language", "month"];

    public static string Id(ReportDimension dimension) => Ids[(int)dimension];

    public static string Label(ReportDimension dimension) => dimension switch
    {
        ReportDimension.Site => L.Key("Site"),
        ReportDimension.Program => L.Key("Program"),
        ReportDimension.Cohort => L.Key("Cohort (program and month of enrollment)"),
        ReportDimension.Language => L.Key("Client language"),
        _ => L.Key("Month of enrollment"),
    };

    /// <summary>The dimension of an address value; null for anything else (the caller says so).</summary>
    public static ReportDimension? Parse(string? text) =>
        All.Cast<ReportDimension?>().FirstOrDefault(d => string.Equals(Id(d!.Value), text, StringComparison.Ordinal));
}
