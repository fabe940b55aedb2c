namespace OpenLer.Credentials.Dids;

/// <summary>
/// A verification method dereferenced from its URL together with what its controller document says about it:
/// <see cref="ControllerDocumentId"/> (the DID whose document lists it) and the relationships it is authorized for.
/// </summary>
public sealed record ResolvedVerificationMethod(
    VerificationMethod Method,
    string ControllerDocumentId,
    IReadOnlySet<VerificationRelationship> Relationships);
