using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using OpenLer.Server.Infrastructure;

namespace OpenLer.Server.Features.Practice;

/// <summary>
/// While in practice, the pages that manage the real organization (its staff, sites and keys, its API keys, its employer
/// partners) are closed: they act on people and partners outside the practice space. They lead back to the practice page.
/// </summary>
public sealed class PracticeGuardFilter : IAsyncPageFilter
{
    private static readonly string[] Closed = ["/Organizations/Index", "/MachineApi/ApiKeysPage", "/Employers/Partners/Index"];

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (context.HttpContext.User.InPractice() && Closed.Contains(context.ActionDescriptor.ViewEnginePath, StringComparer.Ordinal))
        {
            context.Result = new RedirectResult("/practice?closed=true");
            return;
        }

        await next();
    }
}
