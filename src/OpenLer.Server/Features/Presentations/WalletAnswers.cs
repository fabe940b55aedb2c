using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using OpenLer.Credentials.Common;
using OpenLer.Credentials.Protocols;
using OpenLer.Credentials.Protocols.Oid4Vp;
using OpenLer.Server.Data;
using OpenLer.Server.Features.Account;
using OpenLer.Server.Features.Audit;
using OpenLer.Server.Features.Issuance;
using OpenLer.Server.Features.Organizations;
using OpenLer.Server.Features.Verify;

namespace OpenLer.Server.Features.Presentations;

/// <summary>A verified request, ready to show to the person.</summary>
public sealed record ResolvedRequest(AuthorizationRequest Request, string Token, string Link, string? VerifiedOrganization, string? ClientName);

/// <summary>One of the person's credentials that answers a query.</summary>
public sealed record CandidateCredential(Guid Id, string Name, string? IssuerName);

/// <summary>
/// Our web wallet answers OpenID4VP 1.0 requests: it reads the link (an <c>openid4vp://</c> link or this deployment's
/// interaction URL), verifies the request (a signed request object by the verifier's DID key, or an unsigned
/// <c>redirect_uri:</c> request), lists the person's matching credentials, and sends the presentations the person picked
/// (a Verifiable Presentation signed by the credential's holder key, challenge = nonce and domain = client id) or a refusal.
/// Requests are fetched and answered inside this deployment only: this server makes no outbound requests.
/// </summary>
public sealed class WalletAnswers(AppDbContext db, VerifierRequests requests, PresentationAddresses addresses, DeploymentVerifier verifier,
    CaseRecords records, WalletKeys walletKeys, OrganizationKeys keys, AuditTrail audit, TimeProvider time)
{
    public async Task<Outcome<ResolvedRequest>> ResolveAsync(string? input, CancellationToken cancellationToken = default)
    {
        var link = (input ?? "").Trim();
        if (link.Length is 0 or > AuthorizationRequestUri.MaxLength)
        {
            return Outcome.Error(OAuthErrorCodes.InvalidRequest, "Paste the whole link.");
        }

        if (addresses.TokenOf(link) is { } own)
        {
            var found = await requests.FindAsync(own, cancellationToken);
            if (found is null)
            {
                return Outcome.Error(OAuthErrorCodes.InvalidRequest, "This request is unknown.");
            }

            link = requests.WalletLink(found, own);
        }

        var parsed = AuthorizationRequestUri.Parse(link);
        if (!parsed.IsSuccess)
        {
            return parsed.Error;
        }

        Outcome<AuthorizationRequest> verified;
        string? token;
        if (parsed.Value.IsByReference)
        {
            token = addresses.TokenOf(parsed.Value.RequestUri);
            var stored = await requests.FindAsync(token, cancellationToken);
            var jwt = stored is null ? null : await requests.RequestObjectAsync(stored, cancellationToken);
            if (jwt is null)
            {
                return Outcome.Error(OAuthErrorCodes.InvalidRequest, "This request is not from this service, or it is answered or expired.");
            }

            verified = await new WalletRequestVerifier(verifier.Verifier.Options.DidResolver, time).VerifyRequestObjectAsync(jwt, parsed.Value.ClientId, cancellationToken);
        }
        else
        {
            verified = WalletRequestVerifier.VerifyUnsigned(parsed.Value);
            token = verified.IsSuccess ? addresses.TokenOf(verified.Value.ResponseUri) : null;
        }

        if (!verified.IsSuccess)
        {
            return verified.Error;
        }

        if (token is null || addresses.TokenOf(verified.Value.ResponseUri) != token)
        {
            return Outcome.Error(OAuthErrorCodes.InvalidRequest, "This wallet answers requests of this service only.");
        }

        var request = verified.Value;
        string? organization = null;
        if (request.ClientId.RequiresSignedRequest)
        {
            organization = await OrganizationOfAsync(request.ClientId.Original, cancellationToken);
        }

        var clientName = request.ClientMetadata["client_name"] is JsonValue v && v.TryGetValue<string>(out var name) ? name : null;
        return new ResolvedRequest(request, token, link, organization, clientName);
    }

    /// <summary>The person's credentials that answer a query (their own wallet credentials, not revoked, of the right type).</summary>
    public async Task<IReadOnlyList<CandidateCredential>> CandidatesAsync(Guid jobseekerId, DcqlCredentialQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Format != "ldp_vc")
        {
            return [];
        }

        var owned = await db.Credentials.AsNoTracking().Include(c => c.Organization)
            .Where(c => c.JobseekerId == jobseekerId && c.SourceCredentialId == null && c.RevokedAt == null).OrderByDescending(c => c.IssuedAt).ToListAsync(cancellationToken);
        return [.. owned.Where(c => CredentialTypes.Match(CredentialTypes.Of(JsonNode.Parse(records.CredentialJson(c))!.AsObject()), query.TypeValues))
            .Select(c => new CandidateCredential(c.Id, c.AchievementName, c.Organization?.Name))];
    }

    /// <summary>Sends the presentations of the chosen credentials (query id → credential id); the verifier's answer decides.</summary>
    public async Task<Outcome<bool>> SendAsync(Guid jobseekerId, ResolvedRequest resolved, IReadOnlyDictionary<string, Guid> chosen, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(resolved);
        ArgumentNullException.ThrowIfNull(chosen);
        var builder = new WalletResponseBuilder(time);
        var vpToken = new JsonObject();
        foreach (var (queryId, credentialId) in chosen)
        {
            var query = resolved.Request.Query.Find(queryId);
            if (query is null || !(await CandidatesAsync(jobseekerId, query, cancellationToken)).Any(c => c.Id == credentialId))
            {
                return Outcome.Error(OAuthErrorCodes.InvalidRequest, "Choose one of your credentials for each question.");
            }

            var credential = await db.Credentials.AsNoTracking().FirstAsync(c => c.Id == credentialId && c.JobseekerId == jobseekerId, cancellationToken);
            using var holderKey = await walletKeys.ForCredentialAsync(jobseekerId, credentialId, cancellationToken);
            if (holderKey is null || credential.HolderDid is null)
            {
                return Outcome.Error(OAuthErrorCodes.InvalidRequest, "This credential has no holder key in your wallet.");
            }

            var presentation = builder.PresentLdpVc(JsonNode.Parse(records.CredentialJson(credential))!.AsObject(), holderKey, credential.HolderDid,
                credential.HolderDid + "#" + holderKey.PublicKey.ToMultibase(), resolved.Request);
            if (!presentation.IsSuccess)
            {
                return presentation.Error;
            }

            vpToken[queryId] = new JsonArray(presentation.Value);
        }

        if (vpToken.Count == 0)
        {
            return Outcome.Error(OAuthErrorCodes.InvalidRequest, "Choose at least one credential, or say no.");
        }

        var fields = WalletResponseBuilder.BuildResponse(resolved.Request, vpToken);
        if (!fields.IsSuccess)
        {
            return fields.Error;
        }

        return await DeliverAsync(resolved, fields.Value, AuditActions.PresentationSent, cancellationToken);
    }

    public Task<Outcome<bool>> RefuseAsync(ResolvedRequest resolved, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(resolved);
        return DeliverAsync(resolved, WalletResponseBuilder.Refusal(resolved.Request), AuditActions.PresentationRefused, cancellationToken);
    }

    private async Task<Outcome<bool>> DeliverAsync(ResolvedRequest resolved, IReadOnlyDictionary<string, string> fields, string action, CancellationToken cancellationToken)
    {
        var form = FormParameters.From(fields.Select(f => new KeyValuePair<string, string?>(f.Key, f.Value)), AuthorizationResponse.MaxValueLength);
        if (!form.IsSuccess)
        {
            return form.Error;
        }

        var (status, body) = await requests.ReceiveAsync(resolved.Token, form.Value, cancellationToken);
        var stored = await requests.FindAsync(resolved.Token, cancellationToken);
        await audit.RecordAsync(action, "presentation-request", stored?.Id, stored?.OrganizationId, status == StatusCodes.Status200OK ? AuditOutcomes.Ok : AuditOutcomes.Failed, cancellationToken: cancellationToken);
        return status == StatusCodes.Status200OK
            ? true
            : Outcome.Error(OAuthErrorCodes.InvalidRequest, body["error_description"]?.GetValue<string>() ?? "The employer's service did not accept the answer.");
    }

    /// <summary>The name of this deployment's organization a DID belongs to (its did:web, or a did:key of one of its keys).</summary>
    private async Task<string?> OrganizationOfAsync(string did, CancellationToken cancellationToken)
    {
        // A practice organization (staff training) is never named as a verified organization.
        var organizations = await db.Organizations.AsNoTracking().Where(o => o.PracticeOf == null).ToListAsync(cancellationToken);
        var allKeys = await db.Set<OrganizationKey>().AsNoTracking().ToListAsync(cancellationToken);
        return organizations.FirstOrDefault(o => allKeys.Where(k => k.OrganizationId == o.Id).Any(k => keys.Identity(o, k).Did == did))?.Name;
    }
}
