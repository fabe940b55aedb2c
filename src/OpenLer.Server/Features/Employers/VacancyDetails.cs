namespace OpenLer.Server.Features.Employers;

/// <summary>What the employer types about a vacancy (checked by <see cref="Vacancies"/>).</summary>
public sealed record VacancyDetails(string? Title, string? Place, string? Hours, string? LanguagesNeeded, bool RequiresWorkAuthorization);
