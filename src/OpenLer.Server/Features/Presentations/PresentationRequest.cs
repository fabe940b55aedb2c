using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OpenLer.Server.Features.Presentations;

/// <summary>
/// An OpenID4VP 1.0 request an organization made (for an employer it works with): the authorization request as JSON
/// (client id, nonce, state, DCQL query, response mode; nothing personal), the private part of the ephemeral encryption key
/// for <c>direct_post.jwt</c> (encrypted), and once a wallet answered, the verified result (encrypted: it holds what the
/// person disclosed). The token in its links is kept as a SHA-256 hash, and encrypted so staff can show the QR again.
/// </summary>
public sealed class PresentationRequest
{
    public const string Table = "PresentationRequests";

    public Guid Id { get; set; }

    public Guid OrganizationId { get; set; }

    /// <summary>The employer the request is for (an employer the organization works with).</summary>
    public Guid? EmployerId { get; set; }

    /// <summary>staff or employer.</summary>
    public string CreatedByKind { get; set; } = "";

    public string? CreatedById { get; set; }

    public string TokenHash { get; set; } = "";

    public string TokenCipher { get; set; } = "";

    public string RequestJson { get; set; } = "";

    public string? EncryptionKeyCipher { get; set; }

    /// <summary>True for a <c>decentralized_identifier:</c> request signed with the organization's key; false for <c>redirect_uri:</c>.</summary>
    public bool Signed { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime ExpiresAt { get; set; }

    /// <summary>pending, answered (verified and accepted) or refused (the wallet said no).</summary>
    public string Status { get; set; } = PresentationStatuses.Pending;

    public DateTime? AnsweredAt { get; set; }

    /// <summary>The verified result (<see cref="PresentationOutcome"/> JSON), encrypted in the organization's scope.</summary>
    public string? ResultCipher { get; set; }

    /// <summary>Why the last response was refused (no personal data), for staff; the request stays open.</summary>
    public string? LastProblem { get; set; }
}

/// <summary>The states of a presentation request.</summary>
public static class PresentationStatuses
{
    public const string Pending = "pending";
    public const string Answered = "answered";
    public const string Refused = "refused";
}

internal sealed class PresentationRequestConfiguration : IEntityTypeConfiguration<PresentationRequest>
{
    public void Configure(EntityTypeBuilder<PresentationRequest> builder)
    {
        builder.ToTable(PresentationRequest.Table);
        builder.HasIndex(r => r.TokenHash).IsUnique();
        builder.HasIndex(r => new { r.OrganizationId, r.CreatedAt });
        builder.Property(r => r.TokenHash).HasMaxLength(64);
        builder.Property(r => r.CreatedByKind).HasMaxLength(16);
        builder.Property(r => r.CreatedById).HasMaxLength(64);
        builder.Property(r => r.Status).HasMaxLength(16);
        builder.Property(r => r.LastProblem).HasMaxLength(300);
    }
}
