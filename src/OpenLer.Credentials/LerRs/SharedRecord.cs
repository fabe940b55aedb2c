namespace OpenLer.Credentials.LerRs;

/// <summary>
/// What an applicant shared with an employer, as the input of <see cref="LerRsExport.Build"/>: only what the holder chose
/// to share. <see cref="DisplayName"/> is the name they chose to show (no legal name is asked for); <see cref="Email"/>
/// and <see cref="Phone"/> only if they gave them. Self-reported skills are O*NET element IDs.
/// </summary>
public sealed record SharedRecord
{
    /// <summary>The name the holder chose to show, or null.</summary>
    public string? DisplayName { get; init; }

    /// <summary>A contact e-mail the holder chose to give, or null.</summary>
    public string? Email { get; init; }

    /// <summary>A contact phone number the holder chose to give, or null.</summary>
    public string? Phone { get; init; }

    /// <summary>The credentials shared, in the order shared.</summary>
    public IReadOnlyList<SharedCredential> Credentials { get; init; } = [];

    /// <summary>Skills the applicant reported themselves (O*NET element IDs).</summary>
    public IReadOnlyList<string> SelfReportedSkills { get; init; } = [];

    /// <summary>Work experience the applicant reported themselves.</summary>
    public IReadOnlyList<SelfReportedExperience> Experience { get; init; } = [];
}
