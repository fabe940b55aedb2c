using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using OpenLer.Credentials.Verification;
using OpenLer.Server.Data;
using OpenLer.Server.Features.Account;
using OpenLer.Server.Features.Issuance;
using OpenLer.Server.Features.Verify;
using OpenLer.Server.Features.Wallet;
using OpenLer.Server.Infrastructure.Security;

namespace OpenLer.Server.Features.Sharing;

/// <summary>
/// The employer's page: no account; each shared credential verified now (404 unknown link, 410 expired/stopped). The work
/// authorization is the presentation made for this link, verified with this link's key-binding nonce and audience, and
/// only its disclosed facts are shown; self-reported entries are the ones the holder picked, as they read now. Rate
/// limited per address (<see cref="RateLimitPolicies.ShareOpen"/>), never indexed, never cached. The credentials are this
/// deployment's own stored ones (issued here, within the JSON limits), so they are verified outside the verification
/// budget's slots: an employer's page never waits behind strangers' credentials on the Verify page.
/// </summary>
[EnableRateLimiting(RateLimitPolicies.ShareOpen)]
[NoIndex]
public sealed class OpenModel(ShareService shares, DeploymentVerifier verifier, AppDbContext db, People people, CaseRecords records, SelfReportedRecords selfReported,
    SharedWorkAuthorization workAuthorization) : PageModel
{
    public sealed record Item(CredentialView? View, VerificationResult Result, bool WorkAuthorization = false);

    public ShareState State { get; private set; }

    public string HolderName { get; private set; } = "";

    public List<Item> Items { get; private set; } = [];

    public List<string> Experience { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string token)
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

        HolderName = people.Name(await db.Jobseekers.AsNoTracking().FirstAsync(j => j.Id == share!.JobseekerId));
        var ids = share!.Items.Where(i => i.Kind == ShareItemKinds.Credential && i.CredentialId != null).Select(i => i.CredentialId!.Value).ToList();
        var credentials = await db.Credentials.AsNoTracking().Where(c => c.JobseekerId == share.JobseekerId && ids.Contains(c.Id)).OrderBy(c => c.IssuedAt).ToListAsync();
        foreach (var credential in credentials)
        {
            var json = records.CredentialJson(credential);
            var result = await verifier.VerifyAsync(json, HttpContext.RequestAborted);
            Items.Add(new Item(CredentialView.From(JsonNode.Parse(json)!.AsObject()), result));
        }

        foreach (var presented in await workAuthorization.VerifyAsync(share, HttpContext.RequestAborted))
        {
            Items.Add(new Item(presented.View, presented.Result, WorkAuthorization: true));
        }

        var entryIds = share.Items.Where(i => i.Kind == ShareItemKinds.SelfReported && i.SelfReportedId != null).Select(i => i.SelfReportedId!.Value).ToList();
        var entries = await db.SelfReported.AsNoTracking().Where(e => e.JobseekerId == share.JobseekerId && entryIds.Contains(e.Id)).OrderBy(e => e.CreatedAt).ToListAsync();
        Experience = [.. entries.Select(selfReported.Description)];
        return Page();
    }
}
