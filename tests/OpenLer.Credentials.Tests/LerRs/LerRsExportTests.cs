using System.Text.Json.Nodes;
using OpenLer.Credentials.Common;
using OpenLer.Credentials.Keys;
using OpenLer.Credentials.LerRs;
using OpenLer.Credentials.Tests.Support;

namespace OpenLer.Credentials.Tests.LerRs;

/// <summary>Every export built here is validated against the embedded LER-RS schema.</summary>
public sealed class LerRsExportTests
{
    private static JsonObject Export(SharedRecord record, string id = "urn:uuid:0b7c2b9e-1111-4a4a-9c9c-000000000001")
    {
        var document = LerRsExport.Build(record, id);
        var error = LerRsExport.Validate(document);
        Assert.True(error is null, error?.Message + "\n" + document.ToJsonString());
        return document;
    }

    private static JsonObject Badge(string issuer, string name, string? achievementType = null, string[]? skills = null)
    {
        var credential = TestCredentials.OpenBadge(issuer, name);
        var achievement = credential["credentialSubject"]!["achievement"]!.AsObject();
        if (achievementType is not null)
        {
            achievement["achievementType"] = achievementType;
        }

        if (skills is not null)
        {
            achievement["alignment"] = new JsonArray([.. skills.Select(code => (JsonNode)new JsonObject { ["type"] = new JsonArray("Alignment"), ["targetName"] = code, ["targetCode"] = code })]);
        }

        return credential;
    }

    [Fact]
    public void SharedRecord_BecomesLerRs_WithVerifiedAndSelfReportedItemsMarked()
    {
        using var key = KeyPair.Generate(KeyType.Ed25519);
        var signed = TestCredentials.SignedOpenBadge(key);
        var diploma = Badge("did:web:college.example", "High School Diploma", "Diploma");
        var license = Badge("did:web:state.example", "Forklift Operator License", "License", ["2.B.3.a"]);
        var jwt = "eyJhbGciOiJFZERTQSJ9.eyJpc3MiOiJkaWQ6d2ViOmEifQ.c2ln";
        var decoded = Badge("did:web:a", "Food Handler");
        decoded.Remove("id");
        var record = new SharedRecord
        {
            DisplayName = "Amina",
            Credentials =
            [
                new SharedCredential(signed, signed, CredentialFormats.LdpVc, VerifiesNow: true),
                new SharedCredential(diploma, diploma, CredentialFormats.LdpVc, VerifiesNow: false),
                new SharedCredential(license, license, CredentialFormats.LdpVc, VerifiesNow: true),
                new SharedCredential(JsonValue.Create(jwt)!, decoded, CredentialFormats.VcJose, VerifiesNow: true, FallbackId: "food-handler.jwt"),
            ],
            SelfReportedSkills = ["2.B.1.f", "2.A.1.b", "not-a-code"],
            Experience = [new SelfReportedExperience("Nurse's aide (informal)", "Family care, Kabul", "2015", "2021-06", "Cared for elderly relatives.")],
        };
        var export = Export(record);

        Assert.Equal(LerRsExport.TypeUri, (string?)export["type"]);
        Assert.Equal("""{"name":{"formattedName":"Amina"}}""", export["person"]!.ToJsonString());
        Assert.Null(export["communication"]);

        var skills = export["skills"]!.AsArray();
        // Verified first (Active Listening from the signed badge, Operation and Control from the license), then self-reported.
        Assert.Equal(["2.A.1.b", "2.B.3.a", "2.B.1.f"], skills.Select(s => (string)s!["id"]!["value"]!));
        var listening = skills[0]!;
        Assert.Equal("Active Listening", (string?)listening["name"]);
        Assert.Equal("O*NET", (string?)listening["id"]!["schemeId"]);
        Assert.Equal("verified", (string?)listening["openlerEvidence"]!["status"]);
        Assert.Equal((string?)signed["id"], (string?)listening["openlerEvidence"]!["credentialIds"]![0]);
        Assert.Equal(key.PublicKey.ToDidKey(), (string?)listening["openlerEvidence"]!["issuers"]![0]);
        Assert.StartsWith("Verified: proven by urn:uuid:", (string?)listening["comments"]![0], StringComparison.Ordinal);
        var service = skills[2]!;
        Assert.Equal("self-reported", (string?)service["openlerEvidence"]!["status"]);
        Assert.Equal("Self-reported by the applicant; not verified by a credential.", (string?)service["comments"]![0]);

        var certifications = export["certifications"]!.AsArray();
        Assert.Equal(2, certifications.Count);
        Assert.True(JsonNode.DeepEquals(signed, certifications[0]!["verifications"]![0]), "the credential is attached as shared");
        Assert.Equal("verified", (string?)certifications[0]!["openlerEvidence"]!["status"]);
        Assert.Equal("International Rescue Committee — Tucson", (string?)certifications[0]!["issuingAuthority"]!["name"]);
        Assert.Equal("2026-01-15T00:00:00Z", (string?)certifications[0]!["effectiveTimePeriod"]!["validFrom"]);
        var enveloped = certifications[1]!["verifications"]![0]!;
        Assert.Equal("EnvelopedVerifiableCredential", (string?)enveloped["type"]);
        Assert.Equal("data:application/vc+jwt," + jwt, (string?)enveloped["id"]);
        Assert.Equal("food-handler.jwt", (string?)certifications[1]!["openlerEvidence"]!["credentialIds"]![0]);

        var education = export["educationAndLearnings"]!.AsArray().Single()!;
        Assert.Equal("High School Diploma", (string?)education["educationDegrees"]![0]!["name"]);
        Assert.Equal("not-verified", (string?)education["openlerEvidence"]!["status"]);
        Assert.Equal("Forklift Operator License", (string?)export["licenses"]![0]!["name"]);

        var work = export["employmentHistories"]!.AsArray().Single()!;
        Assert.Equal("self-reported", (string?)work["openlerEvidence"]!["status"]);
        Assert.Equal("Family care, Kabul", (string?)work["organization"]!["tradeName"]);
        Assert.Equal("""[{"title":"Nurse\u0027s aide (informal)","start":"2015","end":"2021-06"}]""", work["positionHistories"]!.ToJsonString());
    }

