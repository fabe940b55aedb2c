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
/// A skill or occupation a credential is aligned to: its name and plain description (the taxonomy's, in the reader's language
/// when translated, else the credential's own), <paramref name="Lang"/> set when the text is not in the page's language.
/// </summary>
public sealed record AlignmentLine(string Name, string? Description, string? Lang);

/// <summary>One result the credential records (OB 3.0 §B.1.21 Result): what was measured (the result description's name) and the value reached.</summary>
public sealed record ResultLine(string? Label, string Value);

/// <summary>One evidence entry (OB 3.0 §B.1.13 Evidence): every text it has, shown as the credential's text.</summary>
public sealed record EvidenceLine(string? Name, string? Narrative, string? Description, string? Url);

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
    DateTime? ValidUntil, IReadOnlyList<AlignmentLine> Skills, IReadOnlyList<ResultLine> Results, IReadOnlyList<EvidenceLine> Evidence)
{
    /// <summary>Occupations the credential is aligned to ("Jobs this prepares for"), apart from its skills.</summary>
    public IReadOnlyList<AlignmentLine> Occupations { get; init; } = [];

    /// <summary>The holder's name when the credential states one (credentialSubject.name, or a plain-text name identifier); else null.</summary>
    public string? HolderName { get; init; }

    /// <summary>The achievement's id (OB 3.0 §B.1.1 Achievement.id); this deployment mints <c>{base}/orgs/{slug}/programs/{id}</c>.</summary>
    public string? AchievementId { get; init; }

    /// <summary>The language the achievement says its text is in (OB 3.0 §B.1.1 Achievement.inLanguage), when it says.</summary>
    public string? Language { get; init; }

    /// <summary>Whether the credential carries the practice mark (OpenBadges/PracticeMarker): made for staff training, not real.</summary>
    public bool Practice { get; init; }

    /// <summary>
    /// The achievement's image address (OB 3.0 §B.1.1 Achievement.image: an Image's id, or a plain URI), as the credential
    /// states it; pages show only this server's own badge addresses (Organizations/BadgeAddress.LocalPath).
    /// </summary>
    public string? ImageUrl { get; init; }

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
            Seconds(claims["iat"]) ?? Seconds(claims["nbf"]), null, [], [], []) { Claims = lines };
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

    /// <summary>
    /// What an Open Badges / VC credential says. Every subject's every result and every evidence entry is kept: a signed RDF
    /// credential does not fix the order of an array (VC Data Integrity canonicalization), so no single entry may stand for all.
    /// </summary>
    public static CredentialView From(JsonObject credential) => InLanguageOf(credential, CultureInfo.CurrentUICulture);

    /// <summary>What an Open Badges / VC credential says, with skills and occupations named in <paramref name="culture"/>'s language when translated.</summary>
    public static CredentialView InLanguageOf(JsonObject credential, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(credential);
        ArgumentNullException.ThrowIfNull(culture);
        var subjects = Objects(credential["credentialSubject"]);
        var subject = subjects.FirstOrDefault();
        var achievement = subjects.Select(s => s["achievement"] as JsonObject).FirstOrDefault(a => a is not null);
        var taxonomy = SkillTaxonomy.BuiltIn.Localize(culture);
        var skills = new List<AlignmentLine>();
        var occupations = new List<AlignmentLine>();
        foreach (var alignment in Objects(achievement?["alignment"]))
        {
            if (Alignment(alignment, taxonomy) is { } line)
            {
                (line.Occupation ? occupations : skills).Add(line.Line);
            }
        }

        var descriptions = Objects(achievement?["resultDescription"]).ToList();
        var results = subjects.SelectMany(s => Objects(s["result"])).Select(r => Result(r, descriptions)).OfType<ResultLine>().ToList();
        var evidence = Objects(credential["evidence"]).Select(e => new EvidenceLine(
            CredentialFields.Text(e, "name"), CredentialFields.Text(e, "narrative"), CredentialFields.Text(e, "description"),
            Url(CredentialFields.Text(e, "id")))).Where(e => e.Name is not null || e.Narrative is not null || e.Description is not null || e.Url is not null).ToList();
        var issuerName = credential["issuer"] is JsonObject issuer ? CredentialFields.Text(issuer, "name") : null;
        return new CredentialView(
            (achievement is null ? null : CredentialFields.Text(achievement, "name")) ?? CredentialFields.Text(credential, "name") ?? "?",
            achievement is null ? null : CredentialFields.Text(achievement, "description"),
            (achievement?["criteria"] as JsonObject) is { } criteria ? CredentialFields.Text(criteria, "narrative") : null,
            issuerName,
            CredentialFields.IssuerId(credential),
            Date(CredentialFields.Text(credential, "validFrom") ?? CredentialFields.Text(credential, "issuanceDate")),
            Date(CredentialFields.Text(credential, "validUntil") ?? CredentialFields.Text(credential, "expirationDate")),
            skills, results, evidence)
        {
            Occupations = occupations,
            HolderName = subject is null ? null : Shorten(HolderOf(subject)),
            Practice = PracticeMarker.IsPractice(credential),
            ImageUrl = achievement?["image"] switch
            {
                JsonObject image => CredentialFields.Text(image, "id"),
                JsonValue value when value.TryGetValue<string>(out var url) => url,
                _ => null,
            },
            AchievementId = achievement is null ? null : CredentialFields.Text(achievement, "id"),
            Language = LanguageTag((achievement is null ? null : CredentialFields.Text(achievement, "inLanguage")) ?? CredentialFields.Text(credential, "inLanguage")),
        };
    }

    /// <summary>The objects of a value that may be one object or an array of them (JSON-LD lets either stand).</summary>
    private static List<JsonObject> Objects(JsonNode? node) => node switch
    {
        JsonObject o => [o],
        JsonArray a => [.. a.OfType<JsonObject>()],
        _ => [],
    };

    /// <summary>The subject's stated name: <c>name</c>, else an unhashed IdentityObject of type "name" (OB 3.0 §B.1.14).</summary>
    private static string? HolderOf(JsonObject subject) =>
        CredentialFields.Text(subject, "name") ?? Objects(subject["identifier"])
            .Where(i => CredentialFields.Text(i, "identityType") == "name" && i["hashed"] is JsonValue h && h.TryGetValue<bool>(out var hashed) && !hashed)
            .Select(i => CredentialFields.Text(i, "identityHash")).FirstOrDefault(n => n is not null);

    /// <summary>A result's value: the achieved level's name when the description lists it, else its value; labelled by its description's name.</summary>
    private static ResultLine? Result(JsonObject result, List<JsonObject> descriptions)
    {
        var description = descriptions.FirstOrDefault(d => CredentialFields.Text(d, "id") is { } id && id == CredentialFields.Text(result, "resultDescription"));
        var level = CredentialFields.Text(result, "achievedLevel") is { } levelId && description is not null
            ? Objects(description["rubricCriterionLevel"]).FirstOrDefault(l => CredentialFields.Text(l, "id") == levelId)
            : null;
        var value = CredentialFields.Text(result, "value");
        var levelName = level is null ? null : CredentialFields.Text(level, "name");
        var shown = value is null || levelName is null || levelName.StartsWith(value, StringComparison.Ordinal) ? levelName ?? value
            : value.StartsWith(levelName, StringComparison.Ordinal) ? value : $"{value} ({levelName})";
        return shown is null ? null : new ResultLine(description is null ? null : CredentialFields.Text(description, "name"), shown);
    }

    /// <summary>An evidence URL shown as text only when it is http(s) (never a link: the verifier fetches nothing).</summary>
    private static string? Url(string? id) =>
        Uri.TryCreate(id, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) ? Shorten(id) : null;

    /// <summary>
    /// An alignment's name and plain description; O*NET skills and occupations come from the taxonomy in the reader's
    /// language when translated (text that fell back to English is marked "en"). Occupations (O*NET-SOC codes, or a target
    /// type naming an occupation) are told apart from skills.
    /// </summary>
    private static (AlignmentLine Line, bool Occupation)? Alignment(JsonObject alignment, LocalizedTaxonomy taxonomy)
    {
        var name = CredentialFields.Text(alignment, "targetName");
        var description = CredentialFields.Text(alignment, "targetDescription");
        var code = CredentialFields.Text(alignment, "targetCode");
        var occupationType = CredentialFields.Text(alignment, "targetType")?.Contains("Occupation", StringComparison.OrdinalIgnoreCase) == true;
        if (code is not null && CredentialFields.Text(alignment, "targetFramework") == OpenBadgesAlignment.Framework)
        {
            var lang = taxonomy.IsTranslated(code) ? null : "en";
            if (taxonomy.FindSkill(code) is { } skill)
            {
                return (new AlignmentLine(skill.Name, skill.Description, lang), false);
            }

            if (taxonomy.FindOccupation(code) is { } occupation)
            {
                return (new AlignmentLine(occupation.Title, occupation.Description, lang), true);
            }
        }

        return name is null ? null : (new AlignmentLine(name, description, null), occupationType);
    }

    /// <summary>A well-formed BCP 47 language tag (RFC 5646 §2.1: a 2-8 letter language, then 1-8 character subtags), else null.</summary>
    private static string? LanguageTag(string? text)
    {
        if (text is null || text.Length > 35)
        {
            return null;
        }

        var parts = text.Split('-');
        return parts[0].Length is >= 2 and <= 8 && parts[0].All(char.IsAsciiLetter)
            && parts.Skip(1).All(p => p.Length is >= 1 and <= 8 && p.All(char.IsAsciiLetterOrDigit)) ? text : null;
    }

    private static DateTime? Date(string? text) =>
        DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var d) ? d : null;
}
