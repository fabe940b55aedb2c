using System.Text.Json.Nodes;
using OpenLer.Credentials.Common;
using OpenLer.Credentials.Json;
using OpenLer.Credentials.Keys;
using OpenLer.Credentials.Tests.Support;
using OpenLer.Credentials.Verification;

namespace OpenLer.Credentials.Tests.Verification;

/// <summary>credentialSchema (1EdTechJsonSchemaValidator2019) against operator-supplied schemas; never fetched.</summary>
public class JsonSchemaValidationTests
{
    private const string ObSchema = "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json";

    private static JsonSchemaCredentialValidator Shared() => JsonSchemaCredentialValidator.FromFolder(SharedFolder.VectorsOrSkip("openbadges"));

    private static JsonObject WithSchema(JsonObject credential, string id, string type = "1EdTechJsonSchemaValidator2019")
    {
        credential["credentialSchema"] = new JsonArray(new JsonObject { ["id"] = id, ["type"] = type });
        return credential;
    }

    private static async Task<CheckResult> Validate(JsonSchemaCredentialValidator validator, JsonObject credential) =>
        await validator.ValidateAsync(credential, TestContext.Current.CancellationToken);

    [Fact]
    public async Task OpenBadge_ValidatesAgainstThe1EdTechSchema()
    {
        var validator = Shared();
        Assert.Contains("https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential-jsonschema1.json", validator.SchemaIds);
        var result = await Validate(validator, WithSchema(TestCredentials.OpenBadge("did:example:issuer"), ObSchema));
        Assert.Equal(CheckStatus.Passed, result.Status);
    }

    [Fact]
    public async Task SchemaMismatch_FailsWithTheFirstErrors()
    {
        var validator = Shared();
        var credential = WithSchema(TestCredentials.OpenBadge("did:example:issuer"), ObSchema);
        ((JsonObject)credential["credentialSubject"]!["achievement"]!).Remove("criteria");
        var result = await Validate(validator, credential);
        Assert.Equal(CheckStatus.Failed, result.Status);
        Assert.Equal(ErrorCodes.SchemaValidation, result.Code);
        Assert.Contains("/credentialSubject/achievement", result.Message, StringComparison.Ordinal);
        Assert.Contains("criteria", result.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://attacker.example/schema.json", "1EdTechJsonSchemaValidator2019")]
    [InlineData(ObSchema, "JsonSchemaCredential")]
    public async Task MissingOrUnsupportedSchema_IsNotCheckedNeverPassed(string id, string type)
    {
        var validator = JsonSchemaCredentialValidator.FromSchemas([]);
        var result = await Validate(validator, WithSchema(TestCredentials.OpenBadge("did:example:issuer"), id, type));
        Assert.Equal(CheckStatus.NotChecked, result.Status);
        Assert.False(result.Required);
    }

    [Fact]
    public async Task OneSchemaMissing_OfTwo_IsNotChecked()
    {
        var validator = JsonSchemaCredentialValidator.FromSchemas([MinimalSchema]);
        var credential = TestCredentials.OpenBadge("did:example:issuer");
        credential["credentialSchema"] = new JsonArray(
            new JsonObject { ["id"] = "https://openler.example/schemas/badge.json", ["type"] = "1EdTechJsonSchemaValidator2019" },
            new JsonObject { ["id"] = "https://elsewhere.example/schema.json", ["type"] = "1EdTechJsonSchemaValidator2019" });
        var result = await Validate(validator, credential);
        Assert.Equal(CheckStatus.NotChecked, result.Status);
        Assert.Contains("Validated: https://openler.example/schemas/badge.json", result.Message, StringComparison.Ordinal);
    }

    private const string MinimalSchema = """
        {"$schema": "https://json-schema.org/draft/2019-09/schema#", "$id": "https://openler.example/schemas/badge.json",
         "type": "object", "required": ["name"], "properties": {"name": {"type": "string", "maxLength": 40}}}
        """;

    [Theory]
    [InlineData("Workplace Readiness", CheckStatus.Passed)]
    [InlineData("A name far too long for the operator's schema to accept it", CheckStatus.Failed)]
    public async Task InlineSchema_PassesOrFails(string name, CheckStatus expected)
    {
        var validator = JsonSchemaCredentialValidator.FromSchemas([MinimalSchema]);
        var result = await Validate(validator, WithSchema(TestCredentials.OpenBadge("did:example:issuer", name), "https://openler.example/schemas/badge.json"));
        Assert.Equal(expected, result.Status);
    }

    [Fact]
    public async Task SchemaWithUnavailableRef_IsNotCheckedAndNothingIsFetched()
    {
        const string schema = """
            {"$schema": "https://json-schema.org/draft/2019-09/schema#", "$id": "https://openler.example/schemas/ref.json",
             "$ref": "https://attacker.example/remote.json"}
            """;
        var validator = JsonSchemaCredentialValidator.FromSchemas([schema]);
        var result = await Validate(validator, WithSchema(TestCredentials.OpenBadge("did:example:issuer"), "https://openler.example/schemas/ref.json"));
        Assert.Equal(CheckStatus.NotChecked, result.Status);
    }

    [Fact]
    public async Task Verifier_ReportsTheSchemaCheck()
    {
        using var key = KeyPair.Generate(KeyType.Ed25519);
        var credential = WithSchema(TestCredentials.OpenBadge(key.PublicKey.ToDidKey(), "A name far too long for the operator's schema to accept it"), "https://openler.example/schemas/badge.json");
        var verifier = new CredentialVerifier(new CredentialVerifierOptions { SchemaValidator = JsonSchemaCredentialValidator.FromSchemas([MinimalSchema]) });
        var result = await verifier.VerifyAsync(StrictJson.Serialize(TestCredentials.Sign(credential, key)), TestContext.Current.CancellationToken);
        // Changed deliberately (docs/adr/genuine-vs-notes.md): a schema the issuer named but the credential does not meet is a
        // data-model note beside a genuine result; it used to make the credential fail.
        Assert.True(result.Verified, result.FirstProblem?.ToString());
        Assert.Equal(ErrorCodes.SchemaValidation, result[CheckNames.Schema]!.Code);
        Assert.False(result[CheckNames.Schema]!.Required);
        Assert.Contains(result[CheckNames.Schema]!, result.Notes);
    }
}
