using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenLer.Server.Data;
using OpenLer.Server.Features.Sharing;
using OpenLer.Server.Tests.Support;

namespace OpenLer.Server.Tests.Sharing;

/// <summary>
/// SECURITY.md DR-01 for share links: the token a link carries is kept so the holder can see the link again, but only
/// encrypted (people's scope) beside its SHA-256 hash. The raw SQLite files (database, -wal, -shm) hold neither the token
/// nor the link, in UTF-8 or UTF-16; the stored value decrypts back to the token only through the share's own scope.
/// </summary>
public sealed class ShareTokenAtRestTests
{
    [Fact]
    public async Task The_share_token_is_stored_encrypted_and_never_in_clear()
    {
        using var app = new OpenLerFactory(Db.Sqlite);
        _ = app.Services;
        await app.WithScopeAsync(s => s.GetRequiredService<AppDbContext>().Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;"));
        await app.CreateOrganizationAsync("acme", "admin@acme.test");
        await Journey.IssueAsync(app, new WebSession(app.Client()), "admin@acme.test", "Warehouse Basics", "amina@rest.test");
        var holder = new WebSession(app.Client());
        await Journey.SignInJobseekerAsync(app, holder, "amina@rest.test");
        var path = await Journey.ShareAsync(holder);
        var token = path[(path.LastIndexOf('/') + 1)..];

        var (cipher, hash, readBack, otherScope) = await app.WithScopeAsync(async s =>
        {
            var db = s.GetRequiredService<AppDbContext>();
            var share = await db.Shares.AsNoTracking().SingleAsync();
            var shares = s.GetRequiredService<ShareService>();
            var fields = s.GetRequiredService<OpenLer.Server.Features.Protection.FieldProtector>();
            var other = fields.TryUnprotect(share.TokenCipher!, ShareService.LabelWhere(share), out var plain) ? plain : null;

            return (share.TokenCipher, share.TokenHash, shares.Token(share), other);
        });

        Assert.NotNull(cipher);
        Assert.DoesNotContain(token, cipher, StringComparison.Ordinal);
        Assert.Equal(ShareTokens.Hash(token), hash);
        Assert.Equal(token, readBack);
        Assert.NotEqual(token, otherScope);

        var files = Directory.GetFiles(app.DataFolder, "openler.db*");
        Assert.Contains(files, f => f.EndsWith("openler.db", StringComparison.Ordinal));
        Assert.Contains(files, f => f.EndsWith("openler.db-wal", StringComparison.Ordinal));
        var hashFound = false;
        foreach (var file in files)
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            var bytes = new byte[stream.Length];
            stream.ReadExactly(bytes);
            foreach (var (form, needle) in new[] { ("UTF-8", Encoding.UTF8.GetBytes(token)), ("UTF-16LE", Encoding.Unicode.GetBytes(token)), ("UTF-16BE", Encoding.BigEndianUnicode.GetBytes(token)) })
            {
                Assert.True(bytes.AsSpan().IndexOf(needle) < 0, $"{Path.GetFileName(file)} holds the share token ({form})");
            }

            hashFound |= bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(hash)) >= 0;
        }

        // The hash is what lookups use, so it is there: the scan reads the files that hold the shares.
        Assert.True(hashFound, "the token's hash is stored");
    }
}
