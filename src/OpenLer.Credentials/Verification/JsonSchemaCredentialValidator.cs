using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using OpenLer.Credentials.Common;

namespace OpenLer.Credentials.Verification;

/// <summary>
/// Validates a credential against the JSON Schemas its <c>credentialSchema</c> names (type
/// <c>1EdTechJsonSchemaValidator2019</c>, Open Badges 3.0 §8.4 / CLR 2.0; or VC JSON Schema's <c>JsonSchema</c>), using only
/// schemas the operator placed in a folder, matched by their <c>$id</c>. A schema is never fetched from the credential's URL.
/// A credential whose schema is not available locally is "not checked", never "passed"; one that does not validate fails
/// with the first errors. Schema files are read once, at construction.
/// </summary>
public sealed class JsonSchemaCredentialValidator : ICredentialSchemaValidator
{
    /// <summary>The credentialSchema types validated as JSON Schema.</summary>
    public static readonly IReadOnlyList<string> SchemaTypes = ["1EdTechJsonSchemaValidator2019", "JsonSchema"];

    /// <summary>Schema files larger than this are ignored.</summary>
    public const int MaxSchemaBytes = 1024 * 1024;

    private const int MaxErrorsReported = 3;
    private readonly Dictionary<string, JsonSchema> _schemas;

    private JsonSchemaCredentialValidator(Dictionary<string, JsonSchema> schemas) => _schemas = schemas;

    /// <summary>The <c>$id</c>s of the schemas loaded.</summary>
    public IReadOnlyCollection<string> SchemaIds => _schemas.Keys;

