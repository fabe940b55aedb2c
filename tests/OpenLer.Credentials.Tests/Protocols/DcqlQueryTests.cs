using System.Text.Json.Nodes;
using OpenLer.Credentials.Protocols;
using OpenLer.Credentials.Protocols.Oid4Vp;

namespace OpenLer.Credentials.Tests.Protocols;

public class DcqlQueryTests
{
    private const string Employer = """
        {"credentials":[
          {"id":"badge","format":"ldp_vc","meta":{"type_values":[["https://purl.imsglobal.org/spec/vc/ob/vocab.html#OpenBadgeCredential"]]},
           "claims":[{"path":["credentialSubject","achievement","name"]}]},
          {"id":"work","format":"dc+sd-jwt","meta":{"vct_values":["https://cbo.example/vct/work-authorization/v1"]},
           "claims":[{"id":"a","path":["authorized_to_work"],"values":[true]},{"id":"v","path":["valid_until"]},{"id":"c","path":["category"]}],
           "claim_sets":[["a","v"],["a","c"]]}],
         "credential_sets":[{"options":[["work"]]},{"options":[["badge"]],"required":false}],
         "future_member":{"ignored":true}}
        """;

    [Fact]
    public void EmployerQuery_ParsesAndRoundTrips()
    {
        var query = DcqlQuery.Parse(Employer);
        Assert.True(query.IsSuccess, query.Error?.Message);
        var work = query.Value.Find("work")!;
        Assert.Equal(["https://cbo.example/vct/work-authorization/v1"], work.VctValues);
        Assert.Equal(2, work.ClaimSets!.Count);
        Assert.True(JsonNode.DeepEquals(JsonValue.Create(true), work.Claims![0].Values[0]));
        Assert.False(query.Value.CredentialSets![1].Required);
        var again = DcqlQuery.Parse(query.Value.ToJson());
        Assert.True(again.IsSuccess);
        Assert.True(JsonNode.DeepEquals(query.Value.ToJson(), again.Value.ToJson()));
    }

