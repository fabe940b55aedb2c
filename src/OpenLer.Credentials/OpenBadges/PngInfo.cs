namespace OpenLer.Credentials.OpenBadges;

/// <summary>What <see cref="PngImage.Inspect"/> read from a PNG's header: its size in pixels.</summary>
public sealed record PngInfo(int Width, int Height);
