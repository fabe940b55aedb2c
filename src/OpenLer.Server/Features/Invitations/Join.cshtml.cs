using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using OpenLer.Server.Features.Account;
using OpenLer.Server.Infrastructure;
using OpenLer.Server.Infrastructure.Security;

namespace OpenLer.Server.Features.Invitations;

/// <summary>An organization invited the person: they type the code they received, then agree or refuse.</summary>
public sealed class JoinModel(Invitations invitations, IOptions<DeploymentOptions> options, IServiceProvider services, TimeProvider time,
    Microsoft.AspNetCore.DataProtection.IDataProtectionProvider protection) : PageModel
{
    /// <summary>The unlocked invitation travels to the answer step in a protected, 15-minute ticket (never its code).</summary>
    private readonly Microsoft.AspNetCore.DataProtection.ITimeLimitedDataProtector _tickets =
        Microsoft.AspNetCore.DataProtection.DataProtectionAdvancedExtensions.ToTimeLimitedDataProtector(protection.CreateProtector("OpenLer.Invitations.Answer.v1"));

    /// <summary>The protected ticket of the unlocked invitation, posted back with the answer.</summary>
    public string? Ticket { get; private set; }

    [BindProperty]
    [TextField(TextLimits.Contact)]
    public string? Contact { get; set; }

    [BindProperty]
    [TextField(TextLimits.Code)]
    public string? Code { get; set; }

    public bool Failed { get; private set; }

    public string? Organization { get; private set; }

    public bool? Answered { get; private set; }

    /// <summary>Demo mode only: the latest invitation sent to this contact, shown instead of being sent.</summary>
    public Messaging.DemoMessage? DemoMessage { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostOpenAsync()
    {
        var open = Contact is { Length: <= Contacts.MaxLength } && Code is { Length: <= 40 }
            ? await invitations.OpenAsync(Contact, Code, HttpContext.RequestAborted)
            : null;
        if (open is null)
        {
            Failed = true;
            DemoMessage = options.Value.Demo
                ? await DemoMessages.LatestAsync(services, Contacts.Normalize(Contact, options.Value.PhoneRegion), Messaging.MessageKind.OrganizationInvitationCode, time, HttpContext.RequestAborted)
                : null;
            return Page();
        }

        Ticket = _tickets.Protect(open.Id.ToString(), TimeSpan.FromMinutes(15));
        Organization = open.OrganizationName;
        return Page();
    }

    public async Task<IActionResult> OnPostAnswerAsync(bool agree, string? ticket)
    {
        if (!TryOpenTicket(ticket, out var id) || !await invitations.AnswerAsync(id, agree, HttpContext.RequestAborted))
        {
            Failed = true;
            return Page();
        }

        Answered = agree;
        return Page();
    }

    private bool TryOpenTicket(string? ticket, out Guid id)
    {
        id = Guid.Empty;
        if (string.IsNullOrEmpty(ticket) || ticket.Length > 1000)
        {
            return false;
        }

        try
        {
            return Guid.TryParse(_tickets.Unprotect(ticket), out id);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return false;
        }
    }
}
