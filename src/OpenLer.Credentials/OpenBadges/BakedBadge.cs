using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using System.Xml;
using OpenLer.Credentials.Common;

namespace OpenLer.Credentials.OpenBadges;

/// <summary>
/// Baked badges (Open Badges 3.0 §5.3): a credential carried in the badge image. PNG: an <c>iTXt</c> chunk with keyword
/// <c>openbadgecredential</c> whose text is the credential (JSON) or its compact JWT. SVG: an
/// <c>&lt;openbadges:credential&gt;</c> element (namespace <c>https://purl.imsglobal.org/ob/v3p0</c>) whose content is the
/// JSON credential, or whose <c>verify</c> attribute is the JWT. Extraction never throws on hostile images; baking is for
/// issuers and tests.
/// </summary>
public static class BakedBadge
{
    public const string PngKeyword = "openbadgecredential";

    public const string SvgNamespace = "https://purl.imsglobal.org/ob/v3p0";

    /// <summary>Badge images larger than this are refused.</summary>
    public const int MaxImageBytes = 16 * 1024 * 1024;

    private static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    public static bool IsPng(ReadOnlySpan<byte> bytes) => bytes.StartsWith(PngSignature);

    /// <summary>True when the text looks like an SVG document (an XML document whose root is svg).</summary>
    public static bool IsSvg(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var t = text.TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        return t.StartsWith('<') && t.Contains("<svg", StringComparison.Ordinal);
    }

    /// <summary>The credential text in the PNG's openbadgecredential iTXt chunk.</summary>
    public static Outcome<string> ExtractFromPng(ReadOnlySpan<byte> png, int maxCredentialBytes)
    {
        if (!IsPng(png))
        {
            return Outcome.Error(ErrorCodes.UnrecognizedFormat, "Not a PNG image.");
        }

        if (png.Length > MaxImageBytes)
        {
            return Outcome.Error(ErrorCodes.DocumentTooLarge, $"The image is larger than {MaxImageBytes} bytes.");
        }

        string? found = null;
        var at = PngSignature.Length;
        while (at + 12 <= png.Length)
        {
            var length = BinaryPrimitives.ReadUInt32BigEndian(png[at..]);
            if (length > (uint)(png.Length - at - 12))
            {
                return Outcome.Error(ErrorCodes.MalformedValue, "The PNG image is truncated or malformed.");
            }

            var type = Encoding.ASCII.GetString(png.Slice(at + 4, 4));
            var data = png.Slice(at + 8, (int)length);
            if (type == "iTXt" && data.StartsWith(Encoding.ASCII.GetBytes(PngKeyword + "\0")))
            {
                if (found is not null)
                {
                    return Outcome.Error(ErrorCodes.MalformedValue, "The PNG image carries more than one credential.");
                }

                var text = ReadITxt(data[(PngKeyword.Length + 1)..], maxCredentialBytes);
                if (!text.IsSuccess)
                {
                    return text.Error;
                }

                found = text.Value;
            }

            if (type == "IEND")
            {
                break;
            }

            at += 12 + (int)length;
        }

        return found is null
            ? Outcome.Error(ErrorCodes.UnrecognizedFormat, "The PNG image carries no Open Badges credential (no openbadgecredential iTXt chunk).")
            : found;
    }

