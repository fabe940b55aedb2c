using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using OpenLer.Credentials.Protocols;
using OpenLer.Credentials.Protocols.VcApi;
using OpenLer.Credentials.Verification;
using OpenLer.Server.Data;
using OpenLer.Server.Features.Verify;

namespace OpenLer.Server.Features.Wallets;

/// <summary>
/// The VC-API exchange of an offer, as the DCC Learner Credential Wallet runs it (VCALM "Participate in an Exchange"): the
/// wallet POSTs <c>{}</c> and receives a DIDAuthentication request with a fresh challenge and this deployment's domain; it
/// POSTs a DID-authentication presentation, which is verified (proof purpose authentication, challenge, domain, signed by the
/// holder DID); the challenge is consumed and the credential is issued to that DID and delivered in a presentation.
/// </summary>
public sealed class VcApiExchange(AppDbContext db, OfferService offers, OfferDelivery delivery, DeploymentVerifier verifier, WalletAddresses addresses,
    ProtocolRandom random, ILogger<VcApiExchange> logger)
{
    public async Task<ProtocolResult> StepAsync(string token, string body, CancellationToken cancellationToken)
    {
        var offer = await offers.FindByTokenAsync(token, cancellationToken);
        if (offer is null)
        {
            return Problem(StatusCodes.Status404NotFound, "Unknown exchange.");
        }

        if (offers.StateOf(offer) != OfferState.Open)
        {
            return Problem(StatusCodes.Status410Gone, "This offer was already used, cancelled or has expired. Ask for a new one.");
        }

        var message = ExchangeMessages.ParseWalletMessage(body);
        if (!message.IsSuccess)
        {
            return Problem(StatusCodes.Status400BadRequest, message.Error.Message);
        }

        if (message.Value is null)
        {
            // Step 1: a fresh challenge each time the wallet (re)starts; the last one is the one that counts.
            var challenge = random.NewNonce();
            var started = await db.Set<WalletOffer>().Where(o => o.Id == offer.Id && o.DeliveredAt == null && o.CancelledAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(o => o.ExchangeChallenge, challenge), cancellationToken);
            return started == 1
                ? ProtocolResult.Ok(ExchangeMessages.DidAuthenticationRequest(challenge, addresses.ExchangeDomain))
                : Problem(StatusCodes.Status410Gone, "This offer was already used or cancelled.");
        }

        if (offer.ExchangeChallenge is not { } expected)
        {
            return Problem(StatusCodes.Status400BadRequest, "Start the exchange with {} to receive a challenge.");
        }

        var holder = await new PresentationVerifier(verifier.Verifier).VerifyDidAuthenticationAsync(message.Value, expected, addresses.ExchangeDomain, cancellationToken);
        if (!holder.IsSuccess)
        {
            logger.LogInformation("Offer {OfferId}: DID authentication refused ({Code})", offer.Id, holder.Error.Code);
            return Problem(StatusCodes.Status400BadRequest, "The DID authentication did not verify: " + OAuthErrorResponse.Describe(holder.Error.Message));
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var consumed = await db.Set<WalletOffer>().Where(o => o.Id == offer.Id && o.ExchangeChallenge == expected)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.ExchangeChallenge, (string?)null), cancellationToken);
        if (consumed != 1)
        {
            return Problem(StatusCodes.Status400BadRequest, "This challenge was already answered.");
        }

        var delivered = await delivery.DeliverAsync(offer, holder.Value, OfferDelivery.VcApi, CredentialFormatNames.LdpVc, checkExpiry: true, cancellationToken);
        if (!delivered.IsSuccess)
        {
            return Problem(StatusCodes.Status410Gone, "This offer was already used, cancelled or has expired.");
        }

        await transaction.CommitAsync(cancellationToken);
        return ProtocolResult.Ok(ExchangeMessages.Delivery([JsonNode.Parse(delivered.Value.Credential)!.AsObject()]));
    }

    /// <summary>An RFC 9457 problem (VCALM answers errors as problem details).</summary>
    private static ProtocolResult Problem(int status, string title) => new(status, new JsonObject
    {
        ["type"] = "about:blank",
        ["title"] = OAuthErrorResponse.Describe(title),
        ["status"] = status,
    });
}
