using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using OpenLer.Credentials.DataIntegrity;
using OpenLer.Credentials.Json;
using OpenLer.Credentials.Keys;
using OpenLer.Credentials.Taxonomy;

namespace OpenLer.Credentials.Tests.DataIntegrity;

/// <summary>
/// <see cref="SigningTemplate"/> against <see cref="DataIntegritySigner"/>: for ordinary, random and hostile slot values
/// the template's signed document is byte-identical to the full path's (Ed25519 is deterministic), or the template
/// refuses. Never a different signature.
/// </summary>
public sealed class SigningTemplateTests : IDisposable
{
    private static readonly DateTimeOffset Created = new(2026, 12, 8, 1, 0, 0, TimeSpan.Zero);

    // The slots of the bulk issuer's credential (Features/Issuance/Bulk in the server).
    private static readonly string[] Slots =
    [
        "/id",
        "/credentialSubject/id",
        "/credentialSubject/result/0/achievedLevel",
        "/credentialSubject/result/0/value",
        "/credentialStatus/id",
        "/credentialStatus/statusListIndex",
        "/credentialStatus/statusListCredential",
        "/evidence/0/narrative",
    ];

    private readonly KeyPair _key = KeyPair.FromPrivateRaw(KeyType.Ed25519, Enumerable.Range(1, 32).Select(i => (byte)i).ToArray()).Value;
    private readonly ProofOptions _options;

    public SigningTemplateTests()
    {
        _options = new ProofOptions
        {
            Cryptosuite = "eddsa-rdfc-2022",
            VerificationMethod = "did:web:openler.example:irc#key-1",
            Created = Created,
        };
    }

    public void Dispose() => _key.Dispose();

    /// <summary>The shape the bulk issuer signs: OB 3.0 with six alignments, a CEFR result, evidence and a status entry.</summary>
    private static JsonObject Credential(string id, string holder, string level, string levelId, string statusId, string index, string statusList, string evidence, string issuerName = "IRC Tucson")
    {
        const string achievementId = "https://openler.example/orgs/irc/achievements/0d9f6a4e-3f7b-4b43-9d1e-0c2f5e7a9b11";
        var alignments = new JsonArray();
        foreach (var (code, title) in new[] { ("43-4051.00", "Customer Service Representatives"), ("41-2031.00", "Retail Salespersons"), ("35-2021.00", "Food Preparation Workers"),
                     ("53-7062.00", "Laborers and Freight Movers"), ("37-2011.00", "Janitors and Cleaners"), ("43-5071.00", "Shipping and Receiving Clerks") })
        {
            alignments.Add(new JsonObject
            {
                ["type"] = new JsonArray("Alignment"),
                ["targetName"] = title,
                ["targetUrl"] = "https://www.onetonline.org/link/summary/" + code,
                ["targetFramework"] = "O*NET-SOC",
                ["targetCode"] = code,
            });
        }

        var descriptionId = achievementId + "/results/english";
        return new JsonObject
        {
            ["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"),
            ["id"] = id,
            ["type"] = new JsonArray("VerifiableCredential", "OpenBadgeCredential"),
            ["name"] = "Job Readiness",
            ["issuer"] = new JsonObject { ["id"] = "did:web:openler.example:irc", ["type"] = new JsonArray("Profile"), ["name"] = issuerName },
            ["validFrom"] = "2026-12-08T01:00:00Z",
            ["credentialSubject"] = new JsonObject
            {
                ["type"] = new JsonArray("AchievementSubject"),
                ["id"] = holder,
                ["achievement"] = new JsonObject
                {
                    ["id"] = achievementId,
                    ["type"] = new JsonArray("Achievement"),
                    ["name"] = "Job Readiness",
                    ["description"] = "Six weeks of workshops: résumés, interviews, workplace English.",
                    ["criteria"] = new JsonObject { ["narrative"] = "Attend 36 of 40 hours and pass a mock interview." },
                    ["image"] = new JsonObject { ["id"] = "https://openler.example/orgs/irc/badges/job-readiness.png", ["type"] = "Image" },
                    ["alignment"] = alignments,
                    ["resultDescription"] = new JsonArray(CefrScale.ResultDescription(descriptionId, "English language level (CEFR)")),
                },
                ["result"] = new JsonArray(new JsonObject
                {
                    ["type"] = new JsonArray("Result"),
                    ["resultDescription"] = descriptionId,
                    ["achievedLevel"] = levelId,
                    ["value"] = level,
                }),
            },
            ["credentialStatus"] = new JsonObject
            {
                ["id"] = statusId,
                ["type"] = "BitstringStatusListEntry",
                ["statusPurpose"] = "revocation",
                ["statusListIndex"] = index,
                ["statusListCredential"] = statusList,
            },
            ["evidence"] = new JsonArray(new JsonObject { ["type"] = new JsonArray("Evidence"), ["name"] = "Program completion", ["narrative"] = evidence }),
        };
    }

