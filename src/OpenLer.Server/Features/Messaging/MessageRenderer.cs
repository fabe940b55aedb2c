using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using OpenLer.Server.Infrastructure;
using OpenLer.Server.Infrastructure.Localization;

namespace OpenLer.Server.Features.Messaging;

/// <summary>
/// Fills a template in the recipient's language (English when the language has no text). Values lose control and bidi
/// embedding characters (U+202A-202E, U+2066-2069) and, in right-to-left texts, are isolated (FSI...PDI, or &lt;bdi&gt; in
/// HTML; Unicode UAX #9 §2.4) so a code or link reads left to right inside Arabic.
/// </summary>
internal sealed class MessageRenderer(TextCatalog catalog)
{
    private const char FirstStrongIsolate = '\u2068';
    private const char PopDirectionalIsolate = '\u2069';
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    public RenderedMessage Render(Guid id, MessageKind kind, MessageChannel channel, MessagePayload payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        var template = MessageTemplates.For(kind);
        var language = Languages.Find(payload.Language);
        var culture = Languages.Culture(language.Code);
        var values = template.Values.Select(name => (Name: name, Value: Clean(payload.Values.GetValueOrDefault(name) ?? ""))).ToArray();
        var textArgs = values.Select(v => (object)(language.RightToLeft ? FirstStrongIsolate + v.Value + PopDirectionalIsolate : v.Value)).ToArray();
        var htmlArgs = values.Select(v => (object)HtmlValue(v.Name, v.Value)).ToArray();

        string Text(string key) => string.Format(culture, Find(language.Code, key), textArgs);
        string HtmlText(string key) => string.Format(culture, Html.Encode(Find(language.Code, key)), htmlArgs);

        var paragraphs = template.Paragraphs.Select(Text).ToList();
        var html = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"<!DOCTYPE html><html lang=\"{language.Code}\" dir=\"{language.Direction}\"><head><meta charset=\"utf-8\"><title>")
            .Append(HtmlText(template.Subject)).Append("</title></head><body>");
        foreach (var key in template.Paragraphs)
        {
            html.Append("<p>").Append(HtmlText(key)).Append("</p>");
        }

        html.Append("</body></html>");
        return new RenderedMessage(id, kind, channel, payload.Contact, language, Text(template.Subject), string.Join("\n\n", paragraphs), html.ToString(),
            Text(template.Sms), payload.Values.GetValueOrDefault(MessageValues.Code));
    }

    private string Find(string language, string key) => catalog.Find(language, key) ?? catalog.Find(Languages.Default.Code, key) ?? key;

    private static string HtmlValue(string name, string value)
    {
        var encoded = Html.Encode(value);
        return name == MessageValues.Link
            ? $"<a href=\"{encoded}\" dir=\"ltr\">{encoded}</a>"
            : $"<bdi>{encoded}</bdi>";
    }

    /// <summary>One line of plain text: no control characters, no bidi embeddings or overrides, single spaces.</summary>
    internal static string Clean(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            var blank = char.IsWhiteSpace(c) || char.IsControl(c) || c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069';
            if (!blank)
            {
                builder.Append(c);
            }
            else if (builder.Length > 0 && builder[^1] != ' ')
            {
                builder.Append(' ');
            }
        }

        return builder.ToString().TrimEnd();
    }
}
