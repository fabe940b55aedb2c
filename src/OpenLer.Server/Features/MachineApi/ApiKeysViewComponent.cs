using Microsoft.AspNetCore.Mvc;
using OpenLer.Server.Infrastructure;

namespace OpenLer.Server.Features.MachineApi;

/// <summary>The API keys section of the organization page (rendered there by name, so the organization feature does not depend on this one).</summary>
public sealed class ApiKeysViewComponent(ApiKeys keys) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync() =>
        View("~/Features/MachineApi/_ApiKeys.cshtml", await keys.ListAsync(UserClaimsPrincipal.OrganizationId()));
}