    private static JsonObject Ordinary(int n)
    {
        var level = CefrScale.Levels[n % 6].Code;
        var list = "https://openler.example/orgs/irc/status/revocation/" + (1 + (n / 7)).ToString(CultureInfo.InvariantCulture);
        var index = (n * 37 % 131072).ToString(CultureInfo.InvariantCulture);
        using var holder = KeyPair.FromPrivateRaw(KeyType.Ed25519, Enumerable.Range(0, 32).Select(i => (byte)(i + n)).ToArray()).Value;
        return Credential("urn:uuid:" + new Guid(n, 1, 2, [3, 4, 5, 6, 7, 8, 9, 10]).ToString("D"), holder.PublicKey.ToDidKey(), level,
            "https://openler.example/orgs/irc/achievements/0d9f6a4e-3f7b-4b43-9d1e-0c2f5e7a9b11/results/english#" + level, list + "#" + index, index, list,
            "Completed 40 hours of workshops and a mock interview (" + n.ToString(CultureInfo.InvariantCulture) + ")");
    }

    private SigningTemplate Template(JsonObject example)
    {
        var template = SigningTemplate.Prepare(Cryptosuites.Default, example, Slots, KeyType.Ed25519, _options, TestContext.Current.CancellationToken);
        Assert.True(template.IsSuccess, template.IsSuccess ? "" : template.Error.Message);
        return template.Value;
    }

    private string Full(JsonObject document)
    {
        var signed = new DataIntegritySigner(Cryptosuites.Default, TimeProvider.System).Sign(document, _key, _options);
        Assert.True(signed.IsSuccess, signed.IsSuccess ? "" : signed.Error.Message);
        return StrictJson.Serialize(signed.Value, indented: true);
    }

    /// <summary>Template and full path agree byte for byte, or the template refuses; returns whether it signed.</summary>
    private bool AssertSameOrRefused(SigningTemplate template, JsonObject document)
    {
        var before = document.ToJsonString();
        var fast = template.TrySign(document, _key, TestContext.Current.CancellationToken);
        Assert.Equal(before, document.ToJsonString());
        if (fast is null)
        {
            return false;
        }

        Assert.True(fast.Value.IsSuccess, fast.Value.IsSuccess ? "" : fast.Value.Error.Message);
        Assert.Equal(Full(document), StrictJson.Serialize(fast.Value.Value, indented: true));
        return true;
    }

    [Fact]
    public void Slots_are_classified_literal_or_iri()
    {
        var template = Template(Ordinary(0));
        // achievedLevel is an xsd:anyURI literal in the OB 3.0 context, not a node.
        Assert.Equal([true, true, false, false, true, false, true, false], template.IriSlots);
    }

    [Fact]
    public void Ordinary_credentials_are_signed_byte_for_byte_as_by_the_signer()
    {
        var template = Template(Ordinary(0));
        for (var n = 0; n < 60; n++)
        {
            Assert.True(AssertSameOrRefused(template, Ordinary(n)), $"credential {n} was refused");
        }
    }

