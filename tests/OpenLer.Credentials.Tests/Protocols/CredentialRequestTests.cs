using OpenLer.Credentials.Protocols;
using OpenLer.Credentials.Protocols.Oid4Vci;

namespace OpenLer.Credentials.Tests.Protocols;

public class CredentialRequestTests
{
    private static readonly CredentialIssuerMetadata Metadata = ProtocolFixtures.Metadata();

    private static Common.Outcome<CredentialRequest> Parse(string json, int maxProofs = 1) => CredentialRequest.Parse(json, Metadata, maxProofs);

    [Fact]
    public void V1Request_ResolvesTheConfiguration_AndKeepsTheProofs()
    {
        var request = Parse("""{"credential_configuration_id":"OpenBadgeCredential_ldp_vc","proofs":{"jwt":["a.b.c"]}}""");
        Assert.True(request.IsSuccess, request.Error?.Message);
        Assert.Equal(Oid4VciVersion.V1, request.Value.Version);
        Assert.Equal("ldp_vc", request.Value.Configuration.Format);
        Assert.Equal(["a.b.c"], request.Value.ProofJwts);
    }

    [Theory]
    [InlineData("""{"format":"ldp_vc","credential_definition":{"@context":["https://www.w3.org/ns/credentials/v2"],"type":["VerifiableCredential","OpenBadgeCredential"]},"proof":{"proof_type":"jwt","jwt":"a.b.c"}}""", "ldp_vc")]
    [InlineData("""{"format":"jwt_vc_json","credential_definition":{"type":["VerifiableCredential","OpenBadgeCredential"]},"proof":{"proof_type":"jwt","jwt":"a.b.c"}}""", "jwt_vc_json")]
    [InlineData("""{"format":"vc+sd-jwt","vct":"https://cbo.example/vct/work-authorization/v1","proof":{"proof_type":"jwt","jwt":"a.b.c"}}""", "dc+sd-jwt")]
    public void Draft13Request_ResolvesByFormatAndType(string json, string format)
    {
        var request = Parse(json);
        Assert.True(request.IsSuccess, request.Error?.Message);
        Assert.Equal(Oid4VciVersion.Draft13, request.Value.Version);
        Assert.Equal(format, request.Value.Configuration.Format);
        Assert.Single(request.Value.ProofJwts);
    }

