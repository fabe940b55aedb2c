using System.IO.Compression;
using System.Text;
using System.Text.Json;
using OpenLer.Credentials.Common;
using OpenLer.Credentials.Json;

namespace OpenLer.Credentials.Taxonomy;

/// <summary>
/// The file form of an <see cref="OnetDatabase"/>: Brotli-compressed UTF-8 JSON, <c>{"format": "openler-onet/1",
/// "release", "source", "elements": [{"id", "domain": "skill"|"knowledge", "name", "description"}], "occupations":
/// [{"code", "title", "description", "jobZone": 1-5|null, "alternateTitles": [...], "ratings": [[element index,
/// importance × 100 | null, level × 100 | null], ...]}]}</c>. Ratings are stored as integer hundredths (O*NET publishes
/// two decimals), so the numbers read back exactly.
/// </summary>
internal static class OnetDatabaseFormat
{
    public const string Format = "openler-onet/1";

    /// <summary>The uncompressed table is about 3 MB; this bounds what <see cref="Read"/> accepts.</summary>
    public static readonly JsonLimits Limits = new() { MaxBytes = 32 * 1024 * 1024, MaxDepth = 8 };

    public static void Write(OnetDatabase database, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(stream);
        var bytes = Encoding.UTF8.GetBytes(ToJsonText(database));
        using var brotli = new BrotliStream(stream, CompressionLevel.SmallestSize, leaveOpen: true);
        brotli.Write(bytes);
    }

