namespace OpenLer.Server.Features.WorkAuthorization;

/// <summary>
/// The decrypted facts of a record, held only for the request that needs them (never logged: <see cref="ToString"/> names
/// no value).
/// </summary>
/// <param name="StatusCategory">A code of <see cref="WorkAuthorizationVocabulary.StatusCategories"/>.</param>
/// <param name="DocumentType">A code of <see cref="WorkAuthorizationVocabulary.DocumentTypes"/>.</param>
/// <param name="EadCategory">The EAD category code (A03, C08...), for an EAD only.</param>
/// <param name="DocumentNumber">The document number, normalized (upper case, no spaces), or null.</param>
/// <param name="ANumber">The A-number, normalized ("A" and nine digits), or null.</param>
/// <param name="ValidUntil">The last valid day, or null for "no end date".</param>
/// <param name="SeenOn">The day the document was seen.</param>
/// <param name="SeenBy">The staff member who saw it (user id).</param>
public sealed record WorkAuthorizationFacts(string StatusCategory, string DocumentType, string? EadCategory, string? DocumentNumber, string? ANumber,
    DateOnly? ValidUntil, DateOnly SeenOn, string SeenBy)
{
    public override string ToString() => "WorkAuthorizationFacts { protected }";
}
