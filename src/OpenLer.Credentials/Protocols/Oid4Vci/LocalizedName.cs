namespace OpenLer.Credentials.Protocols.Oid4Vci;

/// <summary>A display text for one language (BCP 47 tag), as the <c>display</c> arrays of issuer metadata carry them.</summary>
public sealed record LocalizedName(string Locale, string Name, string? Description = null);