    public static string ToJsonText(OnetDatabase database)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteString("format", Format);
            writer.WriteString("release", database.Release);
            writer.WriteString("source", database.Source);
            writer.WriteStartArray("elements");
            foreach (var element in database.Elements)
            {
                index[element.Id] = index.Count;
                writer.WriteStartObject();
                writer.WriteString("id", element.Id);
                writer.WriteString("domain", element.Domain == OnetDomain.Skill ? "skill" : "knowledge");
                writer.WriteString("name", element.Name);
                writer.WriteString("description", element.Description);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteStartArray("occupations");
            foreach (var occupation in database.Occupations)
            {
                writer.WriteStartObject();
                writer.WriteString("code", occupation.Code);
                writer.WriteString("title", occupation.Title);
                writer.WriteString("description", occupation.Description);
                if (occupation.JobZone is { } zone)
                {
                    writer.WriteNumber("jobZone", zone);
                }
                else
                {
                    writer.WriteNull("jobZone");
                }

                writer.WriteStartArray("alternateTitles");
                foreach (var title in occupation.AlternateTitles)
                {
                    writer.WriteStringValue(title);
                }

                writer.WriteEndArray();
                writer.WriteStartArray("ratings");
                foreach (var rating in occupation.Ratings)
                {
                    writer.WriteStartArray();
                    writer.WriteNumberValue(index[rating.ElementId]);
                    WriteHundredths(writer, rating.Importance);
                    WriteHundredths(writer, rating.Level);
                    writer.WriteEndArray();
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    public static Outcome<OnetDatabase> Read(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        byte[] bytes;
        try
        {
            using var brotli = new BrotliStream(stream, CompressionMode.Decompress, leaveOpen: true);
            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = brotli.Read(chunk)) > 0)
            {
                if (buffer.Length + read > Limits.MaxBytes)
                {
                    return Invalid($"the table is larger than {Limits.MaxBytes} bytes uncompressed");
                }

                buffer.Write(chunk, 0, read);
            }

            bytes = buffer.ToArray();
        }
        catch (Exception e) when (e is InvalidDataException or InvalidOperationException)
        {
            // BrotliStream reports corrupt input as InvalidOperationException ("Decoder ran into invalid data").
            return Invalid("the file is not Brotli-compressed (write it with openler taxonomy build-onet)");
        }
        catch (IOException e)
        {
            return Invalid("the file could not be read: " + e.Message);
        }

        // A read-only JsonDocument (not JsonNode): the 3 MB table parses in a fraction of the time and memory. Duplicate
        // member names are refused, as StrictJson does for other untrusted JSON.
        try
        {
            using var document = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = Limits.MaxDepth, AllowDuplicateProperties = false });
            return FromJson(document.RootElement);
        }
        catch (JsonException e)
        {
            return Invalid("not valid JSON: " + e.Message);
        }
    }

    private static Outcome<OnetDatabase> FromJson(JsonElement json)
    {
        if (json.ValueKind != JsonValueKind.Object || Text(json, "format") != Format)
        {
            return Invalid($"\"format\" must be \"{Format}\"");
        }

        if (Text(json, "release") is not { } release || Text(json, "source") is not { } source)
        {
            return Invalid("\"release\" and \"source\" must be non-empty strings");
        }

        if (!json.TryGetProperty("elements", out var elementArray) || elementArray.ValueKind != JsonValueKind.Array
            || !json.TryGetProperty("occupations", out var occupationArray) || occupationArray.ValueKind != JsonValueKind.Array)
        {
            return Invalid("\"elements\" and \"occupations\" must be arrays");
        }

        var elements = new List<OnetElement>(elementArray.GetArrayLength());
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var i = 0;
        foreach (var item in elementArray.EnumerateArray())
        {
            if (Text(item, "id") is not { } id || Text(item, "name") is not { } name || Text(item, "description") is not { } description
                || Text(item, "domain") is not ("skill" or "knowledge"))
            {
                return Invalid($"elements[{i}] must have non-empty \"id\", \"name\", \"description\" and a \"domain\" of \"skill\" or \"knowledge\"");
            }

            if (!ids.Add(id))
            {
                return Invalid($"element {OnetDatabase.Shorten(id)} appears twice");
            }

            elements.Add(new OnetElement(id, Text(item, "domain") == "skill" ? OnetDomain.Skill : OnetDomain.Knowledge, name, description));
            i++;
        }

        var occupations = new List<OnetOccupation>(occupationArray.GetArrayLength());
        var codes = new HashSet<string>(StringComparer.Ordinal);
        i = 0;
        foreach (var item in occupationArray.EnumerateArray())
        {
            var occupation = ReadOccupation(item, i++, elements);
            if (!occupation.IsSuccess)
            {
                return occupation.Error;
            }

            if (!codes.Add(occupation.Value.Code))
            {
                return Invalid($"occupation {occupation.Value.Code} appears twice");
            }

            occupations.Add(occupation.Value);
        }

        return new OnetDatabase(release, source, elements.AsReadOnly(), occupations.AsReadOnly());
    }

    private static Outcome<OnetOccupation> ReadOccupation(JsonElement item, int i, List<OnetElement> elements)
    {
        if (item.ValueKind != JsonValueKind.Object || Text(item, "code") is not { } code || Text(item, "title") is not { } title
            || !item.TryGetProperty("description", out var descriptionValue) || descriptionValue.ValueKind != JsonValueKind.String
            || !item.TryGetProperty("alternateTitles", out var alternates) || alternates.ValueKind != JsonValueKind.Array
            || !item.TryGetProperty("ratings", out var ratings) || ratings.ValueKind != JsonValueKind.Array
            || !item.TryGetProperty("jobZone", out var zoneValue))
        {
            return Invalid($"occupations[{i}] must have \"code\", \"title\", \"description\", \"jobZone\", \"alternateTitles\" and \"ratings\"");
        }

        int? jobZone = null;
        if (zoneValue.ValueKind != JsonValueKind.Null)
        {
            if (zoneValue.ValueKind != JsonValueKind.Number || !zoneValue.TryGetInt32(out var zone) || zone is < 1 or > 5)
            {
                return Invalid($"occupations[{i}].jobZone must be 1 to 5 or null");
            }

            jobZone = zone;
        }

        var titles = new List<string>(alternates.GetArrayLength());
        foreach (var alternate in alternates.EnumerateArray())
        {
            if (alternate.ValueKind != JsonValueKind.String || alternate.GetString() is not { } text || string.IsNullOrWhiteSpace(text))
            {
                return Invalid($"occupations[{i}].alternateTitles must hold non-empty strings");
            }

            titles.Add(text);
        }

        var list = new List<OnetRating>(ratings.GetArrayLength());
        var seen = new HashSet<int>();
        foreach (var rating in ratings.EnumerateArray())
        {
            if (rating.ValueKind != JsonValueKind.Array || rating.GetArrayLength() != 3
                || rating[0].ValueKind != JsonValueKind.Number || !rating[0].TryGetInt32(out var index)
                || index < 0 || index >= elements.Count || !seen.Add(index)
                || !TryHundredths(rating[1], OnetScale.ImportanceLow, OnetScale.ImportanceHigh, out var importance)
                || !TryHundredths(rating[2], OnetScale.LevelLow, OnetScale.LevelHigh, out var level)
                || (importance is null && level is null))
            {
                return Invalid($"occupations[{i}].ratings must hold [element index, importance × 100 (100-500) or null, level × 100 (0-700) or null], each element once");
            }

            list.Add(new OnetRating(elements[index].Id, importance, level));
        }

        return new OnetOccupation(code, title, descriptionValue.GetString()!, jobZone, titles.AsReadOnly(), list.AsReadOnly());
    }

    private static bool TryHundredths(JsonElement node, decimal low, decimal high, out decimal? value)
    {
        value = null;
        if (node.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (node.ValueKind != JsonValueKind.Number || !node.TryGetInt32(out var hundredths))
        {
            return false;
        }

        value = hundredths / 100m;
        return value >= low && value <= high;
    }

    /// <summary>The member's value if it is a string that is not blank, otherwise null.</summary>
    private static string? Text(JsonElement json, string name) =>
        json.ValueKind == JsonValueKind.Object && json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
        && value.GetString() is { } text && !string.IsNullOrWhiteSpace(text) ? text : null;

    private static void WriteHundredths(Utf8JsonWriter writer, decimal? value)
    {
        if (value is { } v)
        {
            writer.WriteNumberValue((int)decimal.Round(v * 100m));
        }
        else
        {
            writer.WriteNullValue();
        }
    }

    private static CredentialError Invalid(string message) => new(TaxonomyErrors.InvalidTaxonomy, "O*NET table: " + message);
}
