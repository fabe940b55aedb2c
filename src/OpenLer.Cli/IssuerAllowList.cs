using OpenLer.Credentials.Common;
using OpenLer.Credentials.Verification;

namespace OpenLer.Cli;

/// <summary>The issuers named with --trust: exactly these ids (DIDs or URLs, compared as written) are trusted.</summary>
internal sealed class IssuerAllowList(IEnumerable<string> issuers) : IIssuerTrustList
{
    private readonly HashSet<string> _issuers = new(issuers, StringComparer.Ordinal);

    public ValueTask<CheckResult> CheckAsync(string issuerId, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(_issuers.Contains(issuerId)
            ? CheckResult.Pass(CheckNames.IssuerTrust, $"{issuerId} is trusted (--trust).")
            : CheckResult.Fail(CheckNames.IssuerTrust, ErrorCodes.UntrustedIssuer, $"{issuerId} is not a trusted issuer (not named with --trust)."));
}
