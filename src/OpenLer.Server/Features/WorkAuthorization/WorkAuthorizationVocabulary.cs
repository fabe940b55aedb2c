using OpenLer.Server.Infrastructure.Localization;

namespace OpenLer.Server.Features.WorkAuthorization;

/// <summary>
/// The codes a record uses and the credential carries (stable, in the clear inside the encrypted record), with their
/// English labels (localization keys) and, for people, what each fact means in plain words.
/// </summary>
public static class WorkAuthorizationVocabulary
{
    /// <summary>Immigration status categories (the credential's <c>status_category</c>).</summary>
    public static IReadOnlyList<(string Code, string Label)> StatusCategories { get; } =
    [
        ("refugee", L.Key("Refugee")),
        ("asylee", L.Key("Asylee")),
        ("parolee", L.Key("Parolee")),
        ("tps", L.Key("Temporary Protected Status (TPS)")),
        ("siv", L.Key("Special Immigrant Visa (SIV)")),
        ("lpr", L.Key("Lawful permanent resident")),
        ("citizen", L.Key("U.S. citizen")),
        ("other", L.Key("Other status")),
    ];

    /// <summary>Documents seen (the credential's <c>document_type</c>: the USCIS form number, or "other").</summary>
    public static IReadOnlyList<(string Code, string Label)> DocumentTypes { get; } =
    [
        ("I-94", L.Key("Arrival/Departure Record (Form I-94)")),
        ("I-766", L.Key("Employment Authorization Document, EAD (Form I-766)")),
        ("I-551", L.Key("Permanent Resident Card (Form I-551)")),
        ("other", L.Key("Other document")),
    ];

    /// <summary>The document type that carries an EAD category code.</summary>
    public const string Ead = "I-766";

    /// <summary>Why staff may show the protected fields (the audit record keeps the code).</summary>
    public static IReadOnlyList<(string Code, string Label)> RevealReasons { get; } =
    [
        ("check-with-person", L.Key("Check the record with the person")),
        ("employment-form", L.Key("Help the person with an employment form (such as Form I-9)")),
        ("correct-mistake", L.Key("Correct a mistake in the record")),
        ("person-asked", L.Key("The person asked to see it")),
    ];

    /// <summary>The facts of the credential, in the order people see them: claim name, label, and what it means.</summary>
    public static IReadOnlyList<(string Claim, string Label, string Meaning)> Facts { get; } =
    [
        ("authorized_to_work", L.Key("Authorized to work"), L.Key("The organization saw a document that shows you may work in the U.S.")),
        ("valid_until", L.Key("Valid until"), L.Key("The last day your document shows. After it, the credential stops working.")),
        ("document_seen_at", L.Key("Document seen by the organization on"), L.Key("The day staff of the organization looked at your document.")),
        ("status_category", L.Key("Status category"), L.Key("Your immigration status as the document shows it. Share it only if you want to.")),
        ("document_type", L.Key("Document type"), L.Key("Which document the organization saw.")),
        ("category", L.Key("Category"), L.Key("The code printed on your work permit card, such as A03 or C08. It can show your status.")),
        ("a_number", L.Key("A-number"), L.Key("Your USCIS number. Employers rarely need it; share it only if they ask for it.")),
        ("document_number", L.Key("Document number"), L.Key("The number of the document the organization saw.")),
    ];

    /// <summary>Facts hidden on the person's own pages until they choose to show them.</summary>
    public static IReadOnlySet<string> Sensitive { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "status_category", "document_type", "category", "a_number", "document_number",
    };

    public static string? StatusLabel(string? code) => StatusCategories.FirstOrDefault(s => s.Code == code).Label;

    public static string? DocumentLabel(string? code) => DocumentTypes.FirstOrDefault(s => s.Code == code).Label;
}
