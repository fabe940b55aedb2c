using System.Globalization;
using System.Text.Json.Nodes;
using OpenLer.Credentials.Common;
using OpenLer.Credentials.OpenBadges;
using OpenLer.Credentials.Taxonomy;

namespace OpenLer.Server.Features.Wallet;

/// <summary>A text to show, with its language when it differs from the page's (null: the page's language).</summary>
public sealed record DisplayText(string Text, string? Lang)
{
    public override string ToString() => Text;
}

/// <summary>
/// One claim of an SD-JWT VC as the verifier received it: <paramref name="Label"/> is a localization key (a known claim's
/// English label, else the claim name); <paramref name="Value"/> is text, <paramref name="Date"/> a date to format in
/// the reader's language, <paramref name="Flag"/> a yes/no.
/// </summary>
public sealed record ClaimLine(string Label, string? Value, DateTime? Date = null, bool? Flag = null)
{
    /// <summary>Whether <see cref="Value"/> is a localization key (a known code's label) rather than the credential's text.</summary>
    public bool Translate { get; init; }
}

/// <summary>What an Open Badges credential says, read from its JSON for display (every value is shown as text).</summary>
public sealed record CredentialView(
    string Name, string? Description, string? Criteria, string? IssuerName, string? IssuerId, DateTime? ValidFrom,
    DateTime? ValidUntil, IReadOnlyList<DisplayText> Skills, string? EnglishLevel, string? Evidence)
{
    /// <summary>The claims of an SD-JWT VC (only what the holder disclosed); empty for other credentials.</summary>
    public IReadOnlyList<ClaimLine> Claims { get; init; } = [];

    /// <summary>
    /// The name an issuer the deployment does not recognize gives itself, shortened: shown only as an unchecked claim beside
    /// the issuer's identifier, never as "issued by" (verifier-plus #182; SECURITY.md CP-18, CP-19). Null for a recognized issuer.
    /// </summary>
    public string? ClaimedIssuerName { get; init; }

    /// <summary>Longest issuer name or identifier shown; longer text is cut with an ellipsis.</summary>
    public const int MaxShownLength = 120;

    /// <summary>For an issuer that is not on the deployment's trust list: its identifier is shown, its own name only as a claim.</summary>
    public CredentialView ForUnrecognizedIssuer() =>
        this with { ClaimedIssuerName = Shorten(IssuerName), IssuerName = null };

    /// <summary>Text cut to <see cref="MaxShownLength"/> characters (never inside a surrogate pair), with an ellipsis.</summary>
    public static string? Shorten(string? text)
    {
        if (text is null || text.Length <= MaxShownLength)
        {
            return text;
        }

        var cut = char.IsHighSurrogate(text[MaxShownLength - 1]) ? MaxShownLength - 1 : MaxShownLength;
        return text[..cut] + "…";
    }

    /// <summary>Labels of the work-authorization profile's claims (keys of the shared resource).</summary>
    private static readonly Dictionary<string, string> ClaimLabels = new(StringComparer.Ordinal)
    {
        ["authorized_to_work"] = "Authorized to work",
        ["valid_until"] = "Valid until",
        ["no_expiry"] = "No end date",
        ["status_category"] = "Status category",
        ["document_seen_at"] = "Document seen by the organization on",
        ["document_type"] = "Document type",
        ["category"] = "Category",
        ["a_number"] = "A-number",
        ["document_number"] = "Document number",
        ["document_expiry"] = "Document expiry",
        ["evidence"] = "Evidence",
    };

    private static readonly string[] ClaimOrder =
    [
        "authorized_to_work", "valid_until", "no_expiry", "document_seen_at", "status_category", "document_type", "category", "a_number",
        "document_number", "document_expiry", "evidence",
    ];

    /// <summary>Claims of an SD-JWT VC that are about the token, not the holder: never listed.</summary>
    private static readonly HashSet<string> TokenClaims = new(StringComparer.Ordinal)
    {
        "iss", "iat", "nbf", "exp", "cnf", "vct", "vct#integrity", "status", "_sd", "_sd_alg", "sub", "jti",
    };

    /// <summary>What an SD-JWT VC says: the processed claims (disclosed ones only), each shown as text.</summary>
    public static CredentialView FromSdJwtVc(JsonObject claims)
    {
        ArgumentNullException.ThrowIfNull(claims);
        var lines = new List<ClaimLine>();
        foreach (var (name, value) in claims)
        {
            if (TokenClaims.Contains(name) || value is null)
            {
                continue;
            }

            var label = ClaimLabels.GetValueOrDefault(name, name);
            lines.Add(value switch
            {
                JsonValue v when v.TryGetValue<bool>(out var flag) => new ClaimLine(label, null, Flag: flag),
                JsonValue v when v.TryGetValue<string>(out var text) && text.Length >= 10 && text[4] == '-' && Date(text) is { } date =>
                    new ClaimLine(label, null, Date: date),
                JsonValue v when v.TryGetValue<string>(out var text) && CodeLabel(name, text) is { } known => new ClaimLine(label, known) { Translate = true },
                JsonValue v when v.TryGetValue<string>(out var text) => new ClaimLine(label, text),
                JsonObject o when CredentialFields.Text(o, "statement") is { } statement => new ClaimLine(label, statement),
                _ => new ClaimLine(label, value.ToJsonString()),
            });
        }

        // Known claims in the order people read them (whether they may work first); others after, as the credential has them.
        lines = [.. lines.OrderBy(l => Array.IndexOf(ClaimOrder, ClaimLabels.FirstOrDefault(p => p.Value == l.Label).Key) is var i and >= 0 ? i : ClaimOrder.Length)];

        // The token's exp is not listed as "Valid until": the claims say how long they hold, and the dates check covers exp.
        return new CredentialView(CredentialFields.Text(claims, "vct") ?? "?", null, null, null, CredentialFields.Text(claims, "iss"),
            Seconds(claims["iat"]) ?? Seconds(claims["nbf"]), null, [], null, null) { Claims = lines };
    }

    /// <summary>The label of a known code of the work-authorization profile (status category, document type), or null.</summary>
    private static string? CodeLabel(string claim, string value) => claim switch
    {
        "status_category" => WorkAuthorization.WorkAuthorizationVocabulary.StatusLabel(value),
        "document_type" => WorkAuthorization.WorkAuthorizationVocabulary.DocumentLabel(value),
        _ => null,
    };

    private static DateTime? Seconds(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<long>(out var s) && s is > 0 and < 253402300800 ? DateTimeOffset.FromUnixTimeSeconds(s).UtcDateTime : null;

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