    /// <summary>
    /// Loads every <c>*.json</c> file under <paramref name="folder"/> (recursively) that is a JSON Schema (an object with a
    /// <c>$schema</c> and an absolute <c>$id</c>); other JSON files (contexts, examples) are ignored.
    /// </summary>
    public static JsonSchemaCredentialValidator FromFolder(string folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        var schemas = new Dictionary<string, JsonSchema>(StringComparer.Ordinal);
        foreach (var path in Directory.EnumerateFiles(folder, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            if (new FileInfo(path).Length <= MaxSchemaBytes)
            {
                Add(schemas, File.ReadAllText(path));
            }
        }

        return new JsonSchemaCredentialValidator(schemas);
    }

    /// <summary>Builds a validator from schema texts (each a JSON Schema with an absolute <c>$id</c>).</summary>
    public static JsonSchemaCredentialValidator FromSchemas(IEnumerable<string> schemaTexts)
    {
        ArgumentNullException.ThrowIfNull(schemaTexts);
        var schemas = new Dictionary<string, JsonSchema>(StringComparer.Ordinal);
        foreach (var text in schemaTexts)
        {
            Add(schemas, text);
        }

        return new JsonSchemaCredentialValidator(schemas);
    }

    private static void Add(Dictionary<string, JsonSchema> schemas, string text)
    {
        var parsed = Json.StrictJson.ParseObject(text, Json.JsonLimits.Default with { MaxBytes = MaxSchemaBytes });
        if (!parsed.IsSuccess || parsed.Value["$schema"] is not JsonValue ||
            CredentialFields.Text(parsed.Value, "$id") is not { } id || !Uri.TryCreate(id, UriKind.Absolute, out _))
        {
            return;
        }

        try
        {
            // Each schema gets its own registry: no shared global state, and nothing is ever fetched (Fetch stays null).
            var schema = JsonSchema.FromText(text, new BuildOptions { SchemaRegistry = new SchemaRegistry() });
            schemas.TryAdd(Normalize(id), schema);
        }
#pragma warning disable CA1031 // an unusable schema file is ignored; its credentials then report "not checked"
        catch (Exception ex) when (ex is JsonException or JsonSchemaException or InvalidOperationException or ArgumentException or FormatException or NotSupportedException)
#pragma warning restore CA1031
        {
        }
    }

    public ValueTask<CheckResult> ValidateAsync(JsonObject credential, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(credential);
        // The credential is validated without its proof: the Data Integrity check owns the proof, and VC Data Integrity allows
        // a single proof object where the 1EdTech schemas require an array.
        var unsecured = (JsonObject)credential.DeepClone();
        unsecured.Remove("proof");
        using var instance = JsonDocument.Parse(Json.StrictJson.Serialize(unsecured));
        return ValueTask.FromResult(Validate(credential, instance.RootElement));
    }

    private CheckResult Validate(JsonObject credential, JsonElement instance)
    {
        var entries = credential["credentialSchema"] switch
        {
            JsonArray array => array.ToArray(),
            JsonNode single => [single],
            null => [],
        };
        if (entries.Length == 0)
        {
            return CheckResult.Skipped(CheckNames.Schema, "The credential names no schema.");
        }

        var passed = new List<string>();
        var notChecked = new List<string>();
        foreach (var entry in entries)
        {
            if (entry is not JsonObject schemaRef || CredentialFields.Text(schemaRef, "id") is not { } id || CredentialFields.Text(schemaRef, "type") is not { } type)
            {
                return CheckResult.Fail(CheckNames.Schema, ErrorCodes.MalformedValue, "A credentialSchema entry needs an id and a type.");
            }

            if (!SchemaTypes.Contains(type))
            {
                notChecked.Add($"{Display(id)} (type {Display(type)} is not supported)");
                continue;
            }

            var schema = Find(id);
            if (schema is null)
            {
                notChecked.Add($"{Display(id)} (no local copy)");
                continue;
            }

            EvaluationResults results;
            try
            {
                results = schema.Evaluate(instance, new EvaluationOptions { OutputFormat = OutputFormat.Hierarchical });
            }
            catch (Exception ex) when (ex is JsonSchemaException or RefResolutionException or InvalidOperationException)
            {
                notChecked.Add($"{Display(id)} (the schema could not be evaluated: it refers to a schema that is not available locally)");
                continue;
            }

            if (!results.IsValid)
            {
                return CheckResult.Fail(CheckNames.Schema, ErrorCodes.SchemaValidation,
                    $"The credential does not validate against {Display(id)}: {FirstErrors(results)}");
            }

            passed.Add(Display(id));
        }

        if (notChecked.Count > 0)
        {
            var also = passed.Count > 0 ? $" Validated: {string.Join(", ", passed)}." : string.Empty;
            return CheckResult.Skipped(CheckNames.Schema, $"Not checked: {string.Join("; ", notChecked)}.{also}");
        }

        return CheckResult.Pass(CheckNames.Schema, $"Validates against {string.Join(", ", passed)}.");
    }

    /// <summary>
    /// The schema with this <c>$id</c>. 1EdTech publishes each schema at <c>…/ob_v3p0_X_schema.json</c> (the URL credentials
    /// name) with <c>$id</c> <c>…/ob_v3p0_X-jsonschema1.json</c> inside; both names find it.
    /// </summary>
    private JsonSchema? Find(string id)
    {
        var key = Normalize(id);
        if (_schemas.TryGetValue(key, out var schema))
        {
            return schema;
        }

        const string published = "_schema.json";
        return key.StartsWith("https://purl.imsglobal.org/spec/", StringComparison.Ordinal) && key.EndsWith(published, StringComparison.Ordinal) &&
               _schemas.TryGetValue(key[..^published.Length] + "-jsonschema1.json", out schema)
            ? schema
            : null;
    }

    private static string Normalize(string id) => id.TrimEnd('#');

    /// <summary>The first errors, from the failing nodes only (a failed branch of a passing anyOf / contains is not an error).</summary>
    private static string FirstErrors(EvaluationResults results)
    {
        var errors = new List<string>();
        Collect(results, errors);
        return errors.Count == 0 ? "invalid." : string.Join("; ", errors);
    }

    private static void Collect(EvaluationResults node, List<string> errors)
    {
        if (node.IsValid || errors.Count >= MaxErrorsReported)
        {
            return;
        }

        foreach (var (_, message) in node.Errors ?? new Dictionary<string, string>())
        {
            if (errors.Count < MaxErrorsReported)
            {
                var at = node.InstanceLocation.ToString();
                errors.Add($"{(at.Length == 0 ? "/" : at)}: {message}");
            }
        }

        foreach (var child in node.Details ?? [])
        {
            Collect(child, errors);
        }
    }

    private static string Display(string value) => value.Length <= 200 ? value : value[..200] + "…";
}
