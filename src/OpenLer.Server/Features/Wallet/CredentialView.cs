using System.Globalization;
using System.Text.Json.Nodes;
using OpenLer.Credentials.Taxonomy;
using OpenLer.Credentials.Verification;

namespace OpenLer.Server.Features.Wallet;

/// <summary>A text to show, with its language when it differs from the page's (null: the page's language).</summary>
public sealed record DisplayText(string Text, string? Lang)
{
    public override string ToString() => Text;
}

/// <summary>What an Open Badges credential says, read from its JSON for display (every value is shown as text).</summary>
public sealed record CredentialView(
    string Name, string? Description, string? Criteria, string? IssuerName, string? IssuerId, DateTime? ValidFrom,
    DateTime? ValidUntil, IReadOnlyList<DisplayText> Skills, string? EnglishLevel, string? Evidence)
{
    public static CredentialView From(JsonObject credential)
    {
        ArgumentNullException.ThrowIfNull(credential);
        var subject = credential["credentialSubject"] as JsonObject ?? (credential["credentialSubject"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault();
        var achievement = subject?["achievement"] as JsonObject;
        var taxonomy = SkillTaxonomy.BuiltIn.Localize(CultureInfo.CurrentUICulture);
        var skills = (achievement?["alignment"] as JsonArray)?.OfType<JsonObject>()
            .Select(a => DisplayName(a, taxonomy)).OfType<DisplayText>().ToList() ?? [];
        var level = (subject?["result"] as JsonArray)?.OfType<JsonObject>().Select(r => CredentialFields.Text(r, "value")).OfType<string>().FirstOrDefault();
        var evidence = (credential["evidence"] as JsonArray)?.OfType<JsonObject>().Select(e => CredentialFields.Text(e, "narrative")).OfType<string>().FirstOrDefault();
        var issuerName = credential["issuer"] is JsonObject issuer ? CredentialFields.Text(issuer, "name") : null;
        return new CredentialView(
            (achievement is null ? null : CredentialFields.Text(achievement, "name")) ?? CredentialFields.Text(credential, "name") ?? "?",
            achievement is null ? null : CredentialFields.Text(achievement, "description"),
            (achievement?["criteria"] as JsonObject) is { } criteria ? CredentialFields.Text(criteria, "narrative") : null,
            issuerName,
            CredentialFields.IssuerId(credential),
            Date(CredentialFields.Text(credential, "validFrom") ?? CredentialFields.Text(credential, "issuanceDate")),
            Date(CredentialFields.Text(credential, "validUntil") ?? CredentialFields.Text(credential, "expirationDate")),
            skills, level, evidence);
    }

    /// <summary>An alignment's name; O*NET skills and occupations are shown in the reader's language when translated.</summary>
    private static DisplayText? DisplayName(JsonObject alignment, LocalizedTaxonomy taxonomy)
    {
        var name = CredentialFields.Text(alignment, "targetName");
        var code = CredentialFields.Text(alignment, "targetCode");
        if (code is null || CredentialFields.Text(alignment, "targetFramework") != OpenBadgesAlignment.Framework
            || (taxonomy.FindSkill(code)?.Name ?? taxonomy.FindOccupation(code)?.Title) is not { } localized)
        {
            return name is null ? null : new DisplayText(name, null);
        }

        // Text that fell back to English is marked so screen readers pronounce it as English.
        return new DisplayText(localized, taxonomy.IsTranslated(code) ? null : "en");
    }

    private static DateTime? Date(string? text) =>
        DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var d) ? d : null;
}
