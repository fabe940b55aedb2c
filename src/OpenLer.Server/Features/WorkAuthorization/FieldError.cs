namespace OpenLer.Server.Features.WorkAuthorization;

/// <summary>A plain-language problem with one form field: a localization key and, when it has one, its argument (a date).</summary>
public sealed record FieldError(string Field, string Message, DateOnly? Date = null);
