using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OpenLer.Server.Data;
using OpenLer.Server.Features.Issuance;
using OpenLer.Server.Infrastructure;

namespace OpenLer.Server.Features.Wallet;

/// <summary>One of the jobseeker's own credentials (someone else's answers 404), with a JSON download.</summary>
public sealed class CredentialModel(AppDbContext db, CaseRecords records) : PageModel
{
    [FromRoute]
    public Guid Id { get; set; }

    public CredentialView View { get; private set; } = null!;

    public bool Revoked { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var credential = await FindAsync();
        if (credential is null)
        {
            return NotFound();
        }

        View = CredentialView.From(JsonNode.Parse(records.CredentialJson(credential))!.AsObject());
        Revoked = credential.RevokedAt is not null;
        return Page();
    }

    public async Task<IActionResult> OnGetDownloadAsync()
    {
        var credential = await FindAsync();
        return credential is null
            ? NotFound()
            : File(Encoding.UTF8.GetBytes(records.CredentialJson(credential)), "application/json", $"credential-{credential.Id:N}.json");
    }

    private Task<IssuedCredential?> FindAsync()
    {
        var owner = User.JobseekerId();
        return db.Credentials.AsNoTracking().FirstOrDefaultAsync(c => c.JobseekerId == owner && c.Id == Id && c.SourceCredentialId == null);
    }
}
