using System.Text.Json.Nodes;
using OpenLer.Credentials.Common;
using OpenLer.Credentials.Verification;

namespace OpenLer.Credentials.Protocols.VcApi;

/// <summary>
/// VCALM verification results: <c>{"verified", "problemDetails": [{type, title, detail}], "credential"?}</c> for credentials and
/// <c>{"verified", "problemDetails", "verifiablePresentation"?}</c> for presentations. A problem's <c>type</c> is
/// <c>https://w3id.org/security#&lt;CODE&gt;</c> (the Data Integrity error names our codes follow). The server answers 200 when
/// verified and 400 otherwise.
/// </summary>
public static class VcApiResults
{
    public const string ProblemTypeBase = "https://w3id.org/security#";

    public static JsonObject ForCredential(VerificationResult result, VerifyCredentialRequest request)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(request);
        var json = new JsonObject { ["verified"] = result.Verified };
        if (request.ReturnProblemDetails)
        {
            json["problemDetails"] = Problems(result.Checks);
        }

        if (request.ReturnCredential)
        {
            json["credential"] = request.VerifiableCredential.DeepClone();
        }

        return json;
    }

    public static JsonObject ForPresentation(PresentationVerification result, VerifyPresentationRequest request)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(request);
        var problems = Problems(result.Checks);
        foreach (var credential in result.Credentials)
        {
            foreach (var problem in Problems(credential.Checks))
            {
                problems.Add(problem!.DeepClone());
            }
        }

        var json = new JsonObject { ["verified"] = result.Verified, ["problemDetails"] = problems };
        if (request.ReturnPresentation)
        {
            json["verifiablePresentation"] = request.VerifiablePresentation.DeepClone();
        }

        return json;
    }

    private static JsonArray Problems(IEnumerable<CheckResult> checks) => new([.. checks
        .Where(c => c.Status is CheckStatus.Failed or CheckStatus.CouldNotCheck)
        .Select(c => (JsonNode)new JsonObject
        {
            ["type"] = ProblemTypeBase + (c.Code ?? ErrorCodes.ProofVerification),
            ["title"] = c.Name + (c.Required ? string.Empty : " (note)"),
            ["detail"] = c.Message ?? string.Empty,
        })]);
}
