using System.Text.Json.Nodes;
using OpenLer.Credentials.Common;

namespace OpenLer.Credentials.Verification;

/// <summary>
/// Checks revocation/suspension (Bitstring Status List, Token Status List). Returns a <see cref="CheckNames.Status"/> result;
/// a list that cannot be fetched, parsed or verified is <see cref="CheckStatus.CouldNotCheck"/>, never passed.
/// </summary>
public interface ICredentialStatusChecker
{
    ValueTask<CheckResult> CheckAsync(JsonObject credential, string format, CancellationToken cancellationToken = default);
}