    /// <summary>iTXt after the keyword: compression flag, method, language tag\0, translated keyword\0, text (PNG 1.2 §11.3.4.5).</summary>
    private static Outcome<string> ReadITxt(ReadOnlySpan<byte> rest, int maxBytes)
    {
        if (rest.Length < 2)
        {
            return Outcome.Error(ErrorCodes.MalformedValue, "The iTXt chunk is malformed.");
        }

        var compressed = rest[0] == 1;
        var afterFlags = rest[2..];
        var language = afterFlags.IndexOf((byte)0);
        if (language < 0)
        {
            return Outcome.Error(ErrorCodes.MalformedValue, "The iTXt chunk is malformed.");
        }

        var afterLanguage = afterFlags[(language + 1)..];
        var translated = afterLanguage.IndexOf((byte)0);
        if (translated < 0)
        {
            return Outcome.Error(ErrorCodes.MalformedValue, "The iTXt chunk is malformed.");
        }

        var text = afterLanguage[(translated + 1)..].ToArray();
        if (compressed)
        {
            if (rest[1] != 0)
            {
                return Outcome.Error(ErrorCodes.MalformedValue, "Unknown iTXt compression method.");
            }

            try
            {
                using var input = new ZLibStream(new MemoryStream(text), CompressionMode.Decompress);
                using var output = new MemoryStream();
                var buffer = new byte[8192];
                int read;
                while ((read = input.Read(buffer)) > 0)
                {
                    if (output.Length + read > maxBytes)
                    {
                        return Outcome.Error(ErrorCodes.DocumentTooLarge, $"The baked credential is larger than {maxBytes} bytes.");
                    }

                    output.Write(buffer, 0, read);
                }

                text = output.ToArray();
            }
            catch (InvalidDataException)
            {
                return Outcome.Error(ErrorCodes.MalformedValue, "The compressed iTXt text is corrupt.");
            }
        }

        if (text.Length > maxBytes)
        {
            return Outcome.Error(ErrorCodes.DocumentTooLarge, $"The baked credential is larger than {maxBytes} bytes.");
        }

        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(text);
        }
        catch (DecoderFallbackException)
        {
            return Outcome.Error(ErrorCodes.JsonParse, "The baked credential is not valid UTF-8.");
        }
    }

    /// <summary>The credential in an SVG's openbadges:credential element (its content, or the JWT in its verify attribute).</summary>
    public static Outcome<string> ExtractFromSvg(string svg, int maxCredentialBytes)
    {
        ArgumentNullException.ThrowIfNull(svg);
        if (svg.Length > MaxImageBytes)
        {
            return Outcome.Error(ErrorCodes.DocumentTooLarge, $"The image is larger than {MaxImageBytes} bytes.");
        }

        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Ignore, // badge SVGs carry a DOCTYPE; it is skipped, never expanded or fetched
            XmlResolver = null,
            MaxCharactersFromEntities = 0,
            MaxCharactersInDocument = MaxImageBytes,
        };
        string? found = null;
        try
        {
            using var reader = XmlReader.Create(new StringReader(svg), settings);
            while (reader.Read())
            {
                if (reader.NodeType != XmlNodeType.Element || reader.LocalName != "credential" || reader.NamespaceURI != SvgNamespace)
                {
                    continue;
                }

                if (found is not null)
                {
                    return Outcome.Error(ErrorCodes.MalformedValue, "The SVG image carries more than one credential.");
                }

                var verify = reader.GetAttribute("verify");
                found = !string.IsNullOrWhiteSpace(verify) ? verify.Trim() : reader.IsEmptyElement ? string.Empty : reader.ReadElementContentAsString().Trim();
                if (found.Length == 0)
                {
                    return Outcome.Error(ErrorCodes.MalformedValue, "The openbadges:credential element is empty.");
                }

                if (Encoding.UTF8.GetByteCount(found) > maxCredentialBytes)
                {
                    return Outcome.Error(ErrorCodes.DocumentTooLarge, $"The baked credential is larger than {maxCredentialBytes} bytes.");
                }
            }
        }
        catch (XmlException ex)
        {
            return Outcome.Error(ErrorCodes.MalformedValue, $"The SVG image is not well-formed XML (line {ex.LineNumber}).");
        }

        return found is null
            ? Outcome.Error(ErrorCodes.UnrecognizedFormat, "The SVG image carries no Open Badges credential (no openbadges:credential element).")
            : found;
    }

    /// <summary>
    /// Bakes <paramref name="credential"/> (JSON or compact JWT) into a PNG: an uncompressed iTXt chunk before IEND (OB 3.0
    /// §5.3.1). A PNG that already carries a credential, or whose chunks cannot be read, is refused.
    /// </summary>
    public static Outcome<byte[]> BakePng(ReadOnlySpan<byte> png, string credential)
    {
        ArgumentNullException.ThrowIfNull(credential);
        if (!IsPng(png) || png.Length < PngSignature.Length + 12)
        {
            return Outcome.Error(ErrorCodes.UnrecognizedFormat, "Not a PNG image.");
        }

        // OB 3.0 §5.3.1: the openbadgecredential iTXt chunk MUST NOT appear more than once, so a baked image is not baked again.
        var existing = ExtractFromPng(png, MaxImageBytes);
        if (existing.IsSuccess)
        {
            return Outcome.Error(ErrorCodes.MalformedValue, "The PNG image already carries a credential.");
        }

        if (existing.Error is { Code: not ErrorCodes.UnrecognizedFormat } unreadable)
        {
            return unreadable;
        }

        var iend = png.Length - 12;
        if (Encoding.ASCII.GetString(png.Slice(iend + 4, 4)) != "IEND")
        {
            return Outcome.Error(ErrorCodes.MalformedValue, "The PNG image does not end with IEND.");
        }

        var data = new List<byte>(Encoding.ASCII.GetBytes(PngKeyword)) { 0, 0, 0, 0, 0 };
        data.AddRange(Encoding.UTF8.GetBytes(credential));
        var chunk = new byte[12 + data.Count];
        BinaryPrimitives.WriteUInt32BigEndian(chunk, (uint)data.Count);
        Encoding.ASCII.GetBytes("iTXt").CopyTo(chunk, 4);
        data.CopyTo(chunk, 8);
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8 + data.Count), PngCrc.Compute(chunk.AsSpan(4, 4 + data.Count)));
        return (byte[])[.. png[..iend], .. chunk, .. png[iend..]];
    }

    /// <summary>Bakes a credential into an SVG: JSON as CDATA content, a JWT in the verify attribute (OB 3.0 §5.3.2).</summary>
    public static string BakeSvg(string svg, string credential)
    {
        ArgumentNullException.ThrowIfNull(svg);
        ArgumentNullException.ThrowIfNull(credential);
        var element = credential.TrimStart().StartsWith('{')
            ? $"<openbadges:credential><![CDATA[{credential.Replace("]]>", "]]]]><![CDATA[>", StringComparison.Ordinal)}]]></openbadges:credential>"
            : $"<openbadges:credential verify=\"{System.Security.SecurityElement.Escape(credential)}\"/>";
        var open = svg.IndexOf("<svg", StringComparison.Ordinal);
        var close = open < 0 ? -1 : svg.IndexOf('>', open);
        if (close < 0)
        {
            throw new ArgumentException("Not an SVG document.", nameof(svg));
        }

        var tag = svg[open..close];
        var ns = tag.Contains("xmlns:openbadges", StringComparison.Ordinal) ? string.Empty : $" xmlns:openbadges=\"{SvgNamespace}\"";
        var selfClosing = tag.EndsWith('/');
        return selfClosing
            ? svg[..(close - 1)] + ns + ">" + element + "</svg>" + svg[(close + 1)..]
            : svg[..close] + ns + ">" + element + svg[(close + 1)..];
    }
}