    [Fact]
    public void NothingShared_MinimalValidDocument_NoPersonNoContact()
    {
        var export = Export(new SharedRecord());
        Assert.Null(export["person"]);
        Assert.Null(export["communication"]);
        Assert.Empty(export["skills"]!.AsArray());
    }

    [Fact]
    public void ContactOnlyWhenGiven()
    {
        var export = Export(new SharedRecord { DisplayName = "  ", Email = "amina@example.org" });
        Assert.Null(export["person"]);
        Assert.Equal("""{"email":[{"address":"amina@example.org"}]}""", export["communication"]!.ToJsonString());
        Assert.Equal("+1 520 555 0100", (string?)Export(new SharedRecord { Phone = "+1 520 555 0100" })["communication"]!["phone"]![0]!["formattedNumber"]);
    }

    [Fact]
    public void HostileText_MarkupLongStringsRightToLeft_StillValid()
    {
        var markup = "<script>alert('x')</script><img src=x onerror=alert(1)>";
        var rtl = "\u202Eعامل نظافة\u202C ‏(ليلي)";
        var longText = string.Concat(Enumerable.Repeat("😀", 60_000));
        var credential = Badge("did:web:evil.example", markup + longText, "Diploma");
        credential["issuer"]!["name"] = rtl + longText;
        credential["validFrom"] = "not a date";
        credential["credentialSubject"]!["achievement"]!["description"] = "\u0000\u0007" + longText;
        var export = Export(new SharedRecord
        {
            DisplayName = markup + rtl + longText,
            Email = "=cmd|'/c calc'!A1",
            Credentials = [new SharedCredential(credential, credential, CredentialFormats.LdpVc, false)],
            SelfReportedSkills = ["2.A.1.a"],
            Experience =
            [
                new SelfReportedExperience(rtl, markup, "20155", "yesterday", longText),
                new SelfReportedExperience("   "),
            ],
        });

        var name = (string)export["person"]!["name"]!["formattedName"]!;
        Assert.Equal(500, name.Length);
        Assert.StartsWith(markup, name, StringComparison.Ordinal);
        Assert.EndsWith("…", name, StringComparison.Ordinal);
        Assert.False(char.IsHighSurrogate(name[^2]), "clipping never splits a surrogate pair");
        var education = export["educationAndLearnings"]![0]!;
        Assert.Null(education["end"]);
        Assert.StartsWith("\u202Eعامل نظافة", (string)education["institution"]!["name"]!, StringComparison.Ordinal);
        var work = export["employmentHistories"]!.AsArray().Single()!;
        Assert.Equal(rtl, (string?)work["positionHistories"]![0]!["title"]);
        Assert.Null(work["positionHistories"]![0]!["start"]);
        Assert.InRange(((string)work["descriptions"]![0]!).Length, 3999, 4000);
        // The credential is attached unchanged, however long.
        Assert.True(JsonNode.DeepEquals(credential, education["verifications"]![0]));
    }

    [Fact]
    public void Schema_RejectsWhatOpenLerMustNotEmit()
    {
        var good = Export(new SharedRecord { SelfReportedSkills = ["2.A.1.a"] });

        var wrongType = good.DeepClone().AsObject();
        wrongType["type"] = "http://schema.hropenstandards.org/4.4/recruiting/json/ler-rs/LER-RSType.json";
        Assert.NotNull(LerRsExport.Validate(wrongType));

        var selfWithProof = good.DeepClone().AsObject();
        selfWithProof["skills"]![0]!["openlerEvidence"]!["credentialIds"] = new JsonArray("urn:x");
        Assert.NotNull(LerRsExport.Validate(selfWithProof));

        var verifiedWithout = good.DeepClone().AsObject();
        verifiedWithout["skills"]![0]!["openlerEvidence"]!["status"] = "verified";
        Assert.NotNull(LerRsExport.Validate(verifiedWithout));

        var extraPersonData = good.DeepClone().AsObject();
        extraPersonData["person"] = new JsonObject { ["name"] = new JsonObject { ["formattedName"] = "A" }, ["nationality"] = "AF" };
        var error = LerRsExport.Validate(extraPersonData);
        Assert.NotNull(error);
        Assert.Equal(ErrorCodes.SchemaValidation, error.Code);

        var notOnet = good.DeepClone().AsObject();
        notOnet["skills"]![0]!["id"]!["value"] = "React";
        Assert.NotNull(LerRsExport.Validate(notOnet));
    }

    [Fact]
    public void SchemaText_IsDraft202012()
    {
        var schema = JsonNode.Parse(LerRsExport.SchemaText)!;
        Assert.Equal("https://json-schema.org/draft/2020-12/schema", (string?)schema["$schema"]);
        Assert.Equal(LerRsExport.TypeUri, (string?)schema["properties"]!["type"]!["const"]);
    }
}
