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
    public const string Export = "export";
    public const string ProtectedReveal = "protected.revealed";
    public const string OfferCreated = "wallet-offer.created";
    public const string OfferCancelled = "wallet-offer.cancelled";
    public const string OfferDelivered = "wallet-offer.delivered";
    public const string OfferTxCodeLocked = "wallet-offer.tx-code-locked";
    public const string PresentationRequested = "presentation.requested";
    public const string PresentationReceived = "presentation.received";
    public const string PresentationViewed = "presentation.viewed";
    public const string PresentationSent = "presentation.sent";
    public const string PresentationRefused = "presentation.refused";
    public const string ApiKeyCreated = "api-key.created";
    public const string ApiKeyRevoked = "api-key.revoked";
    public const string ApiCredentialIssued = "api.credential-issued";
}
