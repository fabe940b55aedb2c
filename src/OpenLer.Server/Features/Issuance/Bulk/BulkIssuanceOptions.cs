namespace OpenLer.Server.Features.Issuance.Bulk;

/// <summary>Bulk issuance settings (<c>OpenLer:BulkIssuance:*</c>).</summary>
public sealed class BulkIssuanceOptions
{
    public const string Section = "OpenLer:BulkIssuance";

    /// <summary>Rows issued per transaction (and per progress step).</summary>
    public int BatchSize { get; set; } = 1000;

    /// <summary>How long a worker's claim on a job lasts without renewal; a stopped worker's job is taken over after it.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How often an idle worker looks for queued jobs (or jobs whose worker stopped).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Whether this instance runs the background worker (an operator may leave jobs to other instances).</summary>
    public bool Worker { get; set; } = true;
}
