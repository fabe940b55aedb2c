namespace OpenLer.Server.Features.Programs;

/// <summary>A program's text as one reader sees it: in their language when translated, else the original with its language.</summary>
public sealed record ProgramText(string Name, string Description, string Criteria, string Language, bool Translated);
