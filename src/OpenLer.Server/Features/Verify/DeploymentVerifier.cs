using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenLer.Credentials.Common;
using OpenLer.Credentials.Dids;
using OpenLer.Credentials.Verification;
using OpenLer.Server.Data;
using OpenLer.Server.Features.Organizations;
using OpenLer.Server.Infrastructure;

namespace OpenLer.Server.Features.Verify;

/// <summary>
/// The deployment's verifier: the library's <see cref="CredentialVerifier"/> (fail closed) with this deployment's trust
/// list, did:web documents and status lists answered from its own database. It never touches the network: a did:web or
/// status list of another deployment "could not be checked", which is never "genuine".
/// </summary>
public sealed class DeploymentVerifier(AppDbContext db, IOptions<DeploymentOptions> options, TimeProvider time)
{
    public Task<VerificationResult> VerifyAsync(string input, CancellationToken cancellationToken = default) =>
        Create().VerifyAsync(input, cancellationToken);

    public CredentialVerifier Create()
    {
        var resolver = new DidResolver(new LocalDidWebResolver(db, options.Value));
        return new CredentialVerifier(new CredentialVerifierOptions
        {
            DidResolver = resolver,
            VerificationMethods = new DidVerificationMethodResolver(resolver),
            TimeProvider = time,
            StatusChecker = new LocalStatusChecker(db, options.Value),
            TrustList = new DeploymentTrustList(db, options.Value),
            RequireTrustedIssuer = true,
        });
    }

    /// <summary>Answers did:web identifiers of this deployment's organizations from the database.</summary>
    private sealed class LocalDidWebResolver(AppDbContext db, DeploymentOptions options) : IDidResolver
    {
        public async ValueTask<Outcome<DidDocument>> ResolveAsync(string did, CancellationToken cancellationToken = default)
        {
            if (!string.IsNullOrWhiteSpace(options.PublicHost))
            {
                var prefix = DidWeb.For(options.PublicHost.Trim(), "/orgs") + ":";
                if (did.StartsWith(prefix, StringComparison.Ordinal))
                {
                    var slug = did[prefix.Length..];
                    var org = await db.Organizations.AsNoTracking().FirstOrDefaultAsync(o => o.Slug == slug, cancellationToken);
                    if (org is not null)
                    {
                        var identity = OrganizationKeys.Identity(org, options);
                        var json = DidWebDocumentBuilder.Build(identity.Did, [new PublishedKey(OrganizationKeys.KeyFragment, identity.PublicKey)]);
                        return DidDocumentReader.Read(json, did);
                    }
                }
            }

            return Outcome.Error(ErrorCodes.DidResolution,
                "This did:web is not an organization of this deployment, and this server does not fetch documents from the network.");
        }
    }

    /// <summary>Issuers this deployment recognizes: its own organizations and the configured list.</summary>
    private sealed class DeploymentTrustList(AppDbContext db, DeploymentOptions options) : IIssuerTrustList
    {
        public async ValueTask<CheckResult> CheckAsync(string issuerId, CancellationToken cancellationToken = default)
        {
            if (options.TrustedIssuers.Contains(issuerId, StringComparer.Ordinal))
            {
                return CheckResult.Pass(CheckNames.IssuerTrust, "The issuer is on this deployment's trust list.");
            }

            foreach (var org in await db.Organizations.AsNoTracking().ToListAsync(cancellationToken))
            {
                if (OrganizationKeys.Identity(org, options).Did == issuerId)
                {
                    return CheckResult.Pass(CheckNames.IssuerTrust, $"Issued by {org.Name}, an organization of this deployment.");
                }
            }

            return CheckResult.Fail(CheckNames.IssuerTrust, ErrorCodes.UntrustedIssuer, "The issuer is not on this deployment's trust list.");
        }
    }

    /// <summary>
    /// Bitstring Status List entries that point at this deployment's lists, answered from the database (the source the
    /// published lists are built from). Lists elsewhere could not be checked (no network).
    /// </summary>
    private sealed class LocalStatusChecker(AppDbContext db, DeploymentOptions options) : ICredentialStatusChecker
    {
        public async ValueTask<CheckResult> CheckAsync(JsonObject credential, string format, CancellationToken cancellationToken = default)
        {
            var entries = credential["credentialStatus"] switch
            {
                JsonArray array => array.OfType<JsonObject>().ToList(),
                JsonObject one => [one],
                _ => [],
            };
            if (entries.Count == 0)
            {
                return CheckResult.Unavailable(CheckNames.Status, ErrorCodes.StatusRetrieval, "The status entry is not readable.");
            }

            foreach (var entry in entries)
            {
                var url = CredentialFields.Text(entry, "statusListCredential");
                var purpose = CredentialFields.Text(entry, "statusPurpose");
                var indexText = CredentialFields.Text(entry, "statusListIndex");
                if (CredentialFields.Text(entry, "type") != "BitstringStatusListEntry" || url is null || purpose is null
                    || !int.TryParse(indexText, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                {
                    return CheckResult.Unavailable(CheckNames.Status, ErrorCodes.StatusRetrieval, "The status entry is not a Bitstring Status List entry this server can read.");
                }

                var prefix = options.BaseUrl + "/orgs/";
                var parts = url.StartsWith(prefix, StringComparison.Ordinal) ? url[prefix.Length..].Split('/') : [];
                if (parts.Length != 4 || parts[1] != "status" || parts[2] != purpose
                    || !int.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var number))
                {
                    return CheckResult.Unavailable(CheckNames.Status, ErrorCodes.StatusRetrieval,
                        "The status list is not published by this deployment, and this server does not fetch lists from the network.");
                }

                var slug = parts[0];
                var org = await db.Organizations.AsNoTracking().FirstOrDefaultAsync(o => o.Slug == slug, cancellationToken);
                if (org is null || OrganizationKeys.Identity(org, options).Did != CredentialFields.IssuerId(credential))
                {
                    return CheckResult.Unavailable(CheckNames.Status, ErrorCodes.StatusRetrieval, "The status list does not belong to the credential's issuer.");
                }

                var revoked = await db.Credentials.AsNoTracking().AnyAsync(c => c.OrganizationId == org.Id && c.StatusPurpose == purpose
                    && c.StatusListNumber == number && c.StatusListIndex == index && c.RevokedAt != null, cancellationToken);
                if (revoked)
                {
                    return CheckResult.Fail(CheckNames.Status, purpose == "suspension" ? ErrorCodes.CredentialSuspended : ErrorCodes.CredentialRevoked,
                        "The issuer has revoked this credential.");
                }
            }

            return CheckResult.Pass(CheckNames.Status, "Not revoked.");
        }
    }
}
