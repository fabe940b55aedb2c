using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using OpenLer.Server.Data;
using OpenLer.Server.Features.Account;
using OpenLer.Server.Features.Issuance;
using OpenLer.Server.Features.Programs;
using OpenLer.Server.Features.Sharing;
using OpenLer.Server.Features.Wallet;
using OpenLer.Server.Infrastructure;
using OpenLer.Server.Infrastructure.Localization;

namespace OpenLer.Server.Features.Certificates;

/// <summary>
/// Gathers what a holder's certificate prints. Only the holder's own live credential (not revoked, not a copy made for
/// another wallet) has one; anything else reads as null (the page answers 404 without telling which). The QR code holds a
/// share link of this one credential, made by <see cref="ShareService"/> (so it is audited, listed on the person's Sharing
/// page and can be stopped there) for <see cref="ShareService.MaxDays"/> days; a later download reuses a live certificate
/// link of the same credential that still has <see cref="MinRemainingDays"/> days left rather than making another.
/// </summary>
public sealed class Certificates(AppDbContext db, CaseRecords records, People people, ProgramTexts texts, ShareService shares, TextCatalog catalog, TimeProvider time)
{
    /// <summary>A certificate link with fewer days left than this is not reused: a new one is made.</summary>
    public const int MinRemainingDays = 180;

    /// <summary>The most skills a certificate lists (it stays one page); the credential itself lists them all.</summary>
    public const int MaxSkills = 10;

    public async Task<CertificateFacts?> PrepareAsync(Guid jobseekerId, Guid credentialId, string language, CancellationToken cancellationToken = default)
    {
        var credential = await db.Credentials.AsNoTracking().Include(c => c.Organization)
            .FirstOrDefaultAsync(c => c.JobseekerId == jobseekerId && c.Id == credentialId && c.SourceCredentialId == null && c.RevokedAt == null, cancellationToken);
        if (credential is null)
        {
            return null;
        }

        var jobseeker = await db.Jobseekers.AsNoTracking().FirstAsync(j => j.Id == jobseekerId, cancellationToken);
        var holderLanguage = Languages.Find(language);
        var link = await LinkAsync(jobseekerId, credential.Id, Text(holderLanguage.Code, L.Key("Certificate")), cancellationToken);
        if (link is null)
        {
            return null;
        }

        var document = JsonNode.Parse(records.CredentialJson(credential))!.AsObject();
        var programText = (await texts.ForCredentialsAsync([credential.Id], holderLanguage.Code, cancellationToken)).GetValueOrDefault(credential.Id);
        var sections = new List<CertificateSection>();
        foreach (var code in holderLanguage.Code == "en" ? ["en"] : new[] { holderLanguage.Code, "en" })
        {
            var lang = Languages.Find(code);
            var culture = Languages.Culture(code);
            var view = CredentialView.InLanguageOf(document, culture);
            var text = code == holderLanguage.Code ? programText
                : (await texts.ForCredentialsAsync([credential.Id], code, cancellationToken)).GetValueOrDefault(credential.Id);
            var written = text?.OriginalLanguage ?? view.Language;
            var translated = text is { Translated: true };
            sections.Add(new CertificateSection(
                lang,
                translated ? text!.Name : view.Name,
                translated || written == code ? null : written,
                translated ? view.Name : null,
                translated ? written : null,
                [.. view.Skills.Take(MaxSkills).Select(s => new DisplayText(s.Name, s.Lang))],
                Languages.FormatDate(view.ValidFrom ?? credential.IssuedAt, lang, culture),
                Languages.FormatDate(link.Value.ExpiresAt, lang, culture)));
        }

        return new CertificateFacts(credential.Id, people.Name(jobseeker), credential.Organization!.Name, link.Value.Link, sections);
    }

    /// <summary>A live certificate link of this credential with enough days left, else a new one; null if the credential cannot be shared.</summary>
    private async Task<(string Link, DateTime ExpiresAt)?> LinkAsync(Guid jobseekerId, Guid credentialId, string label, CancellationToken cancellationToken)
    {
        var until = time.GetUtcNow().UtcDateTime.AddDays(MinRemainingDays);
        var candidates = await db.Shares.AsNoTracking().Include(s => s.Items)
            .Where(s => s.JobseekerId == jobseekerId && s.RevokedAt == null && s.ExpiresAt > until && s.TokenCipher != null
                && s.Items.Count == 1 && s.Items.Any(i => i.Kind == ShareItemKinds.Credential && i.CredentialId == credentialId))
            .OrderByDescending(s => s.ExpiresAt).ToListAsync(cancellationToken);
        foreach (var share in candidates)
        {
            if (shares.Label(share) == label && shares.Link(share) is { } existing)
            {
                return (existing, share.ExpiresAt);
            }
        }

        var created = await shares.CreateAsync(jobseekerId, new ShareChoice([credentialId], null, [], [], ShareService.MaxDays, label), cancellationToken);
        return created.IsSuccess && shares.Link(created.Value.Share) is { } link ? (link, created.Value.Share.ExpiresAt) : null;
    }

    private string Text(string language, string key) => catalog.Find(language, key) ?? catalog.Find("en", key) ?? key;
}
