using OpenLer.Server.Features.Wallet;
using OpenLer.Server.Infrastructure;

namespace OpenLer.Server.Features.Certificates;

/// <summary>
/// One language's half of a certificate. <paramref name="ProgramName"/> is the organization's translation when
/// <paramref name="OriginalName"/> is set (then the signed name, with its language <paramref name="OriginalLanguage"/>, is
/// printed beside it); else it is the signed name, <paramref name="ProgramLanguage"/> set when it is not in this half's language.
/// </summary>
public sealed record CertificateSection(
    Language Language, string ProgramName, string? ProgramLanguage, string? OriginalName, string? OriginalLanguage,
    IReadOnlyList<DisplayText> Skills, string Issued, string LinkUntil);

/// <summary>
/// Everything a certificate prints: the person, the issuing organization, one section per language (the holder's first,
/// then English unless the holder reads English), and the share link its QR code holds.
/// </summary>
public sealed record CertificateFacts(Guid CredentialId, string HolderName, string OrganizationName, string Link, IReadOnlyList<CertificateSection> Sections)
{
    public override string ToString() => "CertificateFacts { protected }";
}
