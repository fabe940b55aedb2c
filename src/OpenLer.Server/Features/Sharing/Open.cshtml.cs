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
/// The employer's page: no account; each shared credential verified now (404 unknown link, 410 expired/stopped). Rate
/// limited per address (<see cref="RateLimitPolicies.ShareOpen"/>), never indexed, never cached. The credentials are this
/// deployment's own stored ones (issued here, within the JSON limits), so they are verified outside the verification
/// budget's slots: an employer's page never waits behind strangers' credentials on the Verify page.
/// </summary>
[EnableRateLimiting(RateLimitPolicies.ShareOpen)]
[NoIndex]
public sealed class OpenModel(ShareService shares, DeploymentVerifier verifier, AppDbContext db, People people, CaseRecords records, SelfReportedRecords selfReported) : PageModel
{
    public sealed record Item(CredentialView View, VerificationResult Result);

    public ShareState State { get; private set; }

    public string HolderName { get; private set; } = "";

    public List<Item> Items { get; private set; } = [];

    public List<string> Experience { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string token)
    {
        var (state, share, credentials) = await shares.OpenAsync(token, HttpContext.RequestAborted);
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
        foreach (var credential in credentials)
        {
            var json = records.CredentialJson(credential);
            var result = await verifier.VerifyAsync(json, HttpContext.RequestAborted);
            Items.Add(new Item(CredentialView.From(JsonNode.Parse(json)!.AsObject()), result));
        }

        var entries = await db.SelfReported.AsNoTracking().Where(e => e.JobseekerId == share!.JobseekerId).OrderBy(e => e.CreatedAt).ToListAsync();
        Experience = [.. entries.Select(selfReported.Description)];
        return Page();
    }
}
