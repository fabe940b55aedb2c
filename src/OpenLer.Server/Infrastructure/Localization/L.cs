namespace OpenLer.Server.Infrastructure.Localization;

/// <summary>
/// Marks an English text in C# code as a user-facing string that pages show through the localizer (<c>T[...]</c>), so
/// the translation test finds it. It returns the text unchanged.
/// </summary>
public static class L
{
    public static string Key(string englishText) => englishText;
}
