using System.Globalization;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.KeyManagement.Internal;
using OpenLer.Server.Infrastructure.Commands;

namespace OpenLer.Server.Infrastructure.Security;

/// <summary>
/// <c>keyring list</c>: the keys of the Data Protection key ring (ids and dates only, never key material), and which one
/// this process would protect new data with, as Data Protection chooses it.
/// </summary>
public sealed class KeyRingListCommand(IKeyManager keys, IKeyRingProvider ring, TimeProvider time) : IServerCommand
{
    public string Name => "keyring list";

    public string Summary => "Lists the Data Protection keys (id, dates, which one protects new data)";

    public async Task<int> RunAsync(IReadOnlyList<string> arguments, IServiceProvider services, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        var now = time.GetUtcNow();
        var current = ring.GetCurrentKeyRing().DefaultKeyId;
        foreach (var key in keys.GetAllKeys().OrderBy(k => k.ActivationDate))
        {
            var state = key.IsRevoked ? "revoked (its data can no longer be read)"
                : key.KeyId == current ? "in use for new data"
                : key.ExpirationDate <= now ? "expired (still reads its data)"
                : "kept (reads its data)";
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{key.KeyId}  created {key.CreationDate:u}  active {key.ActivationDate:u}  expires {key.ExpirationDate:u}  {state}"));
        }

        return 0;
    }
}
