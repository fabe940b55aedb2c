namespace OpenLer.Server.Features.Reports;

/// <summary>One cell of the report's counts (<see cref="FunnelAggregates"/>): enrollments of one site, program, language and month, reaching each step.</summary>
public sealed class FunnelCubeRow
{
    public string Site { get; set; } = "";
    public string Program { get; set; } = "";
    public string Language { get; set; } = "";
    public string Month { get; set; } = "";
    public long S1 { get; set; }
    public long S2 { get; set; }
    public long S3 { get; set; }
    public long S4 { get; set; }
    public long S5 { get; set; }
    public long S6 { get; set; }
    public long S7 { get; set; }
    public long S8 { get; set; }
    public long S9 { get; set; }

    public long[] Counts() => [S1, S2, S3, S4, S5, S6, S7, S8, S9];
}
