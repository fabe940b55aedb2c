using OpenLer.Credentials.Common;
using OpenLer.Credentials.Matching;
using OpenLer.Credentials.Taxonomy;
using OpenLer.Server.Data;
using OpenLer.Server.Features.Audit;
using OpenLer.Server.Features.Sharing;
using OpenLer.Server.Infrastructure.Localization;

namespace OpenLer.Server.Features.Employers;

/// <summary>
/// Vacancies of an employer company: created from an O*NET occupation with its skills proposed from O*NET's importance
/// ratings (<see cref="SkillProposals"/>), edited (details, each skill's category, skills added or removed), published
/// (only with at least one skill: the matching engine's own rule, <see cref="Vacancy.Create"/>) and closed. Every change
/// is checked whole before anything is saved; callers pass a vacancy found through <see cref="EmployerScope"/>.
/// </summary>
public sealed class Vacancies(AppDbContext db, AuditTrail audit, TimeProvider time)
{
    /// <summary>At most this many skills on one vacancy.</summary>
    public const int MaxSkills = 40;

    public async Task<Outcome<JobVacancy>> CreateAsync(Guid companyId, Guid userId, string? occupationCode, VacancyDetails details, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(details);
        var occupation = OnetNames.Onet.Occupation(occupationCode?.Trim());
        if (!occupation.IsSuccess)
        {
            return new CredentialError(MatchingErrors.UnknownSkill, L.Key("That is not an O*NET occupation we know. Search again and choose one from the list."));
        }

        if (Check(details) is { } invalid)
        {
            return invalid;
        }

        var proposals = SkillProposals.For(OnetNames.Onet, occupation.Value.Code);
        var vacancy = new JobVacancy
        {
            Id = Guid.NewGuid(),
            CompanyId = companyId,
            OccupationCode = occupation.Value.Code,
            PublicToken = ShareTokens.Create(),
            CreatedByUserId = userId,
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        Apply(vacancy, details);
        var position = 0;
        foreach (var proposed in proposals.Value.Where(p => p.Suggested is not null && SkillVocabulary.Default.Contains(p.Element.Id)))
        {
            vacancy.Skills.Add(new VacancySkillRow { Id = Guid.NewGuid(), VacancyId = vacancy.Id, Code = proposed.Element.Id, Category = (int)proposed.Suggested!.Value, Position = position++ });
        }

        db.Set<JobVacancy>().Add(vacancy);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(AuditActions.VacancyCreated, "vacancy", vacancy.Id, cancellationToken: cancellationToken);
        return vacancy;
    }

    public async Task<Outcome<JobVacancy>> UpdateDetailsAsync(JobVacancy vacancy, VacancyDetails details, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(vacancy);
        ArgumentNullException.ThrowIfNull(details);
        if (Check(details) is { } invalid)
        {
            return invalid;
        }

        Apply(vacancy, details);
        await db.SaveChangesAsync(cancellationToken);
        return vacancy;
    }

    /// <summary>
    /// Sets every skill's category (1 nice-to-have, 2 important, 3 must-have) and removes <paramref name="remove"/>; refuses
    /// an unknown category, and leaving a published vacancy without skills. All or nothing.
    /// </summary>
    public async Task<Outcome<JobVacancy>> SetSkillsAsync(JobVacancy vacancy, IReadOnlyDictionary<string, string> categories, string? remove, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(vacancy);
        ArgumentNullException.ThrowIfNull(categories);
        foreach (var skill in vacancy.Skills)
        {
            if (categories.TryGetValue(skill.Code, out var text))
            {
                if (!int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var category) || category is < 1 or > 3)
                {
                    return new CredentialError(MatchingErrors.InvalidWeight, L.Key("Choose must-have, important or nice-to-have for every skill."));
                }

                skill.Category = category;
            }
        }

        if (remove is not null)
        {
            var row = vacancy.Skills.FirstOrDefault(s => s.Code == remove);
            if (row is null)
            {
                return new CredentialError(MatchingErrors.UnknownSkill, L.Key("That skill is not on this vacancy."));
            }

            if (vacancy.State == VacancyStates.Open && vacancy.Skills.Count == 1)
            {
                return new CredentialError(MatchingErrors.NoSkills, L.Key("A published vacancy needs at least one skill. Add another skill first."));
            }

            vacancy.Skills.Remove(row);
            db.Remove(row);
        }

        await db.SaveChangesAsync(cancellationToken);
        return vacancy;
    }

