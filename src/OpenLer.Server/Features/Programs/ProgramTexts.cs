using Microsoft.EntityFrameworkCore;
using OpenLer.Server.Data;
using OpenLer.Server.Infrastructure;
using OpenLer.Server.Infrastructure.Localization;
using OpenLer.Server.Infrastructure.Security;

namespace OpenLer.Server.Features.Programs;

/// <summary>
/// Reads and saves a program's translations (<see cref="ProgramTranslation"/>). A translation is plain text: markup
/// ("&lt;b&gt;", "&lt;script&gt;") is refused with a clear message rather than stored and escaped later.
/// </summary>
public sealed class ProgramTexts(AppDbContext db, TimeProvider time)
{
    /// <summary>One language's three fields as typed in the form.</summary>
    public sealed record Entry(string Language, string? Name, string? Description, string? Criteria)
    {
        public bool IsEmpty => string.IsNullOrWhiteSpace(Name) && string.IsNullOrWhiteSpace(Description) && string.IsNullOrWhiteSpace(Criteria);

        public bool IsComplete => !string.IsNullOrWhiteSpace(Name) && !string.IsNullOrWhiteSpace(Description) && !string.IsNullOrWhiteSpace(Criteria);
    }

    /// <summary>The program's translations by language.</summary>
    public async Task<Dictionary<string, ProgramTranslation>> OfAsync(Guid organizationId, Guid programId, CancellationToken cancellationToken = default) =>
        await db.Set<ProgramTranslation>().AsNoTracking().Where(t => t.OrganizationId == organizationId && t.ProgramId == programId)
            .ToDictionaryAsync(t => t.Language, StringComparer.Ordinal, cancellationToken);

    /// <summary>The languages of the app the program is not written or translated in.</summary>
    public static IReadOnlyList<Language> Missing(AchievementProgram program, IReadOnlyDictionary<string, ProgramTranslation> translations)
    {
        ArgumentNullException.ThrowIfNull(program);
        ArgumentNullException.ThrowIfNull(translations);
        return [.. Languages.All.Where(l => l.Code != program.Language && !translations.ContainsKey(l.Code))];
    }

    /// <summary>What is wrong with an entry (a localizer key), or null.</summary>
    public static string? Problem(Entry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (entry.IsEmpty)
        {
            return null;
        }

        if (!entry.IsComplete)
        {
            return L.Key("A translation needs all three: the name, what the person learned and how they earned it. Leave all three empty to have none.");
        }

        if (new[] { entry.Name, entry.Description, entry.Criteria }.Any(HasMarkup))
        {
            return L.Key("A translation is plain text: remove the markup (the parts between < and >).");
        }

        return entry.Name!.Length > TextLimits.Name || entry.Description!.Length > TextLimits.Paragraph
            || entry.Criteria!.Length > TextLimits.Paragraph
            ? L.Key("A translation is too long: the name takes at most 200 characters, the other fields 2,000.")
            : null;
    }

