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
    public const string BulkImportUploaded = "bulk-import.uploaded";
    public const string BulkImportQueued = "bulk-import.queued";
    public const string BulkImportDiscarded = "bulk-import.discarded";
    public const string BulkImportStarted = "bulk-import.started";
    public const string BulkImportFinished = "bulk-import.finished";
    public const string CredentialsIssuedInBulk = "credential.issued-bulk";
    public const string SigningKeyRotated = "organization.key-rotated";
    public const string DataKeysRotated = "protection.keys-rotated";
    public const string Export = "export";
    public const string ProtectedReveal = "protected.revealed";
    public const string ProtectedRecorded = "protected.recorded";
    public const string ProtectedErased = "protected.erased";
    public const string ProtectedLookup = "protected.lookup";
    public const string ConsentRecorded = "consent.recorded";
    public const string ConsentWithdrawn = "consent.withdrawn";
    public const string ShareCreated = "share.created";
    public const string ShareStopped = "share.stopped";
    public const string AccountDeleted = "account.deleted";
}
