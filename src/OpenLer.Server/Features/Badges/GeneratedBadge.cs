using System.Globalization;
using System.Text;
using System.Xml;

namespace OpenLer.Server.Features.Badges;

/// <summary>
/// The SVG badge the server draws for a program without an uploaded image: a disc in the program's colour with the
/// initials of its name, and the whole name as the image's title. Written with XmlWriter, so the name is always escaped
/// text; the document holds no script, no links and no references outside itself.
/// </summary>
public static class GeneratedBadge
{
    public const string MediaType = "image/svg+xml";

    public static string Svg(string programName, string? colour)
    {
        ArgumentNullException.ThrowIfNull(programName);
        var fill = BadgeColour.Parse(colour) ?? BadgeColour.Default;
        var ink = BadgeColour.TextOn(fill);
        var name = programName.Trim();
        var output = new StringBuilder();
        using (var xml = XmlWriter.Create(output, new XmlWriterSettings { OmitXmlDeclaration = true, CheckCharacters = true }))
        {
            const string ns = "http://www.w3.org/2000/svg";
            xml.WriteStartElement("svg", ns);
            xml.WriteAttributeString("viewBox", "0 0 200 200");
            xml.WriteAttributeString("width", "200");
            xml.WriteAttributeString("height", "200");
            xml.WriteAttributeString("role", "img");
            xml.WriteElementString("title", ns, Clean(name));
            Circle(xml, ns, 96, fill, null);
            Circle(xml, ns, 84, "none", ink);
            var initials = Initials(name);
            xml.WriteStartElement("text", ns);
            xml.WriteAttributeString("x", "100");
            xml.WriteAttributeString("y", "100");
            xml.WriteAttributeString("text-anchor", "middle");
            xml.WriteAttributeString("dominant-baseline", "central");
            xml.WriteAttributeString("font-family", "'Noto Sans', 'DejaVu Sans', Arial, sans-serif");
            xml.WriteAttributeString("font-size", initials.Length > 2 ? "56" : "68");
            xml.WriteAttributeString("font-weight", "bold");
            xml.WriteAttributeString("fill", ink);
            xml.WriteString(initials);
            xml.WriteEndElement();
            xml.WriteEndElement();
        }

        return output.ToString();
    }

    /// <summary>The first letter or digit of each of up to three words (any script), or "?" for a name without any.</summary>
    public static string Initials(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var letters = new StringBuilder();
        var count = 0;
        foreach (var word in name.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            var elements = StringInfo.GetTextElementEnumerator(Clean(word));
            string? first = null;
            while (first is null && elements.MoveNext())
            {
                var element = elements.GetTextElement();
                first = char.IsLetterOrDigit(element, 0) ? element : null;
            }

            if (first is not null)
            {
                letters.Append(first.ToUpper(CultureInfo.InvariantCulture));
                if (++count == 3)
                {
                    break;
                }
            }
        }

        return letters.Length == 0 ? "?" : letters.ToString();
    }

    private static void Circle(XmlWriter xml, string ns, int radius, string fill, string? stroke)
    {
        xml.WriteStartElement("circle", ns);
        xml.WriteAttributeString("cx", "100");
        xml.WriteAttributeString("cy", "100");
        xml.WriteAttributeString("r", radius.ToString(CultureInfo.InvariantCulture));
        xml.WriteAttributeString("fill", fill);
        if (stroke is not null)
        {
            xml.WriteAttributeString("stroke", stroke);
            xml.WriteAttributeString("stroke-width", "4");
            xml.WriteAttributeString("stroke-opacity", "0.6");
        }

        xml.WriteEndElement();
    }

    /// <summary>Drops characters XML cannot carry (controls, lone surrogates) so a name never breaks the document.</summary>
    private static string Clean(string text)
    {
        var kept = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                kept.Append(text, i++, 2);
            }
            else if (XmlConvert.IsXmlChar(text[i]))
            {
                kept.Append(text[i]);
            }
        }

        return kept.ToString();
    }
}
