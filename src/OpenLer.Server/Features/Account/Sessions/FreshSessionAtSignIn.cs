namespace OpenLer.Server.Features.Account.Sessions;

/// <summary>
/// Session fixation (ASVS 7.2.4, SECURITY.md WA-11): ASP.NET Core's cookie handler, when a request already carries a session
/// cookie, renews that session's key with the new sign-in instead of creating a new one. A key planted in a victim's
/// browser (or left from an ended session) would then carry the victim's sign-in, and the planter would hold it. So the
/// sign-in pages (asking for a code, entering it, password, second step) are served without the staff and wallet session
/// cookies, on GET as on POST (the form's antiforgery token then belongs to nobody, as the post does): every sign-in gets
/// a fresh random key. Runs first, before authentication reads any cookie.
/// </summary>
public sealed class FreshSessionAtSignIn(CookieNames names) : IStartupFilter
{
    /// <summary>The pages that sign a person in.</summary>
    public static readonly string[] SignInPaths = ["/account/sign-in", "/account/code", "/account/staff-sign-in", "/account/staff-2fa"];

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (context, following) =>
        {
            if (SignInPaths.Any(p => context.Request.Path.Equals(p, StringComparison.OrdinalIgnoreCase)))
            {
                StripSessionCookies(context.Request, names);
            }

            await following(context);
        });
        next(app);
    };

    /// <summary>Removes the session cookies (and their chunks) from the request's Cookie header.</summary>
    public static void StripSessionCookies(HttpRequest request, CookieNames names)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(names);
        var header = request.Headers.Cookie.ToString();
        if (header.Length == 0)
        {
            return;
        }

        string[] sessions = [names.Staff, names.Wallet];
        var kept = header.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(pair =>
            {
                var name = pair.Split('=', 2)[0].Trim();
                return !sessions.Any(s => name.Equals(s, StringComparison.Ordinal) || (name.StartsWith(s + "C", StringComparison.Ordinal) && int.TryParse(name.AsSpan(s.Length + 1), out _)));
            });
        request.Headers.Cookie = string.Join("; ", kept);
    }
}
