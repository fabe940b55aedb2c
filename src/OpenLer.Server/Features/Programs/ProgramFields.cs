using OpenLer.Server.Infrastructure.Localization;

namespace OpenLer.Server.Features.Programs;

/// <summary>The text fields of a program form, kept as typed so a skill search or an error shows them again.</summary>
public sealed record ProgramFields(string? Name = null, string? Description = null, string? Criteria = null, string? ImageUrl = null, bool RecordsEnglishLevel = false)
{
    /// <summary>What is wrong with the fields (a localizer key), or null.</summary>
    public string? Problem()
    {
        if (string.IsNullOrWhiteSpace(Name) || string.IsNullOrWhiteSpace(Description) || string.IsNullOrWhiteSpace(Criteria))
        {
            return L.Key("Please fill in the name, what the person learned and how they earned it.");
        }

        return !string.IsNullOrWhiteSpace(ImageUrl) && !(Uri.TryCreate(ImageUrl, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps)
            ? L.Key("The image address must start with https://.")
            : null;
    }
}
