namespace OpenLer.Server.Features.Issuance.Bulk;

/// <summary>Why a whole file cannot be used: a text for the localizer and an untranslated detail (a line number, column names).</summary>
public sealed record FileProblem(string Message, string? Detail = null);
