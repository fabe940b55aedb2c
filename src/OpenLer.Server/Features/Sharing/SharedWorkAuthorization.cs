using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using OpenLer.Credentials.Common;
using OpenLer.Server.Data;
using OpenLer.Server.Features.Verify;
using OpenLer.Server.Features.Wallet;
using OpenLer.Server.Features.WorkAuthorization;

namespace OpenLer.Server.Features.Sharing;

/// <summary>
/// Verifies the work-authorization items of a share the one way every reader does (the share page, and the employer pages
/// through an application's share): the stored presentation against the share's <see cref="ShareService.KeyBinding"/>.
/// </summary>
public sealed class SharedWorkAuthorization(ShareService shares, DeploymentVerifier verifier, AppDbContext db)
{
    /// <summary>The share's work-authorization items, each verified now; an item whose presentation was erased is left out.</summary>
    public async Task<List<PresentedWorkAuthorization>> VerifyAsync(Share share, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(share);
        var presented = new List<PresentedWorkAuthorization>();
        foreach (var item in share.Items.Where(i => i.Kind == ShareItemKinds.WorkAuthorization))
        {
            if (shares.Presentation(item) is not { } presentation)
            {
                continue;
            }

            var result = await verifier.VerifyAsync(presentation, shares.KeyBinding(share), cancellationToken);
            var claims = result.Credential?.Document is JsonObject document && result.Credential.Format == CredentialFormats.SdJwtVc ? document : null;
            var view = claims is null ? null : CredentialView.FromSdJwtVc(claims);

            // A verified credential of this deployment's organization is shown with the organization's name, not only its DID.
            if (view is not null && result.Verified && item.CredentialId is { } workId)
            {
                var issuer = await db.Set<IssuedWorkAuthorization>().AsNoTracking().Where(c => c.Id == workId)
                    .Join(db.Organizations, c => c.OrganizationId, o => o.Id, (c, o) => o.Name).FirstOrDefaultAsync(cancellationToken);
                view = view with { IssuerName = issuer };
            }

            presented.Add(new PresentedWorkAuthorization(result, claims, view));
        }

        return presented;
    }
}
