using System.Text;
using Microsoft.EntityFrameworkCore;
using OpenLer.Server.Data;

namespace OpenLer.Server.Features.Badges;

/// <summary>
/// Reads and changes program badges. Every query names the program's organization: staff pass their own organization
/// (another organization's program is not found); the public address passes the organization's slug.
/// </summary>
public sealed class BadgeImages(AppDbContext db, TimeProvider time)
{
    /// <summary>The badge published at /orgs/{slug}/programs/{programId}/badge, or null when there is no such program.</summary>
    public async Task<BadgeImage?> PublishedAsync(string slug, Guid programId, CancellationToken cancellationToken)
    {
        var program = await db.Programs.AsNoTracking()
            .Where(p => p.Id == programId && db.Organizations.Any(o => o.Id == p.OrganizationId && o.Slug == slug))
            .Select(p => new { p.OrganizationId, p.Name })
            .FirstOrDefaultAsync(cancellationToken);
        return program is null ? null : await OfAsync(program.OrganizationId, programId, program.Name, cancellationToken);
    }

    /// <summary>The badge of a program of <paramref name="organizationId"/>, or null when it has no such program.</summary>
    public async Task<BadgeImage?> ForProgramAsync(Guid organizationId, Guid programId, CancellationToken cancellationToken)
    {
        var name = await db.Programs.AsNoTracking().Where(p => p.OrganizationId == organizationId && p.Id == programId)
            .Select(p => p.Name).FirstOrDefaultAsync(cancellationToken);
        return name is null ? null : await OfAsync(organizationId, programId, name, cancellationToken);
    }

    /// <summary>The colour the program's generated badge uses (the default when none was chosen).</summary>
    public async Task<string> ColourAsync(Guid organizationId, Guid programId, CancellationToken cancellationToken) =>
        await db.Set<ProgramBadge>().AsNoTracking().Where(b => b.OrganizationId == organizationId && b.ProgramId == programId)
            .Select(b => b.Colour).FirstOrDefaultAsync(cancellationToken) ?? BadgeColour.Default;

    /// <summary>Stores an uploaded PNG the caller has checked with <see cref="BadgeUpload.Problem"/>.</summary>
    public async Task SaveImageAsync(Guid organizationId, Guid programId, byte[] png, CancellationToken cancellationToken)
    {
        if (BadgeUpload.Problem(png) is not null)
        {
            throw new ArgumentException("The image has not passed BadgeUpload.Problem.", nameof(png));
        }

        var badge = await RowAsync(organizationId, programId, cancellationToken);
        badge.Image = png;
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Chooses the generated badge in <paramref name="colour"/> (a value <see cref="BadgeColour.Parse"/> accepted), dropping an upload.</summary>
    public async Task SaveColourAsync(Guid organizationId, Guid programId, string colour, CancellationToken cancellationToken)
    {
        var badge = await RowAsync(organizationId, programId, cancellationToken);
        badge.Colour = BadgeColour.Parse(colour) ?? throw new ArgumentException("Not a #rrggbb colour.", nameof(colour));
        badge.Image = null;
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task<BadgeImage> OfAsync(Guid organizationId, Guid programId, string name, CancellationToken cancellationToken)
    {
        var badge = await db.Set<ProgramBadge>().AsNoTracking()
            .Where(b => b.OrganizationId == organizationId && b.ProgramId == programId)
            .Select(b => new { b.Colour, b.Image })
            .FirstOrDefaultAsync(cancellationToken);
        return badge?.Image is { } png
            ? new BadgeImage(png, BadgeUpload.MediaType, Uploaded: true)
            : new BadgeImage(Encoding.UTF8.GetBytes(GeneratedBadge.Svg(name, badge?.Colour)), GeneratedBadge.MediaType, Uploaded: false);
    }

    /// <summary>The program's badge row (made when missing); the program must belong to the organization (callers checked).</summary>
    private async Task<ProgramBadge> RowAsync(Guid organizationId, Guid programId, CancellationToken cancellationToken)
    {
        var badge = await db.Set<ProgramBadge>().FirstOrDefaultAsync(b => b.OrganizationId == organizationId && b.ProgramId == programId, cancellationToken);
        if (badge is null)
        {
            if (!await db.Programs.AnyAsync(p => p.OrganizationId == organizationId && p.Id == programId, cancellationToken))
            {
                throw new InvalidOperationException("No such program in this organization.");
            }

            badge = new ProgramBadge { ProgramId = programId, OrganizationId = organizationId };
            db.Add(badge);
        }

        badge.UpdatedAt = time.GetUtcNow().UtcDateTime;
        return badge;
    }
}
