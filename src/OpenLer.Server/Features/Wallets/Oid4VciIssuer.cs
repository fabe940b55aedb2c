using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using OpenLer.Credentials.Common;
using OpenLer.Credentials.Encodings;
using OpenLer.Credentials.Json;
using OpenLer.Credentials.Protocols;
using OpenLer.Credentials.Protocols.Oid4Vci;
using OpenLer.Server.Data;
using OpenLer.Server.Features.Account;
using OpenLer.Server.Features.Audit;

namespace OpenLer.Server.Features.Wallets;

/// <summary>
/// The OpenID4VCI endpoints of an organization (1.0 final, and draft 13 requests): token (pre-authorized code with a
/// transaction code, limited attempts), nonce, and credential (Bearer token, <c>proofs.jwt</c> or draft 13 <c>proof</c>,
/// key proofs by EdDSA / ES256 keys named by did:key, did:jwk or jwk). Every state change is a conditional update inside one
/// transaction, so a code, a token, a nonce and an offer are each used once on SQLite and PostgreSQL alike.
/// </summary>
public sealed class Oid4VciIssuer(AppDbContext db, OfferService offers, OfferDelivery delivery, People people, ProtocolRandom random,
    AuditTrail audit, TimeProvider time, ILogger<Oid4VciIssuer> logger)
{
    public static readonly TimeSpan AccessTokenLifetime = TimeSpan.FromMinutes(10);
    public static readonly TimeSpan NonceLifetime = TimeSpan.FromMinutes(5);

    /// <summary>Longest token request value read (RFC 6749 parameters are short).</summary>
    public const int MaxFormValue = 4096;

    /// <summary>Token endpoint (1.0 §6; RFC 6749 §5): the form body as sent.</summary>
    public async Task<ProtocolResult> TokenAsync(Organization org, string body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(org);
        var parsed = FormParameters.Parse(body, MaxFormValue).Then(TokenRequest.Parse);
        if (!parsed.IsSuccess)
        {
            return ProtocolResult.Error(parsed.Error);
        }

        var request = parsed.Value;
        var offer = await offers.FindByTokenAsync(request.PreAuthorizedCode, cancellationToken);
        if (offer is not null && offer.OrganizationId != org.Id)
        {
            offer = null;
        }

        var grant = offer is null ? null : new PreAuthorizedGrant
        {
            ExpiresAt = new DateTimeOffset(offer.ExpiresAt, TimeSpan.Zero),
            Used = offer.CodeUsedAt is not null || offer.CancelledAt is not null || offer.DeliveredAt is not null,
            ExpectedTxCode = offer.TxCodeHash,
            CredentialConfigurationIds = offer.ConfigurationIds.Split(' ', StringSplitOptions.RemoveEmptyEntries),
        };

        // The code is compared as a keyed hash: the database never holds it in clear.
        var hashed = request with { TxCode = request.TxCode is null ? null : people.CodeHash(OfferService.TxCodePurpose, request.TxCode) };
        var now = time.GetUtcNow();
        var validated = hashed.Validate(grant, now);
        if (!validated.IsSuccess)
        {
            if (offer is not null && grant is { Used: false } && now < grant.ExpiresAt && hashed.TxCode is not null && hashed.TxCode != offer.TxCodeHash)
            {
                await CountWrongTxCodeAsync(offer, cancellationToken);
            }

            return ProtocolResult.Error(validated.Error);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var utcNow = now.UtcDateTime;
        var claimed = await db.Set<WalletOffer>()
            .Where(o => o.Id == offer!.Id && o.CodeUsedAt == null && o.CancelledAt == null && o.DeliveredAt == null && o.ExpiresAt > utcNow
                && o.TxCodeAttempts < OfferService.MaxTxCodeAttempts)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.CodeUsedAt, utcNow), cancellationToken);
        if (claimed != 1)
        {
            return ProtocolResult.Error(new CredentialError(OAuthErrorCodes.InvalidGrant, "The pre-authorized code is unknown or was already used."));
        }

        var accessToken = random.NewToken();
        db.Set<IssuerAccessToken>().Add(new IssuerAccessToken
        {
            Id = Guid.NewGuid(),
            OfferId = offer!.Id,
            TokenHash = OfferService.HashToken(accessToken),
            ExpiresAt = utcNow + AccessTokenLifetime,
        });
        var cNonce = NewNonce(utcNow);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        // c_nonce in the token response is draft 13's (§6.2); 1.0 wallets ignore it and ask the nonce endpoint.
        return ProtocolResult.Ok(TokenResponse.Build(accessToken, AccessTokenLifetime, cNonce, NonceLifetime));
    }

    /// <summary>Nonce endpoint (1.0 §7): a fresh c_nonce, sent with Cache-Control: no-store.</summary>
    public async Task<ProtocolResult> NonceAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await db.Set<IssuerNonce>().Where(n => n.ExpiresAt < now.AddHours(-1)).ExecuteDeleteAsync(cancellationToken);
        var nonce = NewNonce(now);
        await db.SaveChangesAsync(cancellationToken);
        return ProtocolResult.Ok(TokenResponse.Nonce(nonce));
    }

    /// <summary>Credential endpoint (1.0 §8; draft 13 §7): <paramref name="authorization"/> is the Authorization header.</summary>
    public async Task<ProtocolResult> CredentialAsync(Organization org, CredentialIssuerMetadata metadata, string? authorization, string body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(org);
        ArgumentNullException.ThrowIfNull(metadata);

        // RFC 6750 §2.1: "Bearer" and the token.
        if (authorization is null || !authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || authorization.Length > 1024)
        {
            return ProtocolResult.InvalidToken("A Bearer access token from the token endpoint is required.");
        }

        var tokenHash = OfferService.HashToken(authorization["Bearer ".Length..].Trim());
        var now = time.GetUtcNow().UtcDateTime;
        var token = await db.Set<IssuerAccessToken>().AsNoTracking().FirstOrDefaultAsync(t => t.TokenHash == tokenHash, cancellationToken);
        var offer = token is null ? null : await db.Set<WalletOffer>().AsNoTracking().FirstOrDefaultAsync(o => o.Id == token.OfferId && o.OrganizationId == org.Id, cancellationToken);
        if (token is null || offer is null || token.ExpiresAt <= now || token.UsedAt is not null)
        {
            return ProtocolResult.InvalidToken("The access token is unknown, expired or was already used.");
        }

        var parsed = CredentialRequest.Parse(body, metadata, 1);
        if (!parsed.IsSuccess)
        {
            return await RefuseAsync(parsed.Error, body, cancellationToken);
        }

        var request = parsed.Value;
        var draft13 = request.Version == Oid4VciVersion.Draft13;
        if (!offer.ConfigurationIds.Split(' ').Contains(request.Configuration.Id, StringComparer.Ordinal))
        {
            return await RefuseAsync(new CredentialError(draft13 ? OAuthErrorCodes.UnsupportedCredentialType : OAuthErrorCodes.InvalidCredentialRequest,
                "This access token does not cover that credential configuration."), body, cancellationToken);
        }

        var format = request.Configuration.Format;
        if (format is not (CredentialFormatNames.LdpVc or CredentialFormatNames.JwtVcJson))
        {
            return await RefuseAsync(new CredentialError(OAuthErrorCodes.CredentialRequestDenied, "This offer does not deliver that credential."), body, cancellationToken);
        }

        // The nonce is looked up before the proof is checked; the validator asks about it only after the signature verified.
        var claimedNonce = PeekNonce(request.ProofJwts[0]);
        var active = claimedNonce is not null && await db.Set<IssuerNonce>().AnyAsync(n => n.Value == claimedNonce && n.UsedAt == null && n.ExpiresAt > now, cancellationToken);
        var proof = new KeyProofValidator(time).Validate(request.ProofJwts[0],
            KeyProofExpectations.For(request.Configuration, metadata.CredentialIssuer, n => active && n == claimedNonce));
        if (!proof.IsSuccess)
        {
            return await RefuseAsync(proof.Error, body, cancellationToken);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var nonceUsed = await db.Set<IssuerNonce>().Where(n => n.Value == proof.Value.Nonce && n.UsedAt == null && n.ExpiresAt > now)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.UsedAt, now), cancellationToken);
        if (nonceUsed != 1)
        {
            return ProtocolResult.Error(new CredentialError(OAuthErrorCodes.InvalidNonce, "The key proof's nonce was already used: get a fresh c_nonce."));
        }

        var tokenUsed = await db.Set<IssuerAccessToken>().Where(t => t.Id == token.Id && t.UsedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.UsedAt, now), cancellationToken);
        if (tokenUsed != 1)
        {
            return ProtocolResult.InvalidToken("The access token was already used.");
        }

        var protocol = draft13 ? OfferDelivery.Oid4VciDraft13 : OfferDelivery.Oid4Vci;
        var delivered = await delivery.DeliverAsync(offer, proof.Value.Did, protocol, format, checkExpiry: false, cancellationToken);
        if (!delivered.IsSuccess)
        {
            logger.LogInformation("Offer {OfferId}: credential refused ({Code})", offer.Id, delivered.Error.Code);
            return ProtocolResult.Error(new CredentialError(OAuthErrorCodes.CredentialRequestDenied, "This offer was already used, cancelled or its credential was revoked."));
        }

        var nextNonce = draft13 ? NewNonce(now) : null;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        JsonNode credential = format == CredentialFormatNames.LdpVc
            ? JsonNode.Parse(delivered.Value.Credential)!
            : JsonValue.Create(delivered.Value.Credential);
        return ProtocolResult.Ok(CredentialResponse.Build(request.Version, [credential], nextCNonce: nextNonce, cNonceExpiresIn: NonceLifetime));
    }

    /// <summary>
    /// An error answer; a draft 13 wallet also receives a fresh c_nonce with <c>invalid_proof</c> / <c>invalid_nonce</c> (draft 13
    /// §7.3.1.2), so it can retry with a new proof.
    /// </summary>
    private async Task<ProtocolResult> RefuseAsync(CredentialError error, string body, CancellationToken cancellationToken)
    {
        if (error.Code is OAuthErrorCodes.InvalidProof or OAuthErrorCodes.InvalidNonce && body.Contains("\"format\"", StringComparison.Ordinal))
        {
            var now = time.GetUtcNow().UtcDateTime;
            var nonce = NewNonce(now);
            await db.SaveChangesAsync(cancellationToken);
            return ProtocolResult.Error(error, new JsonObject { ["c_nonce"] = nonce, ["c_nonce_expires_in"] = (long)NonceLifetime.TotalSeconds });
        }

        return ProtocolResult.Error(error);
    }

    private async Task CountWrongTxCodeAsync(WalletOffer offer, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await db.Set<WalletOffer>().Where(o => o.Id == offer.Id && o.CodeUsedAt == null && o.CancelledAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.TxCodeAttempts, o => o.TxCodeAttempts + 1), cancellationToken);
        var locked = await db.Set<WalletOffer>()
            .Where(o => o.Id == offer.Id && o.TxCodeAttempts >= OfferService.MaxTxCodeAttempts && o.CancelledAt == null && o.CodeUsedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.CancelledAt, now).SetProperty(o => o.CancelReason, "tx-code"), cancellationToken);
        if (locked == 1)
        {
            await audit.RecordAsync(AuditActions.OfferTxCodeLocked, "wallet-offer", offer.Id, offer.OrganizationId, AuditOutcomes.Denied,
                actor: (AuditActors.Anonymous, null), cancellationToken: cancellationToken);
            logger.LogWarning("Offer {OfferId} cancelled after {Attempts} wrong transaction codes", offer.Id, OfferService.MaxTxCodeAttempts);
        }
    }

    private string NewNonce(DateTime now)
    {
        var nonce = random.NewNonce();
        db.Set<IssuerNonce>().Add(new IssuerNonce { Id = Guid.NewGuid(), Value = nonce, ExpiresAt = now + NonceLifetime });
        return nonce;
    }

    /// <summary>The nonce a proof claims (unverified: only used to look the nonce up before the proof is verified).</summary>
    private static string? PeekNonce(string jwt)
    {
        var parts = jwt.Split('.');
        if (parts.Length != 3 || parts[1].Length > 8192)
        {
            return null;
        }

        var payload = Base64Url.Decode(parts[1]);
        if (!payload.IsSuccess)
        {
            return null;
        }

        var json = StrictJson.ParseObject(System.Text.Encoding.UTF8.GetString(payload.Value), new JsonLimits { MaxBytes = 8192, MaxDepth = 4 });
        return json.IsSuccess && CredentialFields.Text(json.Value, "nonce") is { Length: > 0 and <= 64 } nonce ? nonce : null;
    }
}
