using System.Security.Cryptography;
using System.Text;
using OpenLer.Server.Features.Account;

namespace OpenLer.Server.Features.HelpMode;

/// <summary>
/// The device's help-mode cookie: a random 256-bit token (HttpOnly, SameSite=Strict, <c>__Host-</c> unless insecure cookies
/// are allowed), kept as its SHA-256 on the server. It carries no personal data.
/// </summary>
public static class HelpModeCookie
{
    public static string Name(CookieNames names)
    {
        ArgumentNullException.ThrowIfNull(names);
        return (names.Secure ? "__Host-" : "") + "openler.help";
    }

    public static string NewToken() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token ?? "")));

    public static string? Read(HttpContext context, CookieNames names)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Request.Cookies.TryGetValue(Name(names), out var token) && token is { Length: 43 } ? token : null;
    }

    public static void Write(HttpContext context, CookieNames names, string token)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.Cookies.Append(Name(names), token, new CookieOptions
        {
            HttpOnly = true,
            Secure = names.Secure || context.Request.IsHttps,
            SameSite = SameSiteMode.Strict,
            Path = "/",
            IsEssential = true,
        });
    }

    public static void Delete(HttpContext context, CookieNames names)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.Cookies.Delete(Name(names), new CookieOptions { Secure = names.Secure || context.Request.IsHttps, Path = "/", SameSite = SameSiteMode.Strict, HttpOnly = true });
    }
}
