using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using OpenLer.Server.Infrastructure;
using OpenLer.Server.Infrastructure.Localization;
using OpenLer.Server.Infrastructure.Security;

namespace OpenLer.Server.Features.MachineApi;

/// <summary>An organization admin makes an API key (the secret is shown once) or revokes one.</summary>
[Authorize(Policy = AppClaims.OrgAdminPolicy)]
public sealed class ApiKeysPageModel(ApiKeys keys, IOptions<DeploymentOptions> options) : PageModel
{
    public string? Secret { get; private set; }

    public string? ClientId { get; private set; }

    public string BaseUrl => options.Value.BaseUrl;

    public string? Slug { get; private set; }

    public IActionResult OnGet() => Redirect("/organization#api-keys");

    public async Task<IActionResult> OnPostCreateAsync([TextField(TextLimits.Short)] string? name, [FromServices] Data.AppDbContext db)
    {
        var org = User.OrganizationId();
        var created = await keys.CreateAsync(org, name ?? "", User.StaffId(), HttpContext.RequestAborted);
        if (created is null)
        {
            TempData["message"] = L.Key("You have reached the limit of API keys. Revoke one you no longer use.");
            return Redirect("/organization#api-keys");
        }

        Secret = created.Value.Secret;
        ClientId = created.Value.Key.ClientId;
        Slug = db.Organizations.Where(o => o.Id == org).Select(o => o.Slug).First();
        Response.Headers.CacheControl = "no-store";
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid keyId)
    {
        TempData["message"] = await keys.RevokeAsync(User.OrganizationId(), keyId, HttpContext.RequestAborted)
            ? L.Key("The API key is revoked. Systems that used it can no longer connect.")
            : L.Key("This key was already revoked.");
        return Redirect("/organization#api-keys");
    }
}