    /// <summary>Saves the entries (a complete one is added or replaced, an empty one removes that language); the caller checked them.</summary>
    public async Task SaveAsync(AchievementProgram program, IEnumerable<Entry> entries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(program);
        ArgumentNullException.ThrowIfNull(entries);
        var existing = await db.Set<ProgramTranslation>().Where(t => t.OrganizationId == program.OrganizationId && t.ProgramId == program.Id).ToListAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var entry in entries.Where(e => Languages.IsSupported(e.Language)))
        {
            var row = existing.FirstOrDefault(t => t.Language == entry.Language);
            if (entry.IsEmpty || entry.Language == program.Language)
            {
                if (row is not null)
                {
                    db.Remove(row);
                }

                continue;
            }

            if (row is null)
            {
                row = new ProgramTranslation { Id = Guid.NewGuid(), OrganizationId = program.OrganizationId, ProgramId = program.Id, Language = entry.Language };
                db.Add(row);
            }

            row.Name = entry.Name!.Trim();
            row.Description = entry.Description!.Trim();
            row.Criteria = entry.Criteria!.Trim();
            row.UpdatedAt = now;
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// Each program's text for a reader of <paramref name="language"/>: the translation when there is one, else the
    /// original with its language (pages mark it with <c>lang</c> and a small label).
    /// </summary>
    public async Task<Dictionary<Guid, ProgramText>> ForReaderAsync(IReadOnlyCollection<Guid> programIds, string language, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(programIds);
        if (programIds.Count == 0)
        {
            return [];
        }

        // One read: each program with its translation into the reader's language, if any.
        var ids = programIds as List<Guid> ?? [.. programIds];
        var rows = await ProgramsWithTranslation.For(db)(db, ids, language).ToListAsync(cancellationToken);
        return rows.ToDictionary(r => r.Program.Id, r => r.Translation is { } t && r.Program.Language != language
            ? new ProgramText(t.Name, t.Description, t.Criteria, language, true) { OriginalLanguage = r.Program.Language }
            : new ProgramText(r.Program.Name, r.Program.Description, r.Program.Criteria, r.Program.Language, false));
    }

    /// <summary>
    /// The program text of each credential for a reader of <paramref name="language"/>, keyed by credential id, when the
    /// caller already knows each credential's program (matched through its enrollment, as <see cref="ForCredentialsAsync"/> does).
    /// </summary>
    public async Task<Dictionary<Guid, ProgramText>> ForProgramsOfAsync(IReadOnlyCollection<(Guid Credential, Guid Program)> credentials, string language,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        var texts = await ForReaderAsync([.. credentials.Select(c => c.Program).Distinct()], language, cancellationToken);
        return credentials.Where(c => texts.ContainsKey(c.Program)).ToDictionary(c => c.Credential, c => texts[c.Program]);
    }

    private static readonly PerModel<Func<AppDbContext, List<Guid>, string, IAsyncEnumerable<ProgramRow>>> ProgramsWithTranslation = new(() => EF.CompileAsyncQuery(
        (AppDbContext context, List<Guid> ids, string language) => context.Programs.AsNoTracking().Where(p => ids.Contains(p.Id))
            .Select(p => new ProgramRow(p, context.Set<ProgramTranslation>().AsNoTracking().FirstOrDefault(t => t.ProgramId == p.Id && t.Language == language)))));

    private sealed record ProgramRow(AchievementProgram Program, ProgramTranslation? Translation);

    /// <summary>
    /// The program text of each issued credential for a reader of <paramref name="language"/>, keyed by credential id, matched
    /// as the wallet does: through the enrollment the credential was issued for (same organization). Credentials whose
    /// program is gone are left out (their signed text is shown alone).
    /// </summary>
    public async Task<Dictionary<Guid, ProgramText>> ForCredentialsAsync(IReadOnlyCollection<Guid> credentialIds, string language, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(credentialIds);
        if (credentialIds.Count == 0)
        {
            return [];
        }

        var links = await db.Credentials.AsNoTracking().Where(c => credentialIds.Contains(c.Id))
            .Join(db.Enrollments, c => new { Id = c.EnrollmentId, c.OrganizationId }, e => new { e.Id, e.OrganizationId }, (c, e) => new { c.Id, e.ProgramId })
            .ToListAsync(cancellationToken);
        var texts = await ForReaderAsync([.. links.Select(l => l.ProgramId).Distinct()], language, cancellationToken);
        return links.Where(l => texts.ContainsKey(l.ProgramId)).ToDictionary(l => l.Id, l => texts[l.ProgramId]);
    }

    private static bool HasMarkup(string? text)
    {
        var value = text ?? "";
        for (var i = 0; i + 1 < value.Length; i++)
        {
            if (value[i] == '<' && (char.IsLetter(value[i + 1]) || value[i + 1] is '/' or '!' or '?'))
            {
                return true;
            }
        }

        return false;
    }
}
