namespace OpenLer.Credentials.Taxonomy;

/// <summary>
/// An occupation found by <see cref="OccupationSearch.Find"/>: the occupation and the title that matched (its own title,
/// or one of its alternate titles when <see cref="IsAlternateTitle"/>).
/// </summary>
public sealed record OccupationMatch(OnetOccupation Occupation, string MatchedTitle, bool IsAlternateTitle);
