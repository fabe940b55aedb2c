using System.Text.Json.Nodes;
using OpenLer.Credentials.Common;

namespace OpenLer.Credentials.Verification;

/// <summary>Validates a credential against the JSON Schemas its credentialSchema names, from schemas the operator provides.</summary>
public interface ICredentialSchemaValidator
{
    ValueTask<CheckResult> ValidateAsync(JsonObject credential, CancellationToken cancellationToken = default);
}
