using System.Globalization;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using OpenLer.Server.Infrastructure.Commands;

namespace OpenLer.Server.Infrastructure.Security;

/// <summary><c>keyring list</c>: the keys of the Data Protection key ring (ids and dates only, never key material).</summary>
public sealed class KeyRingListCommand(IKeyManager keys, TimeProvider time) : IServerCommand
{
    public string Name => "keyring list";

    public string Summary => "Lists the Data Protection keys (id, dates, which one is in use)";

    public async Task<int> RunAsync(IReadOnlyList<string> arguments, IServiceProvider services, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        var now = time.GetUtcNow();
        var all = keys.GetAllKeys().OrderBy(k => k.ActivationDate).ToList();
        var current = all.Where(k => !k.IsRevoked && k.ActivationDate <= now && k.ExpirationDate > now).MaxBy(k => k.ActivationDate);
        foreach (var key in all)
        {
            var state = key.IsRevoked ? "revoked" : key == current ? "in use" : key.ExpirationDate <= now ? "expired (still reads its data)" : "kept";
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{key.KeyId}  created {key.CreationDate:u}  active {key.ActivationDate:u}  expires {key.ExpirationDate:u}  {state}"));
        }

        return 0;
    }
}