    /// <summary>Adds an O*NET skill or knowledge area (unknown codes and duplicates are refused, nothing is saved).</summary>
    public async Task<Outcome<JobVacancy>> AddSkillAsync(JobVacancy vacancy, string? code, string? categoryText, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(vacancy);
        var trimmed = code?.Trim();
        if (!SkillVocabulary.Default.Contains(trimmed))
        {
            return new CredentialError(MatchingErrors.UnknownSkill, L.Key("That is not an O*NET skill or knowledge area we know. Search again and choose one from the list."));
        }

        if (vacancy.Skills.Any(s => s.Code == trimmed))
        {
            return new CredentialError(MatchingErrors.DuplicateSkill, L.Key("That skill is already on this vacancy."));
        }

        if (vacancy.Skills.Count >= MaxSkills)
        {
            return new CredentialError(MatchingErrors.InvalidWeight, L.Key("A vacancy can list at most 40 skills."));
        }

        var category = int.TryParse(categoryText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var c) && c is >= 1 and <= 3
            ? c : (int)SkillCategory.NiceToHave;
        var row = new VacancySkillRow
        {
            Id = Guid.NewGuid(),
            VacancyId = vacancy.Id,
            Code = trimmed!,
            Category = category,
            Position = vacancy.Skills.Count == 0 ? 0 : vacancy.Skills.Max(s => s.Position) + 1,
        };
        vacancy.Skills.Add(row);
        db.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        return vacancy;
    }

    /// <summary>Publishes a draft (or reopens a closed vacancy): refused when it has no skills, as the matching engine requires.</summary>
    public async Task<Outcome<JobVacancy>> PublishAsync(JobVacancy vacancy, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(vacancy);
        var matching = ForMatching(vacancy);
        if (!matching.IsSuccess)
        {
            return matching.Error.Code == MatchingErrors.NoSkills
                ? new CredentialError(MatchingErrors.NoSkills, L.Key("Add at least one skill before you publish this vacancy."))
                : new CredentialError(matching.Error.Code, L.Key("A skill of this vacancy is not valid. Remove it and add it again."));
        }

        vacancy.State = VacancyStates.Open;
        vacancy.PublishedAt ??= time.GetUtcNow().UtcDateTime;
        vacancy.ClosedAt = null;
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(AuditActions.VacancyPublished, "vacancy", vacancy.Id, cancellationToken: cancellationToken);
        return vacancy;
    }

    public async Task CloseAsync(JobVacancy vacancy, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(vacancy);
        vacancy.State = VacancyStates.Closed;
        vacancy.ClosedAt = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(AuditActions.VacancyClosed, "vacancy", vacancy.Id, cancellationToken: cancellationToken);
    }

    /// <summary>The vacancy as the matching engine sees it: its skills and weights, and the work-authorization requirement; nothing else.</summary>
    public static Outcome<Vacancy> ForMatching(JobVacancy vacancy)
    {
        ArgumentNullException.ThrowIfNull(vacancy);
        return Vacancy.Create(vacancy.Skills.OrderBy(s => s.Position).Select(s => VacancySkill.Of(s.Code, (SkillCategory)s.Category)), vacancy.RequiresWorkAuthorization);
    }

    private static CredentialError? Check(VacancyDetails details)
    {
        if (string.IsNullOrWhiteSpace(details.Title))
        {
            return new CredentialError("vacancy.title", L.Key("Type the job title."));
        }

        string?[] texts = [details.Title, details.Place, details.Hours, details.LanguagesNeeded];
        return texts.Any(t => (t?.Trim().Length ?? 0) > JobVacancy.TextMaxLength)
            ? new CredentialError("vacancy.too-long", L.Key("Each field holds at most 200 characters."))
            : null;
    }

    private static void Apply(JobVacancy vacancy, VacancyDetails details)
    {
        vacancy.Title = details.Title!.Trim();
        vacancy.Place = details.Place?.Trim() ?? "";
        vacancy.Hours = details.Hours?.Trim() ?? "";
        vacancy.LanguagesNeeded = details.LanguagesNeeded?.Trim() ?? "";
        vacancy.RequiresWorkAuthorization = details.RequiresWorkAuthorization;
    }
}
