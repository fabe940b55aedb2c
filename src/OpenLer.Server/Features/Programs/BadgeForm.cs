namespace OpenLer.Server.Features.Programs;

/// <summary>The badge controls of a program (shown on its edit page and on its badge page), with errors tied to their fields.</summary>
/// <param name="ProgramId">The program.</param>
/// <param name="Preview">The published address of the badge as it is now (with a version so a new image shows at once).</param>
/// <param name="Colour">The colour of the generated badge.</param>
/// <param name="Uploaded">Whether the program uses an uploaded image.</param>
/// <param name="ImageError">What is wrong with the uploaded file (a localizer key), or null.</param>
/// <param name="ColourError">What is wrong with the colour (a localizer key), or null.</param>
public sealed record BadgeForm(Guid ProgramId, string Preview, string Colour, bool Uploaded, string? ImageError = null, string? ColourError = null);
