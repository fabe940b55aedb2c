using OpenLer.Server.Infrastructure;

namespace OpenLer.Server.Features.Account;

/// <summary>
/// The app's cookie names: <c>__Host-</c> prefixed (Secure, Path=/, no Domain: a sibling host cannot set or shadow them,
/// ASVS 3.3.1) unless a local plain-http demo allows insecure cookies.
/// </summary>
public sealed class CookieNames(DeploymentOptions options)
{
    private string Prefix => options.AllowInsecureCookies ? "" : "__Host-";

    public bool Secure => !options.AllowInsecureCookies;

    public string Staff => Prefix + "openler.staff";

    public string Wallet => Prefix + "openler.wallet";

    public string Employer => Prefix + "openler.employer";

    public string TwoFactor => Prefix + "openler.2fa";

    public string Antiforgery => Prefix + "openler.af";

    /// <summary>The sign-in attempt a sent code is bound to.</summary>
    public string Attempt => Prefix + "openler.attempt";

    public string Language => Prefix + "openler.lang";

    public CookieSecurePolicy Policy => options.AllowInsecureCookies ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
}
