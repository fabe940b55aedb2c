using OpenLer.Credentials.Common;

namespace OpenLer.Credentials.Dids;

/// <summary>
/// The key-ownership and purpose check shared by every proof format (VC Data Integrity §4.5, Controlled Identifiers §3.3,
/// VC-JOSE-COSE §6.1): the method's controller is the document that lists it, that controller is the expected one (the
/// issuer), and the document authorizes the method for the relationship.
/// </summary>
public static class VerificationMethodBinding
{
    public static CheckResult Check(ResolvedVerificationMethod resolved, string? expectedController, VerificationRelationship relationship)
    {
        ArgumentNullException.ThrowIfNull(resolved);
        var method = resolved.Method;
        if (method.Controller != resolved.ControllerDocumentId)
        {
            return CheckResult.Fail(CheckNames.VerificationMethod, ErrorCodes.InvalidVerificationMethod,
                "The verification method's controller is not the document that lists it.");
        }

        if (expectedController is not null && method.Controller != expectedController)
        {
            return CheckResult.Fail(CheckNames.VerificationMethod, ErrorCodes.VerificationMethodNotControlledByIssuer,
                "The signing key does not belong to the issuer.");
        }

        if (resolved.Unconfirmed is not null)
        {
            return CheckResult.Unavailable(CheckNames.VerificationMethod, ErrorCodes.VerificationMethodUnconfirmed, resolved.Unconfirmed);
        }

        if (!resolved.Relationships.Contains(relationship))
        {
            return CheckResult.Fail(CheckNames.VerificationMethod, ErrorCodes.InvalidRelationshipForVerificationMethod,
                $"The issuer's DID document does not authorize this key for {relationship.Name()}.");
        }

        return CheckResult.Pass(CheckNames.VerificationMethod,
            $"The key belongs to {method.Controller} and is authorized for {relationship.Name()}.");
    }
}
