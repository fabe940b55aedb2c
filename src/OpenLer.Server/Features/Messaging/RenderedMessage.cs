using OpenLer.Server.Infrastructure;

namespace OpenLer.Server.Features.Messaging;

/// <summary>A message's texts in the recipient's language, ready for a channel. Lives in memory only, never stored or logged.</summary>
internal sealed record RenderedMessage(
    Guid Id,
    MessageKind Kind,
    MessageChannel Channel,
    string Contact,
    Language Language,
    string Subject,
    string TextBody,
    string HtmlBody,
    string Sms,
    string? Code)
{
    public override string ToString() => $"RenderedMessage {{ Id = {Id}, Kind = {Kind}, Channel = {Channel} }}";
}
