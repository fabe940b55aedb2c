namespace OpenLer.Server.Features.Messaging;

/// <summary>
/// Demo mode: a delivered message as the demo outbox shows it (the text the person would have received, in their
/// language). <see cref="Code"/> is the code it carries, if any.
/// </summary>
public sealed record DemoMessage(
    MessageKind Kind,
    MessageChannel Channel,
    string Contact,
    string Language,
    string? Subject,
    string Body,
    string? Code,
    DateTime CreatedAt,
    DateTime ExpiresAt)
{
    /// <summary>Never prints the contact, the body or the code.</summary>
    public override string ToString() => $"DemoMessage {{ Kind = {Kind}, Channel = {Channel} }}";
}
