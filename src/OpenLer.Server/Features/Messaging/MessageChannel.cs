namespace OpenLer.Server.Features.Messaging;

/// <summary>How a message travels, chosen by its contact: an e-mail address goes by e-mail, an E.164 phone number by SMS.</summary>
public enum MessageChannel
{
    Email,
    Sms,
}
