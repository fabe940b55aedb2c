using System.Globalization;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using OpenLer.Server.Infrastructure.Commands;

namespace OpenLer.Server.Infrastructure.Security;

/// <summary>
/// <c>keyring rotate</c>: Data Protection's own rotation. Creates a new key, activated now, which becomes the key that
/// protects new data when each instance next reads the key ring (at most every 24 hours, KeyManagementOptions
/// .KeyRingRefreshPeriod, or at restart). Older keys stay in the ring, encrypted at rest like the new one, so that what
/// they protected (issuer keys, cookies) stays readable. No key is revoked or deleted: a deleted key makes its data
/// undecipherable for good.
/// </summary>
public sealed class KeyRingRotateCommand(IKeyManager keys, TimeProvider time) : IServerCommand
{
    /// <summary>Data Protection's default key lifetime.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(90);

    public string Name => "keyring rotate";

    public string Summary => "Creates a new Data Protection key for new data; older keys stay so existing data stays readable";

    public async Task<int> RunAsync(IReadOnlyList<string> arguments, IServiceProvider services, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        var older = keys.GetAllKeys();
        var now = time.GetUtcNow();
        var key = keys.CreateNewKey(now, now + Lifetime);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Created Data Protection key {key.KeyId}: active from {now:u}, expires {now + Lifetime:u}, stored encrypted like the others."));
        await output.WriteLineAsync(
            "Running instances protect new data with it when they next read the key ring (within 24 hours); restart them to switch at once.");
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{older.Count} older key(s) stay in the key ring, so data protected with them (issuer keys, sign-in cookies) stays readable. Check with: keyring list"));
        return 0;
    }
}