    [Fact]
    public void Signed_credentials_verify()
    {
        var template = Template(Ordinary(0));
        var signed = template.TrySign(Ordinary(5), _key, TestContext.Current.CancellationToken)!.Value.Value;
        var document = (JsonObject)signed.DeepClone();
        var proof = (JsonObject)document["proof"]!;
        document.Remove("proof");
        var verify = Cryptosuites.Default.FindByName("eddsa-rdfc-2022")!.CreateVerifyData(document, proof, KeyType.Ed25519, verifying: true, cancellationToken: TestContext.Current.CancellationToken);
        Assert.True(verify.IsSuccess);
        var signature = OpenLer.Credentials.Encodings.Multibase.Decode((string)proof["proofValue"]!).Value;
        Assert.True(_key.PublicKey.Verify(verify.Value, signature));
    }

    public static TheoryData<string> HostileStrings() =>
    [
        "",
        " ",
        "\"",
        "\\",
        "\\\"\n\r\t",
        "line\nbreak",
        "\u0000\u0001\u001f\u007f",
        "é ü ß 中文 العربية 😀",
        "\ud83d",
        "\u2028\u2029",
        "@id",
        "@type",
        "@foo",
        "@",
        "_:b0",
        "_:c14n0",
        "id:x",
        "name:x",
        "type:x",
        "url:foo",
        "xsd:string",
        "cred:issuer",
        "https:x",
        "https://example.org/a b",
        "https://example.org/a#b#c",
        "https://example.org/<x>",
        "https://example.org/{x}",
        "did:web:openler.example:irc",
        "https://openler.example/orgs/irc/achievements/0d9f6a4e-3f7b-4b43-9d1e-0c2f5e7a9b11",
        "https://www.w3.org/ns/credentials/v2",
        "relative/path",
        "../up",
        "#fragment",
        "?query",
        "//host/path",
        "urn:x-openler-slot:00:0",
        "urn:uuid:00000000-0000-0000-0000-000000000000",
        "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK",
        "mailto:person@example.org",
        "HTTPS://EXAMPLE.ORG/",
        "a:b",
        "0:b",
        "true",
        "1",
        "1.0",
        "null",
        "{\"@id\":\"x\"}",
        "<http://example.org/> .",
        "\" . <http://evil.example/> <http://evil.example/p> \"x",
    ];

    [Theory]
    [MemberData(nameof(HostileStrings))]
    public void Hostile_values_in_every_slot_are_signed_identically_or_refused(string hostile)
    {
        var template = Template(Ordinary(0));
        var signedAny = false;
        for (var slot = 0; slot < Slots.Length; slot++)
        {
            var document = Ordinary(slot + 1);
            Set(document, Slots[slot], hostile);
            var full = new DataIntegritySigner(Cryptosuites.Default, TimeProvider.System).Sign(document, _key, _options);
            var fast = template.TrySign(document, _key, TestContext.Current.CancellationToken);
            if (fast is null)
            {
                // Refused; the template never refuses a literal slot.
                Assert.True(template.IriSlots[slot], $"literal slot {Slots[slot]} refused {Escape(hostile)}");
                continue;
            }

            if (!full.IsSuccess)
            {
                Assert.False(fast.Value.IsSuccess, $"{Slots[slot]} = {Escape(hostile)}: the full path fails ({full.Error.Message}) but the template signed");
                continue;
            }

            Assert.True(fast.Value.IsSuccess, fast.Value.IsSuccess ? "" : fast.Value.Error.Message);
            Assert.Equal(StrictJson.Serialize(full.Value, indented: true), StrictJson.Serialize(fast.Value.Value, indented: true));
            signedAny = true;
        }

        Assert.True(signedAny);
    }

