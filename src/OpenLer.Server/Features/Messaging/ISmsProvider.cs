namespace OpenLer.Server.Features.Messaging;

/// <summary>
/// Sends one SMS through a provider to an E.164 number; implementations treat rate limits and server errors as
/// <see cref="SendStatus.Transient"/>, other refusals as <see cref="SendStatus.Permanent"/>, and never log the number,
/// the body or the provider's answer body.
/// </summary>
public interface ISmsProvider
{
    Task<SendResult> SendAsync(string to, string body, CancellationToken cancellationToken);
}
