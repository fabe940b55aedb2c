using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenLer.Credentials.Common;
using OpenLer.Credentials.Keys;
using OpenLer.Credentials.WorkAuthorization;
using OpenLer.Server.Data;
using OpenLer.Server.Features.Account;
using OpenLer.Server.Features.Audit;
using OpenLer.Server.Features.Issuance;
using OpenLer.Server.Features.Organizations;
using OpenLer.Server.Features.Protection;
using OpenLer.Server.Features.StatusLists;
using OpenLer.Server.Infrastructure;

namespace OpenLer.Server.Features.WorkAuthorization;

/// <summary>
/// Issues the library's work-authorization SD-JWT VC from a record (every claim selectively disclosable), bound to a fresh
/// holder key the person's wallet keeps, with an IETF Token Status List entry, expiring at the end of "valid until".
/// Issuing from a newer document revokes the credential issued from the older one. Error codes: NOT_LINKED, NO_CONSENT,
/// NO_RECORD, CHANGED (the record changed since the caseworker's preview), EXPIRED.
/// </summary>
public sealed class WorkAuthorizationIssuer(AppDbContext db, OrganizationKeys keys, TokenStatusLists statusLists, WorkAuthorizationRecords records,
    Consents consents, WalletKeys walletKeys, FieldProtector fields, AuditTrail audit, IOptions<DeploymentOptions> options, TimeProvider time,
    ILogger<WorkAuthorizationIssuer> logger)
{
    /// <summary>The claims the credential will carry (without the status entry and holder key, which issuing adds), for the preview.</summary>
    public Outcome<JsonObject> Preview(Organization org, OrganizationKey key, WorkAuthorizationFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var identity = keys.Identity(org, key);
        return WorkAuthorizationCredential.BuildClaims(Claims(facts), DeploymentDomain, identity.Did, time.GetUtcNow());
    }

    public async Task<Outcome<IssuedWorkAuthorization>> IssueAsync(Guid organizationId, Guid clientId, int expectedVersion, CancellationToken cancellationToken = default)
    {
        var client = await db.Clients.FirstOrDefaultAsync(c => c.OrganizationId == organizationId && c.Id == clientId, cancellationToken);
        if (client?.JobseekerId is not { } jobseekerId || client.Link is not (ClientLinks.Created or ClientLinks.Linked))
        {
            return Outcome.Error("NOT_LINKED", "The person has not accepted this organization's invitation yet.");
        }

        if (await consents.ActiveAsync(organizationId, clientId, cancellationToken) is null)
        {
            return Outcome.Error("NO_CONSENT", "There is no consent to hold the person's work-authorization data.");
        }

        var record = await records.FindAsync(organizationId, clientId, cancellationToken);
        if (record is null || record.ErasedAt is not null)
        {
            return Outcome.Error("NO_RECORD", "No work-authorization document is recorded.");
        }

        if (record.Version != expectedVersion)
        {
            return Outcome.Error("CHANGED", "The record changed since the preview.");
        }

        var facts = records.Read(record);
        var now = time.GetUtcNow();
        if (facts.ValidUntil is { } until && until < DateOnly.FromDateTime(now.UtcDateTime))
        {
            return Outcome.Error("EXPIRED", "The document is no longer valid.");
        }

        var org = await db.Organizations.AsNoTracking().FirstAsync(o => o.Id == organizationId, cancellationToken);
        var signingKey = await keys.ActiveKeyAsync(organizationId, cancellationToken);
        var identity = keys.Identity(org, signingKey);

        await using var transaction = await db.Database.BeginOrJoinAsync(cancellationToken);
        var previous = await db.Set<IssuedWorkAuthorization>()
            .Where(c => c.OrganizationId == organizationId && c.ClientId == clientId && c.RevokedAt == null).ToListAsync(cancellationToken);
        foreach (var old in previous)
        {
            old.RevokedAt = now.UtcDateTime;
            old.RevocationReason = RevocationReasons.Replaced;
            await statusLists.RevokeAsync(organizationId, old.Id, cancellationToken);
            await audit.RecordAsync(AuditActions.CredentialRevoked, "work-authorization", old.Id, organizationId, detail: RevocationReasons.Replaced, cancellationToken: cancellationToken);
        }

        var credential = new IssuedWorkAuthorization
        {
            Id = Guid.NewGuid(),
            OrganizationId = organizationId,
            ClientId = clientId,
            RecordId = record.Id,
            RecordVersion = record.Version,
            JobseekerId = jobseekerId,
            SigningKeyId = signingKey.Id,
            IssuedAt = now.UtcDateTime,
        };
        var holder = walletKeys.Create(jobseekerId, credential.Id);
        credential.HolderDid = holder.Did;
        var entry = await statusLists.AllocateAsync(signingKey, credential.Id, cancellationToken);
        using (var key = keys.SigningKey(signingKey))
        using (var random = RandomNumberGenerator.Create())
        {
            var issued = WorkAuthorizationCredential.Issue(Claims(facts), DeploymentDomain, key, identity.Did, identity.VerificationMethod,
                PublicKey.FromMultibase(holder.PublicKeyMultibase).Value, random, now, statusLists.Reference(org, entry));
            if (!issued.IsSuccess)
            {
                logger.LogError("Work-authorization credential not signed: {Code}", issued.Error.Code);
                return issued.Error;
            }

            credential.SdJwtCipher = fields.Protect(issued.Value.Compact, Where(credential));
        }

        db.Set<IssuedWorkAuthorization>().Add(credential);
        record.LastActivityAt = now.UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        await statusLists.PublishAsync(organizationId, entry.ListNumber, cancellationToken);
        await audit.RecordAsync(AuditActions.CredentialIssued, "work-authorization", credential.Id, organizationId, cancellationToken: cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("Issued work-authorization credential {CredentialId} for organization {OrganizationId}", credential.Id, organizationId);
        return credential;
    }

    /// <summary>Revokes a credential of this organization's client; false when not found.</summary>
    public async Task<bool> RevokeAsync(Guid organizationId, Guid clientId, Guid credentialId, string reason, CancellationToken cancellationToken = default)
    {
        var credential = await db.Set<IssuedWorkAuthorization>()
            .FirstOrDefaultAsync(c => c.OrganizationId == organizationId && c.ClientId == clientId && c.Id == credentialId, cancellationToken);
        if (credential is null)
        {
            return false;
        }

        if (credential.RevokedAt is null)
        {
            await using var transaction = await db.Database.BeginOrJoinAsync(cancellationToken);
            credential.RevokedAt = time.GetUtcNow().UtcDateTime;
            credential.RevocationReason = reason;
            await db.SaveChangesAsync(cancellationToken);
            await statusLists.RevokeAsync(organizationId, credential.Id, cancellationToken);
            await audit.RecordAsync(AuditActions.CredentialRevoked, "work-authorization", credential.Id, organizationId, detail: reason, cancellationToken: cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            logger.LogInformation("Revoked work-authorization credential {CredentialId}", credential.Id);
        }

        return true;
    }

    /// <summary>The wallet's copy (the SD-JWT VC with every disclosure), or null once removed.</summary>
    public string? SdJwt(IssuedWorkAuthorization credential)
    {
        ArgumentNullException.ThrowIfNull(credential);
        return fields.Unprotect(credential.SdJwtCipher, Where(credential));
    }

    public static FieldScope Where(IssuedWorkAuthorization credential)
    {
        ArgumentNullException.ThrowIfNull(credential);
        return FieldScope.Person(IssuedWorkAuthorization.Table, "SdJwt", credential.Id);
    }

    /// <summary>The deployment's host name, under which the credential type (vct) lies.</summary>
    /// <summary>The host the profile's vct is named under; a local deployment reached by an IP address names "localhost".</summary>
    private string DeploymentDomain => new Uri(options.Value.BaseUrl) is { HostNameType: UriHostNameType.Dns } uri ? uri.Host : "localhost";

    /// <summary>The library's claims for the facts: the organization attests it saw the document, on the day it did.</summary>
    private static WorkAuthorizationClaims Claims(WorkAuthorizationFacts facts) => new()
    {
        AuthorizedToWork = true,
        ValidUntil = facts.ValidUntil,
        DocumentSeenAt = new DateTimeOffset(facts.SeenOn.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
        StatusCategory = facts.StatusCategory,
        DocumentType = facts.DocumentType,
        Category = facts.EadCategory,
        ANumber = facts.ANumber,
        DocumentNumber = facts.DocumentNumber,
    };
}
