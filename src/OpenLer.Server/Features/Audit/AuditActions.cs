namespace OpenLer.Server.Features.Audit;

/// <summary>The actions the audit trail records (stable codes; the admin page translates them).</summary>
public static class AuditActions
{
    public const string StaffSignIn = "staff.sign-in";
    public const string StaffSignInFailed = "staff.sign-in-failed";
    public const string StaffSecondFactor = "staff.second-factor";
    public const string StaffSignOut = "staff.sign-out";
    public const string StaffAdded = "staff.added";
    public const string StaffDisabled = "staff.disabled";
    public const string StaffEnabled = "staff.enabled";
    public const string StaffPasswordReset = "staff.password-reset";
    public const string StaffPasswordChanged = "staff.password-changed";
    public const string StaffRoleChanged = "staff.role-changed";
    public const string StaffSitesChanged = "staff.sites-changed";
    public const string StaffTwoFactorEnabled = "staff.two-factor-enabled";
    public const string SessionsEnded = "account.sessions-ended";
    public const string JobseekerSignIn = "jobseeker.sign-in";
    public const string JobseekerSignInFailed = "jobseeker.sign-in-failed";
    public const string JobseekerSignOut = "jobseeker.sign-out";
    public const string CodeSent = "code.sent";
    public const string CodePrinted = "code.printed";
    public const string ClientAdded = "client.added";
    public const string ClientViewed = "client.viewed";
    public const string InvitationSent = "invitation.sent";
    public const string InvitationAccepted = "invitation.accepted";
    public const string InvitationDeclined = "invitation.declined";
    public const string CredentialIssued = "credential.issued";
    public const string CredentialRevoked = "credential.revoked";
    public const string SigningKeyRotated = "organization.key-rotated";
    public const string DataKeysRotated = "protection.keys-rotated";
    public const string EmployerSignIn = "employer.sign-in";
    public const string EmployerSignInFailed = "employer.sign-in-failed";
    public const string EmployerSignOut = "employer.sign-out";
    public const string EmployerInvited = "employer.invited";
    public const string EmployerUserAdded = "employer.user-added";
    public const string EmployerUserDisabled = "employer.user-disabled";
    public const string PartnershipAccepted = "employer.partnership-accepted";
    public const string PartnershipDeclined = "employer.partnership-declined";
    public const string VacancyCreated = "vacancy.created";
    public const string VacancyPublished = "vacancy.published";
    public const string VacancyClosed = "vacancy.closed";
    public const string ApplicationSubmitted = "application.submitted";
    public const string ApplicationSuggested = "application.suggested";
    public const string ApplicationDeclined = "application.declined";
    public const string ApplicationWithdrawn = "application.withdrawn";
    public const string ApplicantsViewed = "application.applicants-viewed";
    public const string ApplicationViewed = "application.viewed";
    public const string ApplicationOutcome = "application.outcome";
    public const string Export = "export";
    public const string ProtectedReveal = "protected.revealed";
}