    [Theory]
    [InlineData("""{}""", "credentials")]
    [InlineData("""{"credentials":[]}""", "credentials")]
    [InlineData("""{"credentials":[{"id":"a b","format":"ldp_vc","meta":{"type_values":[["X"]]}}]}""", "id")]
    [InlineData("""{"credentials":[{"id":"","format":"ldp_vc","meta":{"type_values":[["X"]]}}]}""", "id")]
    [InlineData("""{"credentials":[{"id":"a","format":"ldp_vc","meta":{"type_values":[["X"]]}},{"id":"a","format":"ldp_vc","meta":{"type_values":[["X"]]}}]}""", "twice")]
    [InlineData("""{"credentials":[{"id":"a","format":"mso_mdoc","meta":{}}]}""", "format")]
    [InlineData("""{"credentials":[{"id":"a","format":"ldp_vc"}]}""", "meta")]
    [InlineData("""{"credentials":[{"id":"a","format":"ldp_vc","meta":{}}]}""", "type_values")]
    [InlineData("""{"credentials":[{"id":"a","format":"ldp_vc","meta":{"type_values":[[]]}}]}""", "type_values")]
    [InlineData("""{"credentials":[{"id":"a","format":"ldp_vc","meta":{"type_values":["X"]}}]}""", "type_values")]
    [InlineData("""{"credentials":[{"id":"a","format":"dc+sd-jwt","meta":{}}]}""", "vct_values")]
    [InlineData("""{"credentials":[{"id":"a","format":"dc+sd-jwt","meta":{"vct_values":[1]}}]}""", "vct_values")]
    [InlineData("""{"credentials":[{"id":"a","format":"dc+sd-jwt","meta":{"vct_values":["v"]},"claims":[]}]}""", "claims")]
    [InlineData("""{"credentials":[{"id":"a","format":"dc+sd-jwt","meta":{"vct_values":["v"]},"claims":[{"path":[]}]}]}""", "path")]
    [InlineData("""{"credentials":[{"id":"a","format":"dc+sd-jwt","meta":{"vct_values":["v"]},"claims":[{"path":[-1]}]}]}""", "path component")]
    [InlineData("""{"credentials":[{"id":"a","format":"dc+sd-jwt","meta":{"vct_values":["v"]},"claims":[{"path":[1.5]}]}]}""", "path component")]
    [InlineData("""{"credentials":[{"id":"a","format":"dc+sd-jwt","meta":{"vct_values":["v"]},"claims":[{"path":[{"x":1}]}]}]}""", "path component")]
    [InlineData("""{"credentials":[{"id":"a","format":"dc+sd-jwt","meta":{"vct_values":["v"]},"claims":[{"path":["x"]},{"path":["x"]}]}]}""", "twice")]
    [InlineData("""{"credentials":[{"id":"a","format":"dc+sd-jwt","meta":{"vct_values":["v"]},"claims":[{"path":["x"],"values":[]}]}]}""", "values")]
    [InlineData("""{"credentials":[{"id":"a","format":"dc+sd-jwt","meta":{"vct_values":["v"]},"claims":[{"path":["x"],"values":[{"o":1}]}]}]}""", "values")]
    [InlineData("""{"credentials":[{"id":"a","format":"dc+sd-jwt","meta":{"vct_values":["v"]},"claim_sets":[["x"]]}]}""", "claim_sets needs claims")]
    [InlineData("""{"credentials":[{"id":"a","format":"dc+sd-jwt","meta":{"vct_values":["v"]},"claims":[{"id":"x","path":["x"]}],"claim_sets":[["y"]]}]}""", "not a claim id")]
    [InlineData("""{"credentials":[{"id":"a","format":"dc+sd-jwt","meta":{"vct_values":["v"]},"claims":[{"id":"x","path":["x"]},{"id":"x","path":["y"]}]}]}""", "unique")]
    [InlineData("""{"credentials":[{"id":"a","format":"dc+sd-jwt","meta":{"vct_values":["v"]},"multiple":"yes"}]}""", "booleans")]
    [InlineData("""{"credentials":[{"id":"a","format":"dc+sd-jwt","meta":{"vct_values":["v"]}}],"credential_sets":[{"options":[["b"]]}]}""", "not a credential query")]
    [InlineData("""{"credentials":[{"id":"a","format":"dc+sd-jwt","meta":{"vct_values":["v"]}}],"credential_sets":[{"options":[]}]}""", "options")]
    [InlineData("""{"credentials":[{"id":"a","format":"dc+sd-jwt","meta":{"vct_values":["v"]}}],"credential_sets":[{"options":[["a"]],"required":"no"}]}""", "required")]
    [InlineData("""{"credentials":[{"id":"a","format":"dc+sd-jwt","meta":{"vct_values":["v"]}}],"credentials":[]}""", "not a JSON object")]
    public void MalformedQuery_IsRefusedWithAClearMessage(string json, string fragment)
    {
        var query = DcqlQuery.Parse(json);
        Assert.False(query.IsSuccess);
        Assert.Equal(OAuthErrorCodes.InvalidRequest, query.Error.Code);
        Assert.Contains(fragment, query.Error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void TooManyCredentialQueries_AreRefused()
    {
        var many = string.Join(",", Enumerable.Range(0, DcqlQuery.MaxCredentialQueries + 1).Select(i => "{\"id\":\"q" + i + "\",\"format\":\"dc+sd-jwt\",\"meta\":{\"vct_values\":[\"v\"]}}"));
        Assert.False(DcqlQuery.Parse("{\"credentials\":[" + many + "]}").IsSuccess);
    }

    [Fact]
    public void ClaimsPath_SelectsPerTheProcessingRules()
    {
        var credential = JsonNode.Parse("""{"a":{"b":[{"c":1},{"c":2},{"d":3}]},"n":null}""")!;
        Assert.Equal([1, 2], ClaimsPath.Of("a", "b", null, "c").Select(credential).Value.Select(n => (int)n!));
        Assert.Equal(2, (int)ClaimsPath.Of("a", "b", 1, "c").Select(credential).Value.Single()!);
        Assert.Null(ClaimsPath.Of("n").Select(credential).Value.Single());
        Assert.False(ClaimsPath.Of("a", "x").Select(credential).IsSuccess);
        Assert.False(ClaimsPath.Of("a", "b", 9).Select(credential).IsSuccess);
        Assert.False(ClaimsPath.Of("a", 0).Select(credential).IsSuccess);
        Assert.False(ClaimsPath.Of("a", "b", "c").Select(credential).IsSuccess);
        Assert.Equal("a.b.*.c", ClaimsPath.Of("a", "b", null, "c").ToDotPath());
    }
}
