namespace OpenLer.Server.Features.Organizations;

/// <summary>
/// Which change of an entity invalidates what caches know about an organization (registered by the entity's own feature
/// with <see cref="OrganizationsFeature.AddOrganizationStamp{T}"/>): given properties modified, or the row added or
/// deleted. Read by <see cref="OrganizationStamps"/>.
/// </summary>
public interface IStampRule
{
    /// <summary>The entity type watched.</summary>
    Type Entity { get; }

    /// <summary>The organization an entity belongs to.</summary>
    Guid OrganizationOf(object entity);

    /// <summary>Whether a change of this entry replaces its organization's stamp.</summary>
    bool Applies(Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry entry);
}

/// <summary>A stamp rule for <typeparamref name="T"/>: the given properties modified, or (optionally) the row added or deleted.</summary>
internal sealed class StampRule<T>(Func<T, Guid> organization, bool onAddOrDelete, IReadOnlyList<string> properties) : IStampRule
    where T : class
{
    public Type Entity => typeof(T);

    public Guid OrganizationOf(object entity) => organization((T)entity);

    public bool Applies(Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return entry.State switch
        {
            Microsoft.EntityFrameworkCore.EntityState.Added or Microsoft.EntityFrameworkCore.EntityState.Deleted => onAddOrDelete,
            Microsoft.EntityFrameworkCore.EntityState.Modified => properties.Count == 0
                ? entry.Properties.Any(p => p.IsModified)
                : properties.Any(p => entry.Property(p).IsModified),
            _ => false,
        };
    }
}
