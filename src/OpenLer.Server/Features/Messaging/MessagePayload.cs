namespace OpenLer.Server.Features.Messaging;

/// <summary>The secret part of a queued message (serialized, then encrypted): its contact, language and template values.</summary>
internal sealed record MessagePayload(string Contact, string Language, Dictionary<string, string> Values)
{
    public override string ToString() => "MessagePayload";
}
