using System.Globalization;
using System.Text.Json.Nodes;
using OpenLer.Credentials.Verification;

namespace OpenLer.Server.Features.Wallet;

/// <summary>What an Open Badges credential says, read from its JSON for display (every value is shown as text).</summary>
public sealed record CredentialView(
    string Name, string? Description, string? Criteria, string? IssuerName, string? IssuerId, DateTime? ValidFrom,
    DateTime? ValidUntil, IReadOnlyList<string> Skills, string? EnglishLevel, string? Evidence)
{
    public static CredentialView From(JsonObject credential)
    {
        ArgumentNullException.ThrowIfNull(credential);
        var subject = credential["credentialSubject"] as JsonObject ?? (credential["credentialSubject"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault();
        var achievement = subject?["achievement"] as JsonObject;
        var skills = (achievement?["alignment"] as JsonArray)?.OfType<JsonObject>()
            .Select(a => CredentialFields.Text(a, "targetName")).OfType<string>().ToList() ?? [];
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

    private static DateTime? Date(string? text) =>
        DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var d) ? d : null;
}
