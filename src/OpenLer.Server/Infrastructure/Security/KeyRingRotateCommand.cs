using System.Globalization;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using OpenLer.Server.Infrastructure.Commands;

namespace OpenLer.Server.Infrastructure.Security;

/// <summary>
/// <c>keyring rotate</c>: Data Protection's own rotation. Creates a new key, active now, which protects everything
/// protected from now on; older keys stay in the ring (still encrypted at rest) so that what they protected (issuer keys,
/// cookies) stays readable. No key is revoked or deleted: a deleted key makes its data undecipherable.
/// </summary>
public sealed class KeyRingRotateCommand(IKeyManager keys, TimeProvider time) : IServerCommand
{
    /// <summary>Data Protection's default key lifetime.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(90);

    public string Name => "keyring rotate";

    public string Summary => "Creates a new Data Protection key (used from now on); older keys stay so existing data stays readable";

    public async Task<int> RunAsync(IReadOnlyList<string> arguments, IServiceProvider services, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        var older = keys.GetAllKeys();
        var now = time.GetUtcNow();
        var key = keys.CreateNewKey(now, now + Lifetime);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Created Data Protection key {key.KeyId}: active from {now:u}, expires {now + Lifetime:u}. It protects what is protected from now on."));
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{older.Count} older key(s) stay in the key ring, so data protected with them (issuer keys, sign-in cookies) stays readable."));
        await output.WriteLineAsync("Other running instances use the new key within their key ring refresh (at most 24 hours) or after a restart.");
        return 0;
    }
}
