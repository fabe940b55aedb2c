using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenLer.Credentials.WorkAuthorization;
using OpenLer.Server.Features.Audit;
using OpenLer.Server.Features.Issuance;
using OpenLer.Server.Infrastructure.Localization;

namespace OpenLer.Server.Features.WorkAuthorization;

/// <summary>
/// Finds the clients whose record holds an A-number, through its keyed blind index (never the value), among the clients
/// this staff member may see. The A-number is posted, never put in a URL; each search is audited (the count, not the number).
/// </summary>
public sealed class IndexModel(StaffScope scope, CaseRecords caseRecords, WorkAuthorizationRecords records, AuditTrail audit) : PageModel
{
    public sealed record Match(Guid ClientId, string Name);

    public List<Match>? Matches { get; private set; }

    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<PageResult> OnPostAsync(string? aNumber)
    {
        var normalized = ANumbers.Normalize(aNumber);
        Response.Headers.CacheControl = "no-store";
        if (!normalized.IsSuccess)
        {
            Error = L.Key("An A-number is the letter A and 7 to 9 digits, for example A123456789.");
            return Page();
        }

        var found = await records.ClientsWithANumberAsync(scope.OrganizationId, normalized.Value, HttpContext.RequestAborted);
        Matches = [];
        foreach (var clientId in found)
        {
            if (await scope.FindClientAsync(clientId, HttpContext.RequestAborted) is { } client)
            {
                Matches.Add(new Match(client.Id, caseRecords.ClientName(client)));
            }
        }

        await audit.RecordAsync(AuditActions.ProtectedLookup, "a-number", null, scope.OrganizationId,
            detail: "matches " + Matches.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), cancellationToken: HttpContext.RequestAborted);
        return Page();
    }
}