    [Theory]
    [InlineData("""{"credential_configuration_id":"nope","proofs":{"jwt":["a.b.c"]}}""", OAuthErrorCodes.UnknownCredentialConfiguration)]
    [InlineData("""{"credential_identifier":"x","proofs":{"jwt":["a.b.c"]}}""", OAuthErrorCodes.UnknownCredentialIdentifier)]
    [InlineData("""{"credential_configuration_id":"OpenBadgeCredential_ldp_vc","credential_identifier":"x","proofs":{"jwt":["a.b.c"]}}""", OAuthErrorCodes.InvalidCredentialRequest)]
    [InlineData("""{"proofs":{"jwt":["a.b.c"]}}""", OAuthErrorCodes.InvalidCredentialRequest)]
    [InlineData("""{"credential_configuration_id":"OpenBadgeCredential_ldp_vc","proof":{"proof_type":"jwt","jwt":"a.b.c"},"proofs":{"jwt":["a.b.c"]}}""", OAuthErrorCodes.InvalidCredentialRequest)]
    [InlineData("""{"credential_configuration_id":"OpenBadgeCredential_ldp_vc"}""", OAuthErrorCodes.InvalidProof)]
    [InlineData("""{"credential_configuration_id":"OpenBadgeCredential_ldp_vc","proofs":{"jwt":[]}}""", OAuthErrorCodes.InvalidProof)]
    [InlineData("""{"credential_configuration_id":"OpenBadgeCredential_ldp_vc","proofs":{"jwt":["a.b.c","d.e.f"]}}""", OAuthErrorCodes.InvalidProof)]
    [InlineData("""{"credential_configuration_id":"OpenBadgeCredential_ldp_vc","proofs":{"di_vp":[{}]}}""", OAuthErrorCodes.InvalidProof)]
    [InlineData("""{"credential_configuration_id":"OpenBadgeCredential_ldp_vc","proofs":{"jwt":["a.b.c"],"di_vp":[{}]}}""", OAuthErrorCodes.InvalidProof)]
    [InlineData("""{"credential_configuration_id":"OpenBadgeCredential_ldp_vc","proofs":{"jwt":[42]}}""", OAuthErrorCodes.InvalidProof)]
    [InlineData("""{"credential_configuration_id":"OpenBadgeCredential_ldp_vc","proofs":{"jwt":["a.b.c"]},"credential_response_encryption":{}}""", OAuthErrorCodes.InvalidEncryptionParameters)]
    [InlineData("""{"format":"mso_mdoc","doctype":"x","proof":{"proof_type":"jwt","jwt":"a.b.c"}}""", OAuthErrorCodes.UnsupportedCredentialFormat)]
    [InlineData("""{"format":"ldp_vc","credential_definition":{"type":["VerifiableCredential","UniversityDegreeCredential"]},"proof":{"proof_type":"jwt","jwt":"a.b.c"}}""", OAuthErrorCodes.UnsupportedCredentialType)]
    [InlineData("""{"format":"vc+sd-jwt","vct":"https://other.example/vct","proof":{"proof_type":"jwt","jwt":"a.b.c"}}""", OAuthErrorCodes.UnsupportedCredentialType)]
    [InlineData("""{"format":"vc+sd-jwt","proof":{"proof_type":"jwt","jwt":"a.b.c"}}""", OAuthErrorCodes.InvalidCredentialRequest)]
    [InlineData("""{"format":"ldp_vc","credential_definition":{"type":["VerifiableCredential","OpenBadgeCredential"]},"proof":{"proof_type":"cwt","cwt":"x"}}""", OAuthErrorCodes.InvalidProof)]
    [InlineData("""{"format":"ldp_vc","credential_definition":{"type":["VerifiableCredential","OpenBadgeCredential"]},"proofs":{"jwt":["a.b.c"]}}""", OAuthErrorCodes.InvalidCredentialRequest)]
    [InlineData("""[1]""", OAuthErrorCodes.InvalidCredentialRequest)]
    [InlineData("""{"credential_configuration_id":"OpenBadgeCredential_ldp_vc","credential_configuration_id":"x"}""", OAuthErrorCodes.InvalidCredentialRequest)]
    public void BadRequest_IsRefusedWithTheSpecCode(string json, string code) => Assert.Equal(code, Parse(json).Error?.Code);

    [Fact]
    public void ABatchIssuer_AcceptsUpToItsBatchSize() =>
        Assert.Equal(2, Parse("""{"credential_configuration_id":"OpenBadgeCredential_ldp_vc","proofs":{"jwt":["a.b.c","d.e.f"]}}""", 2).Value.ProofJwts.Count);

    [Fact]
    public void OversizedProofOrBody_IsRefused()
    {
        var big = new string('a', CredentialRequest.MaxProofLength + 1);
        Assert.Equal(OAuthErrorCodes.InvalidProof, Parse("{\"credential_configuration_id\":\"OpenBadgeCredential_ldp_vc\",\"proofs\":{\"jwt\":[\"" + big + "\"]}}").Error?.Code);
        Assert.Equal(OAuthErrorCodes.InvalidCredentialRequest, Parse("{\"credential_configuration_id\":\"OpenBadgeCredential_ldp_vc\",\"pad\":\"" + new string('a', 70_000) + "\"}").Error?.Code);
    }

    [Fact]
    public void CredentialResponse_V1AndDraft13Shapes()
    {
        var v1 = CredentialResponse.Build(Oid4VciVersion.V1, [System.Text.Json.Nodes.JsonValue.Create("ey.x.y")!], "n-1");
        Assert.Equal("ey.x.y", (string?)v1["credentials"]![0]!["credential"]);
        Assert.Equal("n-1", (string?)v1["notification_id"]);
        var d13 = CredentialResponse.Build(Oid4VciVersion.Draft13, [new System.Text.Json.Nodes.JsonObject { ["id"] = "urn:x" }], nextCNonce: "c2");
        Assert.Equal("urn:x", (string?)d13["credential"]!["id"]);
        Assert.Equal("c2", (string?)d13["c_nonce"]);
    }
}
