namespace OpenLer.Server.Features.Guides;

/// <summary>
/// A button, link or heading that a guide step names: the same localized string the real page shows (so the guide is right
/// in every language), and the Razor page (path below the server project) that shows it, which a test checks.
/// </summary>
public sealed record UiLabel(string Text, string Page);
