namespace OpenLer.Server.Features.Messaging;

/// <summary>
/// The texts of one <see cref="MessageKind"/>, as keys of the string catalog (Resources/Strings/*.tsv, keyed by English):
/// an e-mail subject, the e-mail body's paragraphs and a short SMS body. Placeholders {0}, {1}... take the values named by
/// <see cref="Values"/>, in that order.
/// </summary>
public sealed record MessageTemplate(MessageKind Kind, string Subject, IReadOnlyList<string> Paragraphs, string Sms, IReadOnlyList<string> Values);
