using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Json.Schema;
using OpenLer.Credentials.Common;
using OpenLer.Credentials.Matching;
using OpenLer.Credentials.Taxonomy;

namespace OpenLer.Credentials.LerRs;

/// <summary>
/// Turns an applicant's shared record into an HR Open Standards LER-RS document (LER-RS V2 release candidate of
/// 2025-05-09, HR Open 4.5 recruiting: <c>type</c> = <see cref="TypeUri"/>), as described by the embedded JSON Schema
/// <c>LerRs/ler-rs.schema.json</c> (<see cref="Validate"/>). Mapping (docs/adr/ler-rs-export.md):
/// <c>person.name.formattedName</c> = the display name the holder chose (nothing else about the person);
/// <c>communication.email/phone</c> only when given; <c>skills</c> = every O*NET skill a credential that verifies now
/// proves (with the proving credentials and issuers) and every self-reported one, each with its O*NET id and a comment
/// saying which it is; each shared credential becomes one <c>certifications</c>, <c>licenses</c> or
/// <c>educationAndLearnings</c> entry by its Open Badges achievement type, with the credential itself, as shared, in
/// <c>verifications</c> (JWTs as VC 2.0 EnvelopedVerifiableCredentials); self-reported work goes to
/// <c>employmentHistories</c>. <c>openlerEvidence</c> (OpenLER's extension) marks every item verified, not-verified or
/// self-reported. Text is clipped to the schema's lengths; the output always validates.
/// </summary>
public static partial class LerRsExport
{
    /// <summary>The LER-RS type URI of HR Open 4.5 (the V2 release candidate).</summary>
    public const string TypeUri = "http://schema.hropenstandards.org/4.5/recruiting/json/LER-RSType.json";

    private const string SchemaResource = "OpenLer.Credentials.LerRs.ler-rs.schema.json";
    private const int ShortText = 500;
    private const int LongText = 4000;

    private static readonly Lazy<JsonSchema> SchemaValue = new(LoadSchema);

    private static readonly HashSet<string> Education = new(StringComparer.Ordinal)
    {
        "AssociateDegree", "BachelorDegree", "Degree", "Diploma", "DoctoralDegree", "GeneralEducationDevelopment", "MasterDegree",
        "ProfessionalDoctorate", "ResearchDoctorate", "SecondarySchoolDiploma", "Course", "LearningProgram", "CertificateOfCompletion",
    };

    /// <summary>The JSON Schema (draft 2020-12) of what <see cref="Build"/> emits.</summary>
    public static JsonSchema Schema => SchemaValue.Value;

    /// <summary>The schema's text, to publish or store beside exports.</summary>
    public static string SchemaText => ReadResource();

    /// <summary>
    /// The LER-RS document for <paramref name="record"/>; <paramref name="documentId"/> is its <c>documentId.value</c>
    /// (e.g. "urn:uuid:…" of the application). Skill names come from <paramref name="onet"/> (default: the embedded table).
    /// </summary>
    public static JsonObject Build(SharedRecord record, string documentId, OnetDatabase? onet = null)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentException.ThrowIfNullOrWhiteSpace(documentId);
        onet ??= OnetDatabase.BuiltIn;
        var vocabulary = onet == OnetDatabase.BuiltIn ? SkillVocabulary.Default : SkillVocabulary.FromOnet(onet);
        var document = new JsonObject
        {
            ["type"] = TypeUri,
            ["documentId"] = new JsonObject { ["value"] = Clip(documentId, ShortText) },
        };
        if (Clip(record.DisplayName, ShortText) is { } name)
        {
            document["person"] = new JsonObject { ["name"] = new JsonObject { ["formattedName"] = name } };
        }

        var communication = new JsonObject();
        if (Clip(record.Email, ShortText) is { } email)
        {
            communication["email"] = new JsonArray(new JsonObject { ["address"] = email });
        }

        if (Clip(record.Phone, ShortText) is { } phone)
        {
            communication["phone"] = new JsonArray(new JsonObject { ["formattedNumber"] = phone });
        }

        if (communication.Count > 0)
        {
            document["communication"] = communication;
        }

        var certifications = new JsonArray();
        var licenses = new JsonArray();
        var education = new JsonArray();
        var evidence = new List<CredentialEvidence>();
        for (var i = 0; i < record.Credentials.Count; i++)
        {
            var credential = record.Credentials[i];
            var alignments = AlignmentExtractor.Extract(credential.Document, vocabulary);
            var id = alignments.CredentialId ?? credential.FallbackId ?? $"credential {i + 1}";
            evidence.Add(alignments.ToEvidence(credential.VerifiesNow, id));
            var (kind, item) = Item(credential, id, alignments.IssuerId);
            (kind == "license" ? licenses : kind == "education" ? education : certifications).Add(item);
        }

