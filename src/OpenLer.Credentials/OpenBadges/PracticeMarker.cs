using System.Text.Json.Nodes;
using OpenLer.Credentials.Common;

namespace OpenLer.Credentials.OpenBadges;

/// <summary>
/// The machine-readable mark of a practice (training) credential: the value <see cref="Tag"/> in
/// <c>credentialSubject.achievement.tag</c>. OB 3.0 §B.1.1 (Achievement) defines <c>tag</c> as an array of strings
/// ("one or more short, human-friendly, searchable, keywords"), so the mark needs no new context term and the credential
/// stays a valid, verifiable OB 3.0 credential; it is covered by the proof, so it cannot be removed without breaking the
/// signature. A verifier reports it as the <see cref="CheckNames.Practice"/> check, which never passes: a practice
/// credential is never verified as a real one (docs/adr/pilot-reporting.md, practice space).
/// </summary>
public static class PracticeMarker
{
    /// <summary>The tag a practice credential's achievement carries.</summary>
    public const string Tag = "practice";

    /// <summary>Whether any subject's achievement of <paramref name="credential"/> carries the practice tag.</summary>
    public static bool IsPractice(JsonObject credential)
    {
        ArgumentNullException.ThrowIfNull(credential);
        return Subjects(credential["credentialSubject"]).Any(HasTag);
    }

    /// <summary>The failed <see cref="CheckNames.Practice"/> check for a practice credential, or null for any other.</summary>
    public static CheckResult? Check(JsonObject credential) =>
        IsPractice(credential)
            ? CheckResult.Fail(CheckNames.Practice, ErrorCodes.PracticeCredential,
                "A practice credential, made for staff training: not a real credential.")
            : null;

    private static IEnumerable<JsonObject> Subjects(JsonNode? node) => node switch
    {
        JsonObject subject => [subject],
        JsonArray subjects => subjects.OfType<JsonObject>(),
        _ => [],
    };

    private static bool HasTag(JsonObject subject) =>
        subject["achievement"] is JsonObject achievement && achievement["tag"] switch
        {
            JsonArray tags => tags.Any(IsPracticeTag),
            JsonValue single => IsPracticeTag(single),
            _ => false,
        };

    private static bool IsPracticeTag(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) && string.Equals(text.Trim(), Tag, StringComparison.OrdinalIgnoreCase);
}
