namespace OpenLer.Server.Features.Sharing;

/// <summary>
/// One of the holder's links as the holder sees it: <see cref="Link"/> is null when the link was made before tokens were
/// kept (only its hash exists); <see cref="Live"/> when neither stopped nor expired.
/// </summary>
public sealed record HolderShare(
    Guid Id,
    string Label,
    string HolderName,
    string? Link,
    DateTime CreatedAt,
    DateTime ExpiresAt,
    DateTime? RevokedAt,
    bool Live,
    IReadOnlyList<DateTime> Opens,
    IReadOnlyList<string> CredentialNames,
    IReadOnlyList<string> Issuers,
    bool WorkAuthorization,
    int Entries)
{
    /// <summary>The badge image path of each of <see cref="CredentialNames"/>, in the same order (null when its program is gone).</summary>
    public IReadOnlyList<string?> CredentialBadges { get; init; } = [];

    /// <summary>
    /// Each credential's name in the reader's language when its organization translated its program (null: not translated),
    /// in the order of <see cref="CredentialNames"/>; the signed name stays beside it.
    /// </summary>
    public IReadOnlyList<string?> TranslatedNames { get; init; } = [];

    /// <summary>The language of each credential's own name (its program's), in the order of <see cref="CredentialNames"/>; null when unknown.</summary>
    public IReadOnlyList<string?> NameLanguages { get; init; } = [];
}
