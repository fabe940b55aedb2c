namespace OpenLer.Credentials.Dids;

/// <summary>
/// A verification method dereferenced from its URL together with what its controller document says about it:
/// <see cref="ControllerDocumentId"/> (the DID whose document lists it) and the relationships it is authorized for.
/// </summary>
public sealed record ResolvedVerificationMethod(
    VerificationMethod Method,
    string ControllerDocumentId,
    IReadOnlySet<VerificationRelationship> Relationships)
{
    /// <summary>
    /// Set when the key could be read (so the signature can be checked) but its controller document could not be retrieved
    /// to confirm it: the verification-method check then reports "could not check", never "passed".
    /// </summary>
    public string? Unconfirmed { get; init; }
}
