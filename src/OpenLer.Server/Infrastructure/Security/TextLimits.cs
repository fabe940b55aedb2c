namespace OpenLer.Server.Infrastructure.Security;

/// <summary>
/// Length limits of the app's text fields, in UTF-16 characters (what an HTML <c>maxlength</c> counts). Pages show them
/// as <c>maxlength="@TextLimits.Name"</c> and declare them on their handler parameters with
/// <c>[TextField(TextLimits.Name)]</c>; <see cref="TextFieldFilter"/> refuses longer values (400) on the server.
/// </summary>
public static class TextLimits
{
    /// <summary>A person's, program's, site's or employer's name.</summary>
    public const int Name = 200;

    /// <summary>An e-mail address (RFC 5321 §4.5.3.1.3: 254 in a path) or a phone number.</summary>
    public const int Contact = 254;

    /// <summary>A two-letter country code (ISO 3166-1 alpha-2), e.g. a site's region for phone numbers.</summary>
    public const int CountryCode = 2;

    /// <summary>A cohort, a share link's label.</summary>
    public const int Short = 100;

    /// <summary>A revocation reason, a self-reported experience.</summary>
    public const int Sentence = 500;

    /// <summary>A description, criteria, evidence.</summary>
    public const int Paragraph = 2000;

    /// <summary>An https address (an image URL).</summary>
    public const int Url = 500;

    /// <summary>A password (NIST SP 800-63B §3.1.1.2 asks to accept at least 64; the account pages show 256).</summary>
    public const int Password = 256;

    /// <summary>A one-time code, an invitation or letter code, a recovery code (the account pages show 40 to 64).</summary>
    public const int Code = 64;

    /// <summary>A pasted credential on the Verify page (its own budget applies after).</summary>
    public const int Credential = Credentials.Json.JsonLimits.DefaultMaxBytes;

    /// <summary>Any form field that declares no limit of its own (fields added later, other features' pages).</summary>
    public const int Undeclared = 4000;
}
