using System.Text.Json.Nodes;
using OpenLer.Credentials.Common;
using OpenLer.Credentials.JsonLd;

namespace OpenLer.Credentials.Tests.JsonLd;

/// <summary>
/// VC Data Integrity 1.0 §2.4.3 "Securing Data Losslessly" (SECURITY.md LD-05 to LD-07): in safe mode, what
/// expansion or toRdf would silently drop is a DATA_LOSS_DETECTION_ERROR. Each case also runs in normal mode to show
/// that the data would otherwise vanish without an error.
/// </summary>
public class JsonLdSafeModeTests
{
    private static readonly JsonLdProcessor Processor = new(ContextDocumentLoader.Default);

    private const string Contexts = """
        "@context": ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"]
        """;

    [Fact]
    public void ToRdf_SampleOpenBadge_SucceedsInSafeMode()
    {
        var result = Processor.ToRdf(JsonNode.Parse(SampleCredentials.OpenBadge), JsonLdOptions.Credential, cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(result.IsSuccess, result.Error?.ToString());
        Assert.Contains(result.Value.Quads, q => q.Predicate.Value == "https://schema.org/name" && q.Object.Value == "Workplace Readiness Program");
    }

    [Fact]
    public void ToRdf_UndefinedTerm_DataLossInSafeModeDroppedOtherwise()
    {
        var document = $$"""
            { {{Contexts}}, "type": ["VerifiableCredential", "OpenBadgeCredential"], "workAuthorizedUntil": "2099-01-01" }
            """;

        var safe = Processor.ToRdf(JsonNode.Parse(document), JsonLdOptions.Credential, cancellationToken: TestContext.Current.CancellationToken);
        var lenient = Processor.ToRdf(JsonNode.Parse(document), JsonLdOptions.Default, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(ErrorCodes.DataLossDetection, safe.Error!.Code);
        Assert.Contains("workAuthorizedUntil", safe.Error.Message, StringComparison.Ordinal);
        Assert.True(lenient.IsSuccess);
        Assert.DoesNotContain(lenient.Value.Quads, q => q.Object.Value == "2099-01-01");
    }

    [Fact]
    public void ToRdf_RelativeIdWithNullBase_DataLoss()
    {
        var document = $$"""
            { {{Contexts}}, "id": "../credentials/42", "type": ["VerifiableCredential", "OpenBadgeCredential"], "name": "x" }
            """;

        var safe = Processor.ToRdf(JsonNode.Parse(document), JsonLdOptions.Credential, cancellationToken: TestContext.Current.CancellationToken);
        var lenient = Processor.ToRdf(JsonNode.Parse(document), JsonLdOptions.Default, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(ErrorCodes.DataLossDetection, safe.Error!.Code);
        Assert.Equal("relative @id reference", JsonLdProcessor.ErrorName(safe.Error));
        Assert.True(lenient.IsSuccess);
        Assert.Empty(lenient.Value.Quads);
    }

    [Fact]
    public void ToRdf_RelativeType_DataLoss()
    {
        var document = $$"""
            { {{Contexts}}, "type": ["VerifiableCredential", "WorkAuthorization"], "name": "x" }
            """;

        var safe = Processor.ToRdf(JsonNode.Parse(document), JsonLdOptions.Credential, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(ErrorCodes.DataLossDetection, safe.Error!.Code);
        Assert.Equal("relative @type reference", JsonLdProcessor.ErrorName(safe.Error));
    }

    [Fact]
    public void ToRdf_VocabAddedInline_CannotSwapSignedTermsOfVcV2()
    {
        // w3c/vc-data-integrity#272: an inline @vocab or redefinition appended after the VC 2.0 context must not let
        // a signed document silently change meaning. Protected VC 2.0 terms cannot be redefined at all...
        var redefined = $$"""
            {
              "@context": ["https://www.w3.org/ns/credentials/v2", {"@vocab": "https://evil.example/#", "description": "https://schema.org/name"}],
              "type": ["VerifiableCredential"], "description": "Registered nurse"
            }
            """;
        Assert.Equal(ErrorCodes.ProtectedTermRedefinition, Processor.ToRdf(JsonNode.Parse(redefined), JsonLdOptions.Credential, cancellationToken: TestContext.Current.CancellationToken).Error!.Code);

        // ...and a term the contexts do not define is data loss, even if an attacker-chosen @vocab would give it a meaning
        // that the signer's contexts never did: safe mode reports the undefined term before any @vocab is added.
        var undefinedTerm = $$"""
            { {{Contexts}}, "type": ["VerifiableCredential", "OpenBadgeCredential"], "firstName": "Amina" }
            """;
        Assert.Equal(ErrorCodes.DataLossDetection, Processor.ToRdf(JsonNode.Parse(undefinedTerm), JsonLdOptions.Credential, cancellationToken: TestContext.Current.CancellationToken).Error!.Code);
    }

    [Fact]
    public void ToRdf_ProtectedTypeScopedTermOfOpenBadges_CannotBeRedefinedInline()
    {
        var document = """
            {
              "@context": [
                "https://www.w3.org/ns/credentials/v2",
                "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
                {"OpenBadgeCredential": "https://evil.example/OtherCredential"}
              ],
              "type": ["VerifiableCredential", "OpenBadgeCredential"]
            }
            """;

        var result = Processor.ToRdf(JsonNode.Parse(document), JsonLdOptions.Credential, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(ErrorCodes.ProtectedTermRedefinition, result.Error!.Code);
    }

    [Fact]
    public void ToRdf_MalformedLanguageTag_DataLoss()
    {
        var document = $$"""
            { {{Contexts}}, "type": ["VerifiableCredential", "OpenBadgeCredential"], "name": {"@value": "x", "@language": "en us"} }
            """;

        var result = Processor.ToRdf(JsonNode.Parse(document), JsonLdOptions.Credential, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(ErrorCodes.DataLossDetection, result.Error!.Code);
    }

    [Fact]
    public void Expand_KeyWithTheFormOfAKeyword_DataLoss()
    {
        var document = $$"""
            { {{Contexts}}, "type": ["VerifiableCredential", "OpenBadgeCredential"], "@issuer": "did:example:evil" }
            """;

        var result = Processor.Expand(JsonNode.Parse(document), JsonLdOptions.Credential, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(ErrorCodes.DataLossDetection, result.Error!.Code);
    }

    [Fact]
    public void ToRdf_UndefinedTermsContext_MapsUnknownTermsInsteadOfDropping()
    {
        // VC 2.0 §5.2: a document with terms of its own adds the undefined-terms context last; nothing is dropped.
        var document = """
            {
              "@context": ["https://www.w3.org/ns/credentials/v2", "https://www.w3.org/ns/credentials/undefined-terms/v2"],
              "type": ["VerifiableCredential"], "favoriteColor": "blue"
            }
            """;

        var result = Processor.ToRdf(JsonNode.Parse(document), JsonLdOptions.Credential, cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(result.IsSuccess, result.Error?.ToString());
        Assert.Contains(result.Value.Quads, q => q.Predicate.Value == "https://www.w3.org/ns/credentials/undefined-term#favoriteColor");
    }
}
