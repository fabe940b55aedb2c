using OpenLer.Credentials.Verification;
using OpenLer.Server.Features.Wallet;

namespace OpenLer.Server.Features.Sharing;

/// <summary>One credential on an employer's page: what it says (null when it could not be read) and how it verified.</summary>
public sealed record SharedItem(CredentialView? View, VerificationResult Result, bool WorkAuthorization = false)
{
    /// <summary>The stored Open Badges credential this item shows (null for a work authorization).</summary>
    public Guid? CredentialId { get; init; }

    /// <summary>The program the stored credential was issued for (null for a work authorization, or when its enrollment is gone).</summary>
    public Guid? ProgramId { get; init; }
}
