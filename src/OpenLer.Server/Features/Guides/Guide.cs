namespace OpenLer.Server.Features.Guides;

/// <summary>A staff guide: one printable page at <c>/guides/{Slug}</c> (issue 15, "Guides").</summary>
public sealed record Guide(string Slug, string Title, string Audience, IReadOnlyList<GuideStep> Steps, IReadOnlyList<GuideStep> Tips);
