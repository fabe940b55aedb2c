using System.Text.Json.Nodes;
using OpenLer.Credentials.Common;

namespace OpenLer.Credentials.OpenBadges;

/// <summary>
/// The Open Badges 3.0 and CLR 2.0 data-model rules a verifier applies beyond VC (the 1EdTech validator's probes):
/// the credential and subject types, "either <c>id</c> or at least one <c>identifier</c>" for the subject
/// (OB 3.0 AchievementSubject, CLR 2.0 ClrSubject), an issuance date (<c>validFrom</c>, or VC 1.1 <c>issuanceDate</c>),
/// and the <c>type</c> of every typed object the specifications define (IdentityObject, Result, Evidence, Alignment,
/// IdentifierEntry, Profile, ...). Reported as the <see cref="CheckNames.OpenBadges"/> check.
/// </summary>
public static class OpenBadgesModel
{
    /// <summary>The credential types this check applies to.</summary>
    public static readonly IReadOnlyList<string> CredentialTypes = ["OpenBadgeCredential", "AchievementCredential", "EndorsementCredential", "ClrCredential"];

    private const int MaxReported = 5;

    /// <summary>True when the credential is an Open Badges 3.0 or CLR 2.0 credential.</summary>
    public static bool Applies(JsonObject credential) =>
        CredentialFields.Types(credential).Any(t => CredentialTypes.Contains(t));

    public static bool IsClr(JsonObject credential) => CredentialFields.Types(credential).Contains("ClrCredential");

    public static CheckResult Check(JsonObject credential)
    {
        ArgumentNullException.ThrowIfNull(credential);
        var types = CredentialFields.Types(credential);
        if (!types.Any(t => CredentialTypes.Contains(t)))
        {
            return CheckResult.Skipped(CheckNames.OpenBadges, "Not an Open Badges 3.0 or CLR 2.0 credential.");
        }

        var issues = new List<(string Code, string Message)>();
        var isClr = types.Contains("ClrCredential");
        var isEndorsement = types.Contains("EndorsementCredential");
        var kind = isClr ? "CLR 2.0 ClrCredential" : isEndorsement ? "OB 3.0 EndorsementCredential" : "OB 3.0 AchievementCredential";

        if (credential["validFrom"] is null && credential["issuanceDate"] is null)
        {
            issues.Add((ErrorCodes.MalformedValue, $"A {kind} must have validFrom (or VC 1.1 issuanceDate)."));
        }

        CheckIssuer(credential["issuer"], issues);
        CheckEndorsements(credential, "", issues);
        foreach (var (evidence, i) in Items(credential["evidence"]))
        {
            RequireType(evidence, $"evidence[{i}]", "Evidence", issues);
        }

        // OB 3.0 defines one subject; an array of subjects (several achievements for one learner, as some issuers write
        // it) is accepted when every subject meets the rules.
        var subjects = credential["credentialSubject"] switch
        {
            JsonObject o => [o],
            JsonArray { Count: > 0 } a when a.All(x => x is JsonObject) => a.Cast<JsonObject>().ToArray(),
            _ => null,
        };
        if (subjects is null)
        {
            issues.Add((ErrorCodes.MalformedValue, $"A {kind} must have a credentialSubject object."));
            return Result(issues, kind);
        }

        foreach (var subject in subjects)
        {
            CheckSubject(subject, isClr, isEndorsement, issues);
        }

        return Result(issues, kind);
    }

    private static void CheckSubject(JsonObject subject, bool isClr, bool isEndorsement, List<(string, string)> issues)
    {
        var subjectType = isClr ? "ClrSubject" : isEndorsement ? "EndorsementSubject" : "AchievementSubject";
        RequireType(subject, "credentialSubject", subjectType, issues);
        var hasIdentifier = Items(subject["identifier"]).Any();
        if (CredentialFields.Text(subject, "id") is null && (isEndorsement || !hasIdentifier))
        {
            issues.Add((ErrorCodes.MissingSubjectIdentifier, isEndorsement
                ? "The EndorsementSubject has no id (the endorsed entity)."
                : $"The {subjectType} has neither id nor identifier: it is not bound to any recipient (either id or at least one identifier MUST be supplied)."));
        }

        // OB 3.0 AchievementSubject.source: the Profile of the organization that assessed the achievement.
        if (subject["source"] is JsonObject source)
        {
            CheckProfile(source, "credentialSubject.source", issues);
        }
        else if (subject["source"] is not null)
        {
            issues.Add((ErrorCodes.MalformedValue, "credentialSubject.source must be a Profile object."));
        }

        foreach (var (identifier, i) in Items(subject["identifier"]))
        {
            RequireType(identifier, $"credentialSubject.identifier[{i}]", "IdentityObject", issues);
        }

        foreach (var (result, i) in Items(subject["result"]))
        {
            RequireType(result, $"credentialSubject.result[{i}]", "Result", issues);
        }

        if (isClr)
        {
            if (!Items(subject["verifiableCredential"]).Any())
            {
                issues.Add((ErrorCodes.MalformedValue, "A ClrSubject must contain at least one verifiableCredential."));
            }

            foreach (var (achievement, i) in Items(subject["achievement"]))
            {
                CheckAchievement(achievement, $"credentialSubject.achievement[{i}]", issues);
            }

            foreach (var (association, i) in Items(subject["association"]))
            {
                RequireType(association, $"credentialSubject.association[{i}]", "Association", issues);
            }
        }
        else if (!isEndorsement)
        {
            if (subject["achievement"] is not JsonObject achievement)
            {
                issues.Add((ErrorCodes.MalformedValue, "The AchievementSubject has no achievement object."));
            }
            else
            {
                CheckAchievement(achievement, "credentialSubject.achievement", issues);
            }
        }
    }

