using OpenLer.Credentials.Common;
using OpenLer.Credentials.Verification;
using OpenLer.Server.Infrastructure.Localization;

namespace OpenLer.Server.Features.Employers;

/// <summary>What the employer may know of an applicant's work authorization, for a job that requires it.</summary>
public enum WorkAuthorizationAnswer
{
    /// <summary>The application carries no work authorization (or its share stopped).</summary>
    NotDisclosed,

    /// <summary>A presentation was shared but does not verify now (revoked, expired, forged, made for another link).</summary>
    NotVerified,

    /// <summary>Verified, and it says the person may work.</summary>
    Yes,

    /// <summary>Verified, and it says the person may not work.</summary>
    No,
}

/// <summary>
/// The work-authorization answer of one application (issue 12: only the yes/no the applicant chose to disclose, and the date
/// it is valid until when they chose that too). Never any other fact: no A-number, category, status or document.
/// </summary>
public sealed record ApplicantWorkAuthorization(WorkAuthorizationAnswer Answer, DateOnly? ValidUntil, CheckResult? Problem)
{
    /// <summary>Nothing was disclosed.</summary>
    public static ApplicantWorkAuthorization NotDisclosed { get; } = new(WorkAuthorizationAnswer.NotDisclosed, null, null);

    /// <summary>The answer the matching engine's gate takes: true, false, or null (not disclosed or not verified).</summary>
    public bool? Disclosed => Answer switch
    {
        WorkAuthorizationAnswer.Yes => true,
        WorkAuthorizationAnswer.No => false,
        _ => null,
    };

    /// <summary>From a verified (or not) presentation of the application's share.</summary>
    public static ApplicantWorkAuthorization From(VerificationResult result, bool? authorizedToWork, DateOnly? validUntil)
    {
        ArgumentNullException.ThrowIfNull(result);
        return !result.Verified ? new(WorkAuthorizationAnswer.NotVerified, null, result.FirstProblem)
            : authorizedToWork switch
            {
                true => new(WorkAuthorizationAnswer.Yes, validUntil, null),
                false => new(WorkAuthorizationAnswer.No, validUntil, null),
                null => NotDisclosed,
            };
    }

    /// <summary>The sentence the employer's pages show (a catalog key; "{0}" is the valid-until date where there is one).</summary>
    public string Sentence => Answer switch
    {
        WorkAuthorizationAnswer.Yes when ValidUntil is not null => L.Key("Work authorization: verified yes (valid until {0})."),
        WorkAuthorizationAnswer.Yes => L.Key("Work authorization: verified yes."),
        WorkAuthorizationAnswer.No => L.Key("Work authorization: verified no. This job requires it, so the person is listed after those who meet every requirement."),
        WorkAuthorizationAnswer.NotVerified => L.Key("Work authorization: could not be verified. This job requires it, so the person is listed after those who meet every requirement."),
        _ => L.Key("Work authorization: not disclosed. This job requires it, so the person is listed after those who meet every requirement."),
    };

    public override string ToString() => $"ApplicantWorkAuthorization {{ {Answer} }}";
}
