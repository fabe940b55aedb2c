using OpenLer.Credentials.Common;

namespace OpenLer.Credentials.Verification;

/// <summary>The deployment's list of recognized issuers (CP-19: a valid signature from an unknown issuer is not "trusted").</summary>
public interface IIssuerTrustList
{
    ValueTask<CheckResult> CheckAsync(string issuerId, CancellationToken cancellationToken = default);
}
