namespace OpenLer.Server.Features.Protection;

/// <summary>
/// Encrypts values of a few scopes with their active keys as they were when <see cref="FieldProtector.Sealer"/> made it:
/// safe to use from several threads at once (it never reads the database), for one batch of bulk work. The values are
/// the same AES-256-GCM format as <see cref="FieldProtector.Protect"/>'s, and read back with <see cref="FieldProtector.Unprotect"/>.
/// </summary>
public sealed class FieldSealer
{
    private readonly Dictionary<Guid, (Guid Id, byte[] Key)> _keys;

    internal FieldSealer(Dictionary<Guid, (Guid Id, byte[] Key)> keys) => _keys = keys;

    /// <summary>Encrypts <paramref name="plaintext"/> for <paramref name="where"/> (a scope this sealer was made for); null stays null.</summary>
    public string? Protect(string? plaintext, FieldScope where)
    {
        if (plaintext is null)
        {
            return null;
        }

        if (!_keys.TryGetValue(where.Scope, out var key))
        {
            throw new ArgumentException("This sealer was not made for the value's scope.", nameof(where));
        }

        return FieldProtector.Seal(key.Id, key.Key, plaintext, where);
    }
}
