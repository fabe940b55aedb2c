namespace OpenLer.Credentials.Taxonomy;

/// <summary>
/// An O*NET-SOC occupation with what the compact O*NET table keeps of it: title, description, Job Zone (1-5, null when
/// O*NET has none), alternate titles (including short titles such as "CEO") and its skill and knowledge ratings in
/// content model order (empty when O*NET has not rated the occupation). O*NET's own text, CC BY 4.0.
/// </summary>
public sealed record OnetOccupation(
    string Code,
    string Title,
    string Description,
    int? JobZone,
    IReadOnlyList<string> AlternateTitles,
    IReadOnlyList<OnetRating> Ratings);
