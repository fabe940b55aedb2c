namespace OpenLer.Server.Features.Guides;

/// <summary>One numbered step: a localized text whose placeholders ({0}, {1}) are filled with the translated labels.</summary>
public sealed record GuideStep(string Text, params UiLabel[] Labels);
