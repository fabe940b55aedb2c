using Microsoft.EntityFrameworkCore;
using OpenLer.Server.Data;
using OpenLer.Server.Features.Protection;
using OpenLer.Server.Infrastructure;

namespace OpenLer.Server.Features.Sharing;

/// <summary>Encrypts share labels an older version kept in plain text, and erases the plain text; gives old shares a nonce.</summary>
public sealed class LegacySharingUpgrade(AppDbContext db, FieldProtector fields) : IStartupStep
{
    public int Order => 23;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var shares = await db.Shares.Where(s => s.LegacyLabel != null || s.Nonce == "").ToListAsync(cancellationToken);
        foreach (var share in shares)
        {
            if (!string.IsNullOrEmpty(share.LegacyLabel))
            {
                share.LabelCipher = fields.Protect(share.LegacyLabel, ShareService.LabelWhere(share));
            }

            share.LegacyLabel = null;
            if (share.Nonce.Length == 0)
            {
                share.Nonce = Credentials.Encodings.Base64Url.Encode(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
            }
        }

        if (shares.Count > 0)
        {
            await db.SaveChangesAsync(cancellationToken);
        }
    }
}
