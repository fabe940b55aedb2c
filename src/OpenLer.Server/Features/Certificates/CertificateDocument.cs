using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using OpenLer.Server.Features.Sharing;
using OpenLer.Server.Infrastructure;
using OpenLer.Server.Infrastructure.Localization;

namespace OpenLer.Server.Features.Certificates;

/// <summary>
/// A certificate as one self-contained HTML document (its own style, the QR code as a data URI, no outside resource), for
/// <c>ChromiumPdf</c> or, when Chromium is not there, for the browser to print. One page on A4 and on Letter: the content
/// box is at most 186 mm wide (A4 less its margins) and its parts are sized to stay within 255 mm (Letter's height less its
/// margins). Each language is a section with its own <c>lang</c> and <c>dir</c> (right to left for Arabic, Dari, Pashto);
/// Noto fonts cover Arabic script, Ge'ez (Tigrinya) and Burmese. Text from the credential or the person keeps its own
/// direction (<c>bdi</c>, <c>dir="auto"</c>).
/// </summary>
public sealed class CertificateDocument(TextCatalog catalog)
{
    /// <summary>The document's whole style; the printable page's CSP allows exactly this text by its hash (<see cref="StyleHash"/>).</summary>
    public const string Style =
        "@page{margin:12mm}*{box-sizing:border-box}" +
        "html{font-family:\"Noto Sans\",\"Noto Sans Arabic\",\"Noto Naskh Arabic\",\"Noto Sans Ethiopic\",\"Noto Sans Myanmar\",sans-serif;color:#111;background:#fff;line-height:1.35}" +
        "body{margin:0}.certificate{inline-size:100%;max-inline-size:186mm;margin:0 auto;border:1.6mm double #1d4e89;padding:5mm 8mm;break-inside:avoid}" +
        ".section{text-align:center;padding-block:2mm}.section+.section{border-block-start:.3mm solid #888}" +
        ".kind{font-size:18pt;letter-spacing:.04em;color:#1d4e89;margin:0 0 1.5mm}.line{font-size:10.5pt;margin:0 0 1mm}" +
        ".person{font-size:18pt;font-weight:700;margin:0 0 1mm}.program{font-size:14pt;font-weight:700;margin:0 0 1mm}" +
        ".original{font-size:8.5pt;color:#333;margin:0 0 1mm}.skills{font-size:8.5pt;color:#222;margin:1mm 0 0}" +
        ".check{display:flex;gap:5mm;align-items:center;border-block-start:.3mm solid #888;padding-block-start:3mm}" +
        ".check img{inline-size:30mm;block-size:30mm;flex:none}.check p{margin:0 0 1mm;font-size:8.5pt}" +
        ".link{direction:ltr;unicode-bidi:isolate;font-family:\"Noto Sans Mono\",monospace;font-size:8.5pt;overflow-wrap:anywhere}" +
        ".notice{max-inline-size:186mm;margin:0 auto 4mm;padding:3mm;border:.4mm solid #8a6d00;background:#fff8e0}" +
        "@media screen{body{padding:3mm}}@media screen and (max-width:600px){.check{flex-direction:column;align-items:flex-start}}" +
        "@media print{.no-print{display:none}}";

    /// <summary>The CSP source of <see cref="Style"/> (CSP Level 3 §8.3: a hash source matches the exact text of a style element).</summary>
    public static string StyleHash { get; } = "'sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(Style))) + "'";

    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    /// <summary>
    /// The certificate. <paramref name="notice"/> (a localizer key) and a link back to the credential are added above it when
    /// it is shown in the browser to be printed; they are not printed.
    /// </summary>
    public string Render(CertificateFacts facts, string? notice = null)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var first = facts.Sections[0].Language;
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"<!DOCTYPE html><html lang=\"{first.Code}\" dir=\"{first.Direction}\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>")
            .Append(E(T(first.Code, L.Key("Certificate")))).Append(" - ").Append(E(facts.HolderName)).Append("</title><style>").Append(Style).Append("</style></head><body>");
        if (notice is not null)
        {
            html.Append("<div class=\"notice no-print\" id=\"printable-notice\"><p>").Append(E(T(first.Code, notice))).Append("</p><p><a href=\"/wallet/credentials/")
                .Append(facts.CredentialId.ToString("D")).Append("\">").Append(E(T(first.Code, L.Key("Back to the credential")))).Append("</a></p></div>");
        }

        html.Append("<main class=\"certificate\" id=\"certificate\">");
        foreach (var section in facts.Sections)
        {
            var code = section.Language.Code;
            html.Append(CultureInfo.InvariantCulture, $"<section class=\"section\" lang=\"{code}\" dir=\"{section.Language.Direction}\" data-language=\"{code}\">")
                .Append("<h1 class=\"kind\">").Append(E(T(code, L.Key("Certificate")))).Append("</h1>")
                .Append("<p class=\"line\">").Append(E(T(code, L.Key("Awarded to")))).Append("</p>")
                .Append("<p class=\"person\" dir=\"auto\">").Append(E(facts.HolderName)).Append("</p>")
                .Append("<p class=\"line\">").Append(E(T(code, L.Key("Achievement")))).Append("</p>")
                .Append("<p class=\"program\" dir=\"auto\"").Append(Lang(section.ProgramLanguage)).Append('>').Append(E(section.ProgramName)).Append("</p>");
            if (section.OriginalName is not null)
            {
                html.Append("<p class=\"original\">").Append(E(T(code, L.Key("Original text")))).Append(": <bdi").Append(Lang(section.OriginalLanguage)).Append('>')
                    .Append(E(section.OriginalName)).Append("</bdi></p>");
            }

            html.Append("<p class=\"line\">").Append(Format(code, L.Key("Issued by {0} on {1}."), "<bdi>" + E(facts.OrganizationName) + "</bdi>", E(section.Issued))).Append("</p>");
            if (section.Skills.Count > 0)
            {
                html.Append("<p class=\"skills\"><strong>").Append(E(T(code, L.Key("Skills")))).Append(":</strong> ")
                    .Append(string.Join(", ", section.Skills.Select(s => "<bdi" + Lang(s.Lang) + ">" + E(s.Text) + "</bdi>"))).Append("</p>");
            }

            html.Append("</section>");
        }

        html.Append("<div class=\"check\"><img id=\"certificate-qr\" src=\"").Append(ShareQr.DataUri(facts.Link, 6)).Append("\" alt=\"")
            .Append(E(T(first.Code, L.Key("QR code of the link")))).Append("\"><div>");
        foreach (var section in facts.Sections)
        {
            var code = section.Language.Code;
            html.Append(CultureInfo.InvariantCulture, $"<p lang=\"{code}\" dir=\"{section.Language.Direction}\">")
                .Append(Format(code, L.Key("Scan the code or type the link to check that this certificate is genuine. The link works until {0}."), E(section.LinkUntil)))
                .Append("</p>");
        }

        html.Append("<p class=\"link\" id=\"certificate-link\">").Append(E(facts.Link)).Append("</p></div></div></main></body></html>");
        return html.ToString();
    }

    private static string E(string? text) => Html.Encode(text ?? "");

    private static string Lang(string? code) => code is null ? "" : " lang=\"" + E(code) + "\"";

    private string T(string language, string key) => catalog.Find(language, key) ?? catalog.Find("en", key) ?? key;

    /// <summary>A translated sentence whose placeholders take already encoded HTML.</summary>
    private string Format(string language, string key, params object[] encoded) =>
        string.Format(Languages.Culture(language), E(T(language, key)), encoded);
}
