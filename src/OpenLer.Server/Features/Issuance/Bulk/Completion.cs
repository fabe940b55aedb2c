namespace OpenLer.Server.Features.Issuance.Bulk;

/// <summary>One valid row of a completions file: who (normalized contact, name), what (program name), when, and the rest.</summary>
public sealed record Completion(string Contact, string Name, string Program, DateOnly CompletedOn, string? Evidence, string? EnglishLevel, string Language);
