namespace OpenLer.Server.Features.Programs;

/// <summary>A program's text as one reader sees it: in their language when translated, else the original with its language.</summary>
public sealed record ProgramText(string Name, string Description, string Criteria, string Language, bool Translated)
{
    /// <summary>The language the program (and so its issued credentials) is written in; equals <see cref="Language"/> when not translated.</summary>
    public string OriginalLanguage { get; init; } = Language;
}