    [Fact]
    public void Values_that_json_ld_would_rewrite_or_merge_are_refused_in_iri_slots()
    {
        var template = Template(Ordinary(0));
        foreach (var value in new[] { "", "@foo", "_:b0", "relative", "id:x", "name:x", "url:x", "https://example.org/a b", "https://example.org/a#b#c",
                     "did:web:openler.example:irc", "https://openler.example/orgs/irc/achievements/0d9f6a4e-3f7b-4b43-9d1e-0c2f5e7a9b11" })
        {
            var document = Ordinary(3);
            document["credentialSubject"]!["id"] = value;
            Assert.Null(template.TrySign(document, _key, TestContext.Current.CancellationToken));
        }

        // Two IRI slots with the same value: the nodes would merge.
        var twice = Ordinary(4);
        twice["credentialSubject"]!["id"] = "https://example.org/same";
        twice["credentialStatus"]!["id"] = "https://example.org/same";
        Assert.Null(template.TrySign(twice, _key, TestContext.Current.CancellationToken));
    }

    [Fact]
    public void Random_values_in_all_slots_at_once_are_signed_identically_or_refused()
    {
        var random = new Random(20261208);
        var template = Template(Ordinary(0));
        var alphabet = "aZ09:/#?@_.~-%\"\\\n\t é😀<>{}| ".EnumerateRunes().ToArray();
        var hostile = HostileStrings().Select(row => (string)row.Data).ToArray();
        var signed = 0;
        for (var n = 0; n < 120; n++)
        {
            var document = Ordinary(n);
            for (var slot = 0; slot < Slots.Length; slot++)
            {
                var pick = random.Next(6);
                if (pick == 0)
                {
                    Set(document, Slots[slot], hostile[random.Next(hostile.Length)]);
                }
                else if (pick == 1)
                {
                    var text = new StringBuilder(random.Next(2) == 0 ? "https://example.org/" : "");
                    for (var i = random.Next(12); i > 0; i--)
                    {
                        text.Append(alphabet[random.Next(alphabet.Length)].ToString());
                    }

                    Set(document, Slots[slot], text.ToString());
                }
            }

            var full = new DataIntegritySigner(Cryptosuites.Default, TimeProvider.System).Sign(document, _key, _options);
            var fast = template.TrySign(document, _key, TestContext.Current.CancellationToken);
            if (fast is null)
            {
                continue;
            }

            Assert.Equal(full.IsSuccess, fast.Value.IsSuccess);
            if (full.IsSuccess)
            {
                Assert.Equal(StrictJson.Serialize(full.Value, indented: true), StrictJson.Serialize(fast.Value.Value, indented: true));
                signed++;
            }
        }

        Assert.True(signed > 20, $"only {signed} of 120 signed by the template");
    }

    [Fact]
    public void Documents_of_another_shape_or_content_are_refused()
    {
        var template = Template(Ordinary(0));
        var noEvidence = Ordinary(1);
        noEvidence.Remove("evidence");
        Assert.Null(template.TrySign(noEvidence, _key, TestContext.Current.CancellationToken));

        var otherIssuer = Ordinary(1);
        otherIssuer["issuer"]!["name"] = "Someone else";
        Assert.Null(template.TrySign(otherIssuer, _key, TestContext.Current.CancellationToken));

        var reordered = Ordinary(1);
        var name = reordered["name"];
        reordered.Remove("name");
        reordered["name"] = name?.DeepClone();
        Assert.Null(template.TrySign(reordered, _key, TestContext.Current.CancellationToken));

        var extra = Ordinary(1);
        extra["credentialSubject"]!["achievement"]!["tag"] = new JsonArray("practice");
        Assert.Null(template.TrySign(extra, _key, TestContext.Current.CancellationToken));

        var number = Ordinary(1);
        number["credentialStatus"]!["statusListIndex"] = 7;
        Assert.Null(template.TrySign(number, _key, TestContext.Current.CancellationToken));

        var withProof = Ordinary(1);
        withProof["proof"] = new JsonObject();
        Assert.Null(template.TrySign(withProof, _key, TestContext.Current.CancellationToken));

        using var p256 = KeyPair.Generate(KeyType.P256);
        Assert.Null(template.TrySign(Ordinary(1), p256, TestContext.Current.CancellationToken));
    }

