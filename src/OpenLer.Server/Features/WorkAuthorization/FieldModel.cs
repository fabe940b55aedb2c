namespace OpenLer.Server.Features.WorkAuthorization;

/// <summary>One labelled input of the record form, with its plain-language error (aria-invalid, aria-describedby).</summary>
public sealed record FieldModel(string Name, string Label, string Type, string? Value, FieldError? Error, int MaxLength);
