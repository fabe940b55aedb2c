using System.Diagnostics.Metrics;
using OpenLer.Credentials.Common;
using OpenLer.Credentials.Verification;

namespace OpenLer.Server.Infrastructure.Observability;

/// <summary>
/// The app's own counters (meter <see cref="MeterName"/>, exported with the ASP.NET Core, EF Core and Npgsql ones when
/// OpenTelemetry is configured): credentials issued, verifications by outcome, share links opened. Tags carry kinds and
/// outcomes only, never an id, a name or a contact.
/// </summary>
public sealed class OpenLerMetrics : IDisposable
{
    public const string MeterName = "OpenLer.Server";

    private readonly Meter _meter;
    private readonly Counter<long> _issued;
    private readonly Counter<long> _verifications;
    private readonly Counter<long> _sharesOpened;
    private readonly Counter<long> _opensDropped;

    public OpenLerMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _meter = meters.Create(MeterName);
        _issued = _meter.CreateCounter<long>("openler.credentials.issued", "{credential}", "Credentials issued (saved), by format.");
        _verifications = _meter.CreateCounter<long>("openler.verifications", "{verification}",
            "Credentials verified, by outcome (verified, not-verified, could-not-check), where (share, verify) and whether a cached result was shown.");
        _sharesOpened = _meter.CreateCounter<long>("openler.shares.opened", "{open}", "Share links opened by an employer (live links only).");
        _opensDropped = _meter.CreateCounter<long>("openler.shares.opens_dropped", "{open}",
            "Share openings not recorded because the open log's queue was full or the database refused them.");
    }

    public void CredentialsIssued(int count, string format) => _issued.Add(count, new KeyValuePair<string, object?>("format", format));

    public void Verification(VerificationResult result, string where, bool cached) => _verifications.Add(1,
        new KeyValuePair<string, object?>("outcome", Outcome(result)), new KeyValuePair<string, object?>("where", where), new KeyValuePair<string, object?>("cached", cached));

    /// <summary>verified, not-verified (a required check failed) or could-not-check (a required check could not run).</summary>
    public static string Outcome(VerificationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Verified ? "verified"
            : result.FirstProblem?.Status == CheckStatus.CouldNotCheck ? "could-not-check" : "not-verified";
    }

    public void ShareOpened() => _sharesOpened.Add(1);

    public void OpensDropped(int count) => _opensDropped.Add(count);

    public void Dispose() => _meter.Dispose();
}
