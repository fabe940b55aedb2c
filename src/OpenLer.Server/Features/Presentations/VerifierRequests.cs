using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using OpenLer.Credentials.Common;
using OpenLer.Credentials.Json;
using OpenLer.Credentials.Protocols;
using OpenLer.Credentials.Protocols.Oid4Vp;
using OpenLer.Credentials.WorkAuthorization;
using OpenLer.Server.Data;
using OpenLer.Server.Features.Audit;
using OpenLer.Server.Features.Organizations;
using OpenLer.Server.Features.Protection;
using OpenLer.Server.Features.Verify;
using OpenLer.Server.Features.Wallets;

namespace OpenLer.Server.Features.Presentations;

/// <summary>What a request asks for, as chosen on the page.</summary>
public sealed record RequestChoice(bool OpenBadge, bool WorkAuthorization, bool WorkDocumentType, bool Signed, bool Encrypted);

/// <summary>
/// The organization's OpenID4VP 1.0 verifier: makes requests with DCQL (an Open Badges 3.0 <c>ldp_vc</c> by type; the
/// work-authorization <c>dc+sd-jwt</c> with only the claims asked for), as <c>decentralized_identifier:</c> with a request object
/// signed by the organization's key (its did:web or did:key) or <c>redirect_uri:</c> unsigned, answered by <c>direct_post</c> or
/// <c>direct_post.jwt</c>; serves the request object; and receives the response: nonce, audience (client id), key binding,
/// the presentation's challenge and domain, status and trust are checked by the library (VpTokenValidator with this
/// deployment's verifier), and an accepted answer is stored once.
/// </summary>
public sealed class VerifierRequests(AppDbContext db, OrganizationKeys keys, FieldProtector fields, DeploymentVerifier verifier, PresentationAddresses addresses,
    IssuerMetadataBuilder metadata, ProtocolRandom random, AuditTrail audit, TimeProvider time, ILogger<VerifierRequests> logger)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);
    public static readonly TimeSpan RequestObjectLifetime = TimeSpan.FromMinutes(10);

    public async Task<(PresentationRequest Request, string Token)> CreateAsync(Guid organizationId, Guid? employerId, string createdByKind, string? createdById,
        RequestChoice choice, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(choice);
        var org = await db.Organizations.AsNoTracking().FirstAsync(o => o.Id == organizationId, cancellationToken);
        var employer = employerId is null ? null : await db.Employers.AsNoTracking().FirstOrDefaultAsync(e => e.Id == employerId && e.OrganizationId == organizationId, cancellationToken);
        var token = random.NewToken();
        var responseUri = addresses.ResponseUri(token);
        var identity = keys.Identity(org, await keys.ActiveKeyAsync(organizationId, cancellationToken));
        var clientId = choice.Signed ? ClientIdentifier.ForDid(identity.Did) : ClientIdentifier.ForRedirectUri(responseUri);
        var transaction = VerifierTransaction.Create(clientId, responseUri, Query(choice), choice.Encrypted ? ResponseModes.DirectPostJwt : ResponseModes.DirectPost, random);

        // client_name (RFC 7591 §2): who asks, shown by wallets; trusted only as far as the request is signed.
        transaction.Request.ClientMetadata["client_name"] = employer is null ? org.Name : $"{employer.Name} ({org.Name})";
        var now = time.GetUtcNow().UtcDateTime;
        var request = new PresentationRequest
        {
            Id = Guid.NewGuid(),
            OrganizationId = organizationId,
            EmployerId = employer?.Id,
            CreatedByKind = createdByKind,
            CreatedById = createdById,
            TokenHash = OfferService.HashToken(token),
            RequestJson = StrictJson.Serialize(transaction.Request.ToJson()),
            Signed = choice.Signed,
            CreatedAt = now,
            ExpiresAt = now + Lifetime,
        };
        request.TokenCipher = fields.Protect(token, Where(request, "Token"))!;
        if (transaction.EncryptionPrivateJwk is { } jwk)
        {
            request.EncryptionKeyCipher = fields.Protect(jwk.ToJsonString(), Where(request, "EncryptionKey"));
        }

        db.Set<PresentationRequest>().Add(request);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(AuditActions.PresentationRequested, "presentation-request", request.Id, organizationId, cancellationToken: cancellationToken);
        return (request, token);
    }

    /// <summary>The DCQL query (OpenID4VP 1.0 §6): only the claims chosen for the work authorization.</summary>
    public DcqlQuery Query(RequestChoice choice)
    {
        ArgumentNullException.ThrowIfNull(choice);
        var credentials = new JsonArray();
        if (choice.OpenBadge)
        {
            credentials.Add(new DcqlCredentialQuery { Id = "badge", Format = "ldp_vc", TypeValues = [CredentialTypes.OpenBadgeCredential] }.ToJson());
        }

        if (choice.WorkAuthorization)
        {
            List<DcqlClaimQuery> claims = [.. WorkAuthorizationCredential.DefaultDisclosure.Select(c => new DcqlClaimQuery(null, ClaimsPath.Of(c), []))];
            if (choice.WorkDocumentType)
            {
                claims.Add(new DcqlClaimQuery(null, ClaimsPath.Of("document_type"), []));
            }

            credentials.Add(new DcqlCredentialQuery
            {
                Id = "work",
                Format = "dc+sd-jwt",
                VctValues = [metadata.WorkAuthorizationVct ?? WorkAuthorizationCredential.VctFor("localhost")],
                Claims = claims,
            }.ToJson());
        }

        return DcqlQuery.Parse(new JsonObject { ["credentials"] = credentials }).Value;
    }

    public Task<PresentationRequest?> FindAsync(string? token, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 128)
        {
            return Task.FromResult<PresentationRequest?>(null);
        }

        var hash = OfferService.HashToken(token);
        return db.Set<PresentationRequest>().AsNoTracking().FirstOrDefaultAsync(r => r.TokenHash == hash, cancellationToken);
    }

    public bool IsOpen(PresentationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Status == PresentationStatuses.Pending && request.ExpiresAt > time.GetUtcNow().UtcDateTime;
    }

    public static AuthorizationRequest Parse(PresentationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return AuthorizationRequest.FromParameters(StrictJson.ParseObject(request.RequestJson).Value).Value;
    }

    /// <summary>The link a wallet opens: by reference to the signed request object, or the unsigned request by value.</summary>
    public string WalletLink(PresentationRequest request, string token)
    {
        var parsed = Parse(request);
        return request.Signed
            ? AuthorizationRequest.ByReferenceUri(parsed.ClientId.Value, addresses.RequestUri(token))
            : parsed.ToUnsignedUri();
    }

    public string? Token(PresentationRequest request) => fields.Unprotect(request.TokenCipher, Where(request, "Token"));

    /// <summary>The request object (JAR, typ oauth-authz-req+jwt) signed now by the organization's active key; null when unsigned or closed.</summary>
    public async Task<string?> RequestObjectAsync(PresentationRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.Signed || !IsOpen(request))
        {
            return null;
        }

        var org = await db.Organizations.AsNoTracking().FirstAsync(o => o.Id == request.OrganizationId, cancellationToken);
        var key = await keys.ActiveKeyAsync(request.OrganizationId, cancellationToken);
        var identity = keys.Identity(org, key);
        var parsed = Parse(request);
        if (parsed.ClientId.Original != identity.Did)
        {
            // The organization's identity changed (a did:key rotated): the old request can no longer be signed under its client id.
            return null;
        }

        using var signing = keys.SigningKey(key);
        return parsed.SignRequestObject(signing, identity.VerificationMethod, time.GetUtcNow(), RequestObjectLifetime);
    }

    /// <summary>
    /// The response at the response URI (OpenID4VP 1.0 §8.2): the wallet's form. An accepted answer, or the wallet's refusal,
    /// closes the request once (a conditional update); a response that does not verify is refused with invalid_request and the
    /// request stays open for the right wallet.
    /// </summary>
    public async Task<(int Status, JsonObject Body)> ReceiveAsync(string token, FormParameters form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        var request = await FindAsync(token, cancellationToken);
        if (request is null || !IsOpen(request))
        {
            return (StatusCodes.Status400BadRequest, OAuthErrorResponse.ToJson(new CredentialError(OAuthErrorCodes.InvalidRequest, "This request is unknown, answered or expired.")));
        }

        var key = request.EncryptionKeyCipher is null ? null : StrictJson.ParseObject(fields.Unprotect(request.EncryptionKeyCipher, Where(request, "EncryptionKey"))!).Value;
        var transaction = new VerifierTransaction(Parse(request), key);
        var parsed = AuthorizationResponse.Parse(form, transaction);
        var now = time.GetUtcNow().UtcDateTime;
        if (!parsed.IsSuccess)
        {
            if (parsed.Error.Code == OAuthErrorCodes.AccessDenied && form["state"] == transaction.Request.State)
            {
                var refused = await CloseAsync(request, PresentationStatuses.Refused, null, now, cancellationToken);
                await audit.RecordAsync(AuditActions.PresentationReceived, "presentation-request", request.Id, request.OrganizationId, AuditOutcomes.Denied,
                    actor: (AuditActors.Anonymous, null), cancellationToken: cancellationToken);
                return refused ? (StatusCodes.Status200OK, new JsonObject()) : (StatusCodes.Status400BadRequest, OAuthErrorResponse.ToJson(parsed.Error));
            }

            await NoteProblemAsync(request, parsed.Error.Message, cancellationToken);
            return (StatusCodes.Status400BadRequest, OAuthErrorResponse.ToJson(parsed.Error));
        }

        var result = await new VpTokenValidator(verifier.Verifier.Options).ValidateAsync(parsed.Value, transaction.Request, cancellationToken);
        if (!result.Accepted)
        {
            var problem = result.Problems.Count > 0 ? result.Problems[0]
                : result.Presentations.Select(p => p.QueryProblems.Count > 0 ? p.QueryProblems[0] : p.FirstProblem?.Message).FirstOrDefault(m => m is not null) ?? "not accepted";
            logger.LogInformation("Presentation request {RequestId}: response refused", request.Id);
            await NoteProblemAsync(request, problem, cancellationToken);
            return (StatusCodes.Status400BadRequest, OAuthErrorResponse.ToJson(new CredentialError(OAuthErrorCodes.InvalidRequest, "The presentation was not accepted: " + problem)));
        }

        var outcome = PresentationOutcome.From(result);
        if (!await CloseAsync(request, PresentationStatuses.Answered, fields.Protect(outcome.ToJson(), Where(request, "Result")), now, cancellationToken))
        {
            return (StatusCodes.Status400BadRequest, OAuthErrorResponse.ToJson(new CredentialError(OAuthErrorCodes.InvalidRequest, "This request was already answered.")));
        }

        await audit.RecordAsync(AuditActions.PresentationReceived, "presentation-request", request.Id, request.OrganizationId, actor: (AuditActors.Anonymous, null), cancellationToken: cancellationToken);
        return (StatusCodes.Status200OK, new JsonObject());
    }

    public PresentationOutcome? Outcome(PresentationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return PresentationOutcome.Parse(fields.Unprotect(request.ResultCipher, Where(request, "Result")));
    }

    private async Task<bool> CloseAsync(PresentationRequest request, string status, string? result, DateTime now, CancellationToken cancellationToken) =>
        await db.Set<PresentationRequest>().Where(r => r.Id == request.Id && r.Status == PresentationStatuses.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, status).SetProperty(r => r.AnsweredAt, now).SetProperty(r => r.ResultCipher, result), cancellationToken) == 1;

    private Task NoteProblemAsync(PresentationRequest request, string problem, CancellationToken cancellationToken)
    {
        var text = OAuthErrorResponse.Describe(problem);
        return db.Set<PresentationRequest>().Where(r => r.Id == request.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.LastProblem, text.Length > 300 ? text[..300] : text), cancellationToken);
    }

    internal static FieldScope Where(PresentationRequest request, string column) => new(request.OrganizationId, PresentationRequest.Table, column, request.Id);
}