    [Fact]
    public void Prepare_refuses_slots_that_are_not_plain_literals_or_node_iris()
    {
        var example = Ordinary(0);
        Assert.False(Prepare(example, ["/type/0"]).IsSuccess); // a type: vocabulary-relative, selects scoped contexts
        Assert.False(Prepare(example, ["/credentialStatus/type"]).IsSuccess);
        Assert.False(Prepare(example, ["/nothing"]).IsSuccess);
        Assert.False(Prepare(example, ["credentialSubject/id"]).IsSuccess);
        Assert.False(Prepare(example, ["/@context/0"]).IsSuccess);
        var numeric = Ordinary(0);
        numeric["credentialStatus"]!["statusListIndex"] = 7;
        Assert.False(Prepare(numeric, ["/credentialStatus/statusListIndex"]).IsSuccess);
        Assert.False(SigningTemplate.Prepare(Cryptosuites.Default, example, Slots, KeyType.Ed25519, _options with { Created = null }, TestContext.Current.CancellationToken).IsSuccess);
        Assert.False(SigningTemplate.Prepare(Cryptosuites.Default, example, Slots, KeyType.Ed25519, _options with { Cryptosuite = "eddsa-jcs-2022" }, TestContext.Current.CancellationToken).IsSuccess);
        Assert.False(SigningTemplate.Prepare(Cryptosuites.Default, example, Slots, KeyType.P256, _options, TestContext.Current.CancellationToken).IsSuccess);
    }

    [Fact]
    public void A_slot_under_a_context_that_rewrites_iris_refuses_compact_iris()
    {
        // VC 1.1's context defines the prefix "xsd": "xsd:x" in an @id slot would expand, so the template refuses it.
        var example = new JsonObject
        {
            ["@context"] = new JsonArray("https://www.w3.org/2018/credentials/v1", "https://w3id.org/security/data-integrity/v2"),
            ["id"] = "urn:uuid:4f9c2b1e-8a0d-4c3e-9b7a-2f1d6e5c8a90",
            ["type"] = new JsonArray("VerifiableCredential"),
            ["issuer"] = "did:web:openler.example:irc",
            ["issuanceDate"] = "2026-12-08T01:00:00Z",
            ["credentialSubject"] = new JsonObject { ["id"] = "did:example:amina" },
        };
        var template = SigningTemplate.Prepare(Cryptosuites.Default, example, ["/credentialSubject/id"], KeyType.Ed25519, _options, TestContext.Current.CancellationToken);
        Assert.True(template.IsSuccess, template.IsSuccess ? "" : template.Error.Message);
        var compact = (JsonObject)example.DeepClone();
        compact["credentialSubject"]!["id"] = "xsd:string";
        Assert.Null(template.Value.TrySign(compact, _key, TestContext.Current.CancellationToken));

        var plain = (JsonObject)example.DeepClone();
        plain["credentialSubject"]!["id"] = "did:example:bashir";
        Assert.True(AssertSameOrRefused(template.Value, plain));
    }

    private Common.Outcome<SigningTemplate> Prepare(JsonObject example, string[] slots) =>
        SigningTemplate.Prepare(Cryptosuites.Default, example, slots, KeyType.Ed25519, _options, TestContext.Current.CancellationToken);

    private static void Set(JsonObject document, string pointer, string value)
    {
        var tokens = pointer[1..].Split('/');
        JsonNode parent = document;
        foreach (var token in tokens[..^1])
        {
            parent = parent is JsonArray array ? array[int.Parse(token, CultureInfo.InvariantCulture)]! : parent[token]!;
        }

        if (parent is JsonArray list)
        {
            list[int.Parse(tokens[^1], CultureInfo.InvariantCulture)] = value;
        }
        else
        {
            parent[tokens[^1]] = value;
        }
    }

    private static string Escape(string value) => string.Concat(value.Select(c => c < ' ' || c > '~' ? $"\\u{(int)c:x4}" : c.ToString()));
}
