using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;

namespace OpenLer.Server.Features.Messaging;

/// <summary>
/// Encrypts what the queue and the demo outbox keep with ASP.NET Core Data Protection, one purpose each (so a value from one
/// cannot be read as the other, nor by any other part of the app).
/// </summary>
internal sealed class MessageProtection(IDataProtectionProvider provider)
{
    public const string QueuePurpose = "OpenLer.Messaging.Queue.v1";
    public const string DemoOutboxPurpose = "OpenLer.Messaging.DemoOutbox.v1";

    private readonly IDataProtector _queue = provider.CreateProtector(QueuePurpose);
    private readonly IDataProtector _demo = provider.CreateProtector(DemoOutboxPurpose);

    public string ProtectPayload(MessagePayload payload) => Convert.ToBase64String(_queue.Protect(JsonSerializer.SerializeToUtf8Bytes(payload)));

    /// <summary>The payload, or null when it cannot be decrypted (key ring lost or changed) or read.</summary>
    public MessagePayload? UnprotectPayload(string protectedPayload) => Unprotect<MessagePayload>(_queue, protectedPayload);

    public string ProtectDemo(DemoMessage message) => Convert.ToBase64String(_demo.Protect(JsonSerializer.SerializeToUtf8Bytes(message)));

    public DemoMessage? UnprotectDemo(string protectedMessage) => Unprotect<DemoMessage>(_demo, protectedMessage);

    private static T? Unprotect<T>(IDataProtector protector, string value)
        where T : class
    {
        try
        {
            return JsonSerializer.Deserialize<T>(protector.Unprotect(Convert.FromBase64String(value)));
        }
        catch (Exception e) when (e is CryptographicException or FormatException or JsonException)
        {
            return null;
        }
    }
}