        var profile = ApplicantProfile.Create(documentId, DateTimeOffset.UnixEpoch, evidence, record.SelfReportedSkills, vocabulary: vocabulary);
        var skills = new JsonArray();
        foreach (var code in profile.VerifiedCodes.Concat(profile.SelfReportedCodes))
        {
            skills.Add(Skill(onet, code, profile));
        }

        document["skills"] = skills;
        document["certifications"] = certifications;
        document["licenses"] = licenses;
        document["educationAndLearnings"] = education;
        document["employmentHistories"] = new JsonArray([.. record.Experience.Select(Experience).OfType<JsonNode>()]);
        return document;
    }

    /// <summary>Validates a document against <see cref="Schema"/>: null when valid, otherwise an error naming the first problems.</summary>
    public static CredentialError? Validate(JsonNode document)
    {
        ArgumentNullException.ThrowIfNull(document);
        using var instance = System.Text.Json.JsonDocument.Parse(document.ToJsonString());
        var results = Schema.Evaluate(instance.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (results.IsValid)
        {
            return null;
        }

        var problems = (results.Details ?? [])
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))
            .Take(5);
        return new CredentialError(ErrorCodes.SchemaValidation, "LER-RS export does not validate: " + string.Join("; ", problems));
    }

    private static JsonObject Skill(OnetDatabase onet, string code, ApplicantProfile profile)
    {
        var element = onet.FindElement(code);
        var proofs = profile.ProofsFor(code);
        var verified = profile.EvidenceFor(code) == EvidenceKind.Verified;
        var skill = new JsonObject
        {
            ["id"] = new JsonObject { ["value"] = code, ["schemeId"] = "O*NET", ["schemeAgencyId"] = "USDOL/ETA", ["schemeVersionId"] = onet.Release },
            ["name"] = Clip(element?.Name ?? code, ShortText),
        };
        if (Clip(element?.Description, LongText) is { } description)
        {
            skill["description"] = description;
        }

        skill["comments"] = new JsonArray(verified
            ? Clip("Verified: proven by " + string.Join("; ", proofs.Select(p => p.IssuerId is null ? p.CredentialId : $"{p.CredentialId} issued by {p.IssuerId}")) + ".", LongText)
            : "Self-reported by the applicant; not verified by a credential.");
        var evidence = new JsonObject { ["status"] = verified ? "verified" : "self-reported" };
        if (verified)
        {
            evidence["credentialIds"] = new JsonArray([.. proofs.Select(p => (JsonNode)JsonValue.Create(Clip(p.CredentialId, ShortText))!)]);
            evidence["issuers"] = new JsonArray([.. proofs.Select(p => p.IssuerId).OfType<string>().Distinct(StringComparer.Ordinal).Select(i => (JsonNode)JsonValue.Create(Clip(i, ShortText))!)]);
        }

        skill["openlerEvidence"] = evidence;
        return skill;
    }

    private static (string Kind, JsonObject Item) Item(SharedCredential credential, string id, string? issuerId)
    {
        var document = credential.Document;
        var subject = document["credentialSubject"] switch
        {
            JsonObject o => o,
            JsonArray a => a.OfType<JsonObject>().FirstOrDefault(),
            _ => null,
        };
        var achievement = subject?["achievement"] switch
        {
            JsonObject o => o,
            JsonArray a => a.OfType<JsonObject>().FirstOrDefault(),
            _ => null,
        };
        var type = achievement is null ? null : CredentialFields.Text(achievement, "achievementType");
        var name = Clip(achievement is null ? null : CredentialFields.Text(achievement, "name"), ShortText)
            ?? Clip(CredentialFields.Text(document, "name"), ShortText)
            ?? Clip(string.Join(" ", CredentialFields.Types(document).Where(t => t != "VerifiableCredential")), ShortText)
            ?? "Credential";
        var issuerName = Clip(document["issuer"] is JsonObject issuer ? CredentialFields.Text(issuer, "name") : null, ShortText) ?? Clip(issuerId, ShortText);
        var evidence = new JsonObject
        {
            ["status"] = credential.VerifiesNow ? "verified" : "not-verified",
            ["credentialIds"] = new JsonArray(Clip(id, ShortText)),
        };
        if (Clip(issuerId, ShortText) is { } issuerText)
        {
            evidence["issuers"] = new JsonArray(issuerText);
        }

        var verifications = new JsonArray(AsShared(credential));
        if (type is not null && Education.Contains(type))
        {
            var item = new JsonObject();
            if (issuerName is not null)
            {
                item["institution"] = new JsonObject { ["name"] = issuerName };
            }

            item["educationDegrees"] = new JsonArray(new JsonObject { ["name"] = name });
            if (Clip(achievement is null ? null : CredentialFields.Text(achievement, "description"), LongText) is { } description)
            {
                item["descriptions"] = new JsonArray(description);
            }

            if (Date(CredentialFields.Text(document, "validFrom") ?? CredentialFields.Text(document, "issuanceDate")) is { } end)
            {
                item["end"] = end;
            }

            item["verifications"] = verifications;
            item["openlerEvidence"] = evidence;
            return ("education", item);
        }

        var certification = new JsonObject { ["name"] = name };
        if (Clip(achievement is null ? CredentialFields.Text(document, "description") : CredentialFields.Text(achievement, "description"), LongText) is { } text)
        {
            certification["description"] = text;
        }

        if (issuerName is not null)
        {
            certification["issuingAuthority"] = new JsonObject { ["name"] = issuerName };
        }

        var period = new JsonObject();
        if (Date(CredentialFields.Text(document, "validFrom") ?? CredentialFields.Text(document, "issuanceDate")) is { } from)
        {
            period["validFrom"] = from;
        }

        if (Date(CredentialFields.Text(document, "validUntil") ?? CredentialFields.Text(document, "expirationDate")) is { } to)
        {
            period["validTo"] = to;
        }

        if (period.Count > 0)
        {
            certification["effectiveTimePeriod"] = period;
        }

        certification["verifications"] = verifications;
        certification["openlerEvidence"] = evidence;
        return (type == "License" ? "license" : "certification", certification);
    }

    /// <summary>The credential as shared: a JSON credential unchanged; a JWT or SD-JWT as a VC 2.0 EnvelopedVerifiableCredential (§4.13).</summary>
    private static JsonObject AsShared(SharedCredential credential)
    {
        if (credential.AsShared is JsonObject json)
        {
            return (JsonObject)json.DeepClone();
        }

        var text = credential.AsShared is JsonValue value && value.TryGetValue<string>(out var s) ? s : credential.Document.ToJsonString();
        var mediaType = credential.Format switch
        {
            CredentialFormats.SdJwtVc => "application/dc+sd-jwt",
            CredentialFormats.VcJose or CredentialFormats.VcJwt => "application/vc+jwt",
            _ => "application/vc",
        };
        return new JsonObject
        {
            ["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2"),
            ["type"] = "EnvelopedVerifiableCredential",
            ["id"] = $"data:{mediaType},{text}",
        };
    }

    private static JsonObject? Experience(SelfReportedExperience experience)
    {
        if (Clip(experience.Title, ShortText) is not { } title)
        {
            return null;
        }

        var position = new JsonObject { ["title"] = title };
        if (Date(experience.Start) is { } start)
        {
            position["start"] = start;
        }

        if (Date(experience.End) is { } end)
        {
            position["end"] = end;
        }

        var item = new JsonObject();
        if (Clip(experience.Organization, ShortText) is { } organization)
        {
            item["organization"] = new JsonObject { ["tradeName"] = organization };
        }

        item["positionHistories"] = new JsonArray(position);
        if (Clip(experience.Description, LongText) is { } description)
        {
            item["descriptions"] = new JsonArray(description);
        }

        item["openlerEvidence"] = new JsonObject { ["status"] = "self-reported" };
        return item;
    }

    /// <summary>Trimmed text of at most <paramref name="max"/> characters (clipped with "…", never inside a surrogate pair), or null when blank.</summary>
    internal static string? Clip(string? text, int max)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var trimmed = text.Trim();
        if (trimmed.Length <= max)
        {
            return trimmed;
        }

        var cut = max - 1;
        if (char.IsHighSurrogate(trimmed[cut - 1]))
        {
            cut--;
        }

        return trimmed[..cut] + "…";
    }

    private static string? Date(string? text) => text is not null && DatePattern().IsMatch(text) ? text : null;

    [GeneratedRegex(@"^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01])(T[0-9:.]+(Z|[+-][0-9]{2}:[0-9]{2}))?)?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex DatePattern();

    private static string ReadResource()
    {
        using var stream = typeof(LerRsExport).Assembly.GetManifestResourceStream(SchemaResource)
            ?? throw new InvalidOperationException($"embedded resource {SchemaResource} is missing");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static JsonSchema LoadSchema() =>
        JsonSchema.FromText(ReadResource(), new BuildOptions { SchemaRegistry = new SchemaRegistry() });
}
