using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace OpenLer.Credentials.Status;

/// <summary>
/// The status lists of many issuers: one <see cref="StatusListState"/> per issuer and purpose, created on first use.
/// Thread-safe. The server keeps the states in its database and restores them with <see cref="Add"/>.
/// </summary>
/// <param name="random">Shared source of index randomness.</param>
/// <param name="listCredentialId">Names the list credential URL for an issuer and purpose, e.g.
/// <c>(issuer, purpose) =&gt; $"https://cbo.example/status/{purpose}/1"</c>.</param>
public sealed class StatusListRegistry(RandomNumberGenerator random, Func<string, string, string> listCredentialId)
{
    private readonly ConcurrentDictionary<(string Issuer, string Purpose), StatusListState> _lists = new();

    /// <summary>The issuer's list for <paramref name="purpose"/>, created empty if it does not exist yet.</summary>
    public StatusListState GetOrCreate(string issuer, string purpose)
    {
        ArgumentException.ThrowIfNullOrEmpty(issuer);
        if (!StatusPurpose.IsSupported(purpose))
        {
            throw new ArgumentException($"Unsupported status purpose '{purpose}'.", nameof(purpose));
        }

        return _lists.GetOrAdd((issuer, purpose), key => new StatusListState(listCredentialId(key.Issuer, key.Purpose), key.Purpose, random));
    }

    /// <summary>Registers a restored list; false if the issuer already has one for that purpose.</summary>
    public bool Add(string issuer, StatusListState state)
    {
        ArgumentException.ThrowIfNullOrEmpty(issuer);
        ArgumentNullException.ThrowIfNull(state);
        return _lists.TryAdd((issuer, state.Purpose), state);
    }
}
