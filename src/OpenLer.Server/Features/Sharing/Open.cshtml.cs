using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using OpenLer.Server.Data;
using OpenLer.Server.Features.Account;
using OpenLer.Server.Features.Programs;
using OpenLer.Server.Features.Wallet;
using OpenLer.Server.Infrastructure;
using OpenLer.Server.Infrastructure.Observability;
using OpenLer.Server.Infrastructure.Security;

namespace OpenLer.Server.Features.Sharing;

/// <summary>
/// The employer's page: no account; each shared credential verified (404 unknown link, 410 expired/stopped). The work
/// authorization is the presentation made for this link, verified with this link's key-binding nonce and audience, and
/// only its disclosed facts are shown; self-reported entries are the ones the holder picked, as they read now. Rate
/// limited per address (<see cref="RateLimitPolicies.ShareOpen"/>), never indexed, never cached by browsers. Verification
/// results are recalled while the issuing organization's stamp is unchanged (<see cref="SharedCredentials"/>), and the
/// opening is recorded off the request path (<see cref="ShareOpenLog"/>): a view reads, it does not write.
/// </summary>
[EnableRateLimiting(RateLimitPolicies.ShareOpen)]
[NoIndex]
public sealed class OpenModel(ShareService shares, SharedCredentials credentials, AppDbContext db, People people, SelfReportedRecords selfReported,
    ProgramTexts programTexts, OpenLerMetrics metrics) : PageModel
{
    /// <summary>The holder's encrypted name: compiled once, as every view runs it.</summary>
    private static readonly PerModel<Func<AppDbContext, Guid, CancellationToken, Task<string?>>> NameOf = new(() => EF.CompileAsyncQuery(
        (AppDbContext context, Guid id, CancellationToken _) => context.Jobseekers.Where(j => j.Id == id).Select(j => j.NameCipher).FirstOrDefault()));

    public ShareState State { get; private set; }

    public string HolderName { get; private set; } = "";

    public List<SharedItem> Items { get; private set; } = [];

    public List<string> Experience { get; private set; } = [];

    /// <summary>Each shared credential's program text for the reader (by credential id), matched through its enrollment as the wallet does.</summary>
    public Dictionary<Guid, ProgramText> Programs { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string token)
    {
        // One connection for the view's three or four reads (SQLite runs set-up statements at every open).
        await db.Database.OpenConnectionAsync(HttpContext.RequestAborted);
        try
        {
            return await ShowAsync(token);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private async Task<IActionResult> ShowAsync(string token)
    {
        var (state, share) = await shares.OpenAsync(token, HttpContext.RequestAborted);
        State = state;
        if (state == ShareState.NotFound)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }

        if (state != ShareState.Open)
        {
            Response.StatusCode = StatusCodes.Status410Gone;
            return Page();
        }

        metrics.ShareOpened();
        HolderName = people.Name(share!.JobseekerId, await NameOf.For(db)(db, share.JobseekerId, HttpContext.RequestAborted));
        Items = await credentials.VerifyAsync(share!, HttpContext.RequestAborted);
        var programs = Items.Where(i => !i.WorkAuthorization && i.CredentialId is not null && i.ProgramId is not null)
            .Select(i => (i.CredentialId!.Value, i.ProgramId!.Value)).ToList();
        Programs = await programTexts.ForProgramsOfAsync(programs, Languages.Current.Code, HttpContext.RequestAborted);
        var entryIds = share!.Items.Where(i => i.Kind == ShareItemKinds.SelfReported && i.SelfReportedId != null).Select(i => i.SelfReportedId!.Value).ToList();
        if (entryIds.Count > 0)
        {
            var entries = await db.SelfReported.AsNoTracking().Where(e => e.JobseekerId == share.JobseekerId && entryIds.Contains(e.Id))
                .OrderBy(e => e.CreatedAt).ToListAsync(HttpContext.RequestAborted);
            Experience = [.. entries.Select(selfReported.Description)];
        }

        return Page();
    }
}