    private static void CheckIssuer(JsonNode? issuer, List<(string, string)> issues)
    {
        if (issuer is not JsonObject profile)
        {
            return; // a bare issuer URI is allowed; its absence is a format error reported earlier
        }

        CheckProfile(profile, "issuer", issues);
    }

    /// <summary>OB 3.0 endorsement / endorsementJwt: embedded endorsements are EndorsementCredentials (their proofs are checked apart).</summary>
    private static void CheckEndorsements(JsonObject holder, string path, List<(string, string)> issues)
    {
        var prefix = path.Length == 0 ? string.Empty : path + ".";
        foreach (var (endorsement, i) in Items(holder["endorsement"]))
        {
            if (endorsement is JsonObject e)
            {
                if (!CredentialFields.Types(e).Contains("EndorsementCredential"))
                {
                    issues.Add((ErrorCodes.InvalidType, $"{prefix}endorsement[{i}].type must include EndorsementCredential."));
                }
            }
            else
            {
                issues.Add((ErrorCodes.MalformedValue, $"{prefix}endorsement[{i}] must be an EndorsementCredential object (compact JWTs go in endorsementJwt)."));
            }
        }

        foreach (var (jwt, i) in Items(holder["endorsementJwt"]))
        {
            if (jwt is not JsonValue v || !v.TryGetValue<string>(out _))
            {
                issues.Add((ErrorCodes.MalformedValue, $"{prefix}endorsementJwt[{i}] must be a compact JWS string."));
            }
        }
    }

    private static void CheckProfile(JsonObject profile, string path, List<(string, string)> issues)
    {
        RequireType(profile, path, "Profile", issues);
        CheckEndorsements(profile, path, issues);
        foreach (var (entry, i) in Items(profile["otherIdentifier"]))
        {
            RequireType(entry, $"{path}.otherIdentifier[{i}]", "IdentifierEntry", issues);
        }

        if (profile["parentOrg"] is JsonObject parent)
        {
            RequireType(parent, $"{path}.parentOrg", "Profile", issues);
        }

        if (profile["address"] is JsonObject address)
        {
            RequireType(address, $"{path}.address", "Address", issues);
        }
    }

    private static void CheckAchievement(JsonNode? node, string path, List<(string, string)> issues)
    {
        RequireType(node, path, "Achievement", issues);
        if (node is not JsonObject achievement)
        {
            return;
        }

        if (achievement["creator"] is JsonObject creator)
        {
            CheckProfile(creator, path + ".creator", issues);
        }

        CheckEndorsements(achievement, path, issues);

        foreach (var (alignment, i) in Items(achievement["alignment"]))
        {
            RequireType(alignment, $"{path}.alignment[{i}]", "Alignment", issues);
        }

        foreach (var (description, i) in Items(achievement["resultDescription"]))
        {
            RequireType(description, $"{path}.resultDescription[{i}]", "ResultDescription", issues);
            if (description is JsonObject d)
            {
                foreach (var (level, j) in Items(d["rubricCriterionLevel"]))
                {
                    RequireType(level, $"{path}.resultDescription[{i}].rubricCriterionLevel[{j}]", "RubricCriterionLevel", issues);
                }
            }
        }
    }

    private static void RequireType(JsonNode? node, string path, string expected, List<(string, string)> issues)
    {
        if (node is not JsonObject obj)
        {
            issues.Add((ErrorCodes.MalformedValue, $"{path} must be an object of type {expected}."));
            return;
        }

        if (!CredentialFields.Types(obj).Contains(expected))
        {
            var actual = CredentialFields.Types(obj);
            issues.Add((ErrorCodes.InvalidType,
                $"{path}.type must include {expected}{(actual.Count == 0 ? " (it has no type)" : $" (it is {Display(string.Join(", ", actual))})")}."));
        }
    }

    /// <summary>A property that may be one object or an array of them, with positions.</summary>
    private static IEnumerable<(JsonNode? Node, int Index)> Items(JsonNode? node) => node switch
    {
        null => [],
        JsonArray array => array.Select((n, i) => (n, i)),
        _ => [(node, 0)],
    };

    private static CheckResult Result(List<(string Code, string Message)> issues, string kind)
    {
        if (issues.Count == 0)
        {
            return CheckResult.Pass(CheckNames.OpenBadges, $"Meets the {kind} data model rules.");
        }

        var shown = string.Join(" ", issues.Take(MaxReported).Select(i => i.Message));
        var more = issues.Count > MaxReported ? $" (and {issues.Count - MaxReported} more)" : string.Empty;
        return CheckResult.Fail(CheckNames.OpenBadges, issues[0].Code, shown + more);
    }

    private static string Display(string value) => DataIntegrity.DataIntegrityVerifier.Display(value);
}
