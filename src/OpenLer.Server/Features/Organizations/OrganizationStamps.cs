using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using OpenLer.Server.Data;

namespace OpenLer.Server.Features.Organizations;

/// <summary>
/// Replaces <see cref="Organization.Stamp"/> in the same save (so in the same transaction) as any change a registered
/// <see cref="IStampRule"/> names: a revocation, a key added or rotated, the organization edited. The new value is random
/// (never an increment: two instances saving at once cannot produce the same value twice), so a cache entry keyed on the
/// stamp an instance read before it verified can only be used while nothing changed. Changes made with ExecuteUpdate or SQL
/// bypass this and must replace the stamp themselves (<see cref="NewStamp"/>).
/// </summary>
public sealed class OrganizationStamps(IEnumerable<IStampRule> rules) : SaveChangesInterceptor
{
    private readonly Dictionary<Type, IStampRule[]> _rules = rules.GroupBy(r => r.Entity).ToDictionary(g => g.Key, g => g.ToArray());
    private readonly ConditionalWeakTable<DbContext, List<Organization>> _stubs = [];

    /// <summary>A fresh random stamp (never 0, the value of rows written before stamps existed).</summary>
    public static long NewStamp()
    {
        long value;
        do
        {
            value = BitConverter.ToInt64(RandomNumberGenerator.GetBytes(8));
        }
        while (value == 0);
        return value;
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        Stamp(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        Stamp(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        DetachStubs(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        DetachStubs(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        DetachStubs(eventData.Context);
    }

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        DetachStubs(eventData.Context);
        return Task.CompletedTask;
    }

    private void Stamp(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        // The interceptor runs before SaveChanges detects changes; without this a property set on a tracked entity is unseen.
        context.ChangeTracker.DetectChanges();
        var organizations = new HashSet<Guid>();
        foreach (var entry in context.ChangeTracker.Entries().ToList())
        {
            if (entry.Entity is Organization org)
            {
                var changed = entry.State == EntityState.Added
                    || (entry.State == EntityState.Modified && entry.Properties.Any(p => p.IsModified && p.Metadata.Name != nameof(Organization.Stamp)));
                if (changed)
                {
                    org.Stamp = NewStamp();
                }

                continue;
            }

            if (_rules.TryGetValue(entry.Metadata.ClrType, out var matching))
            {
                foreach (var rule in matching.Where(r => r.Applies(entry)))
                {
                    organizations.Add(rule.OrganizationOf(entry.Entity));
                }
            }
        }

        foreach (var id in organizations)
        {
            var tracked = context.ChangeTracker.Entries<Organization>().FirstOrDefault(e => e.Entity.Id == id);
            if (tracked is { State: EntityState.Added or EntityState.Deleted })
            {
                continue;
            }

            if (tracked is null)
            {
                // Not loaded: update the stamp alone (a stub with only Stamp marked modified), detached again after the save.
                var stub = new Organization { Id = id };
                tracked = context.Attach(stub);
                _stubs.GetOrCreateValue(context).Add(stub);
            }

            tracked.Property(o => o.Stamp).CurrentValue = NewStamp();
            tracked.Property(o => o.Stamp).IsModified = true;
        }
    }

    private void DetachStubs(DbContext? context)
    {
        if (context is null || !_stubs.TryGetValue(context, out var stubs))
        {
            return;
        }

        foreach (var stub in stubs)
        {
            context.Entry(stub).State = EntityState.Detached;
        }

        _stubs.Remove(context);
    }
}
