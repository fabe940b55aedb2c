namespace OpenLer.Server.Features.WorkAuthorization;

/// <summary>Section <c>OpenLer:ProtectedData</c>: how long protected fields are kept without activity, and how often that is checked.</summary>
public sealed class ProtectedDataOptions
{
    /// <summary>Protected fields are erased this many days after the last activity (staff recorded, showed or issued; the person signed in).</summary>
    public int RetentionDays { get; set; } = 730;

    /// <summary>How often the retention job runs.</summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromHours(6);
}
