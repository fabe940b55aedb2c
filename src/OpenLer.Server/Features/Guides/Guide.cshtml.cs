using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace OpenLer.Server.Features.Guides;

/// <summary>One guide at a stable address; an unknown task is a 404.</summary>
public sealed class GuideModel : PageModel
{
    public Guide Guide { get; private set; } = GuideCatalog.All[0];

    public IActionResult OnGet(string task)
    {
        if (GuideCatalog.Find(task) is not { } guide)
        {
            return NotFound();
        }

        Guide = guide;
        return Page();
    }
}
