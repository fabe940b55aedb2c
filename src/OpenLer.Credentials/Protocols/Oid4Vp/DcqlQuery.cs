using System.Text.Json.Nodes;
using OpenLer.Credentials.Common;
using OpenLer.Credentials.Json;

namespace OpenLer.Credentials.Protocols.Oid4Vp;

/// <summary>A claims query (OpenID4VP 1.0 §6.3): an optional id, a path, and optional expected values.</summary>
public sealed record DcqlClaimQuery(string? Id, ClaimsPath Path, IReadOnlyList<JsonNode> Values)
{
    public JsonObject ToJson()
    {
        var json = new JsonObject();
        if (Id is not null)
        {
            json["id"] = Id;
        }

        json["path"] = Path.ToJson();
        if (Values.Count > 0)
        {
            json["values"] = new JsonArray([.. Values.Select(v => v.DeepClone())]);
        }

        return json;
    }
}

/// <summary>
/// A credential query (OpenID4VP 1.0 §6.1): id, format, <c>meta</c> (<c>type_values</c> for W3C formats, <c>vct_values</c>
/// for SD-JWT VC, §B.1.1 / §B.3.5), claims and claim sets, <c>multiple</c>, and whether holder binding is required.
/// </summary>
public sealed record DcqlCredentialQuery
{
    public required string Id { get; init; }

    public required string Format { get; init; }

    public bool Multiple { get; init; }

    public bool RequireCryptographicHolderBinding { get; init; } = true;

    /// <summary>W3C formats: alternatives, each a set of fully expanded type IRIs that must all be present.</summary>
    public IReadOnlyList<IReadOnlyList<string>> TypeValues { get; init; } = [];

    /// <summary>SD-JWT VC: accepted vct values.</summary>
    public IReadOnlyList<string> VctValues { get; init; } = [];

    /// <summary>Null when <c>claims</c> is absent (only what is mandatory to present).</summary>
    public IReadOnlyList<DcqlClaimQuery>? Claims { get; init; }

    public IReadOnlyList<IReadOnlyList<string>>? ClaimSets { get; init; }

    public JsonObject ToJson()
    {
        var meta = new JsonObject();
        if (TypeValues.Count > 0)
        {
            meta["type_values"] = new JsonArray([.. TypeValues.Select(set => (JsonNode)new JsonArray([.. set.Select(t => (JsonNode)t)]))]);
        }

        if (VctValues.Count > 0)
        {
            meta["vct_values"] = new JsonArray([.. VctValues.Select(v => (JsonNode)v)]);
        }

        var json = new JsonObject { ["id"] = Id, ["format"] = Format, ["meta"] = meta };
        if (Multiple)
        {
            json["multiple"] = true;
        }

        if (!RequireCryptographicHolderBinding)
        {
            json["require_cryptographic_holder_binding"] = false;
        }

        if (Claims is not null)
        {
            json["claims"] = new JsonArray([.. Claims.Select(c => (JsonNode)c.ToJson())]);
        }

        if (ClaimSets is not null)
        {
            json["claim_sets"] = new JsonArray([.. ClaimSets.Select(set => (JsonNode)new JsonArray([.. set.Select(t => (JsonNode)t)]))]);
        }

        return json;
    }
}

/// <summary>A credential set query (OpenID4VP 1.0 §6.2): alternative combinations of credential query ids, required by default.</summary>
public sealed record DcqlCredentialSet(IReadOnlyList<IReadOnlyList<string>> Options, bool Required = true)
{
    public JsonObject ToJson()
    {
        var json = new JsonObject
        {
            ["options"] = new JsonArray([.. Options.Select(o => (JsonNode)new JsonArray([.. o.Select(id => (JsonNode)id)]))]),
        };
        if (!Required)
        {
            json["required"] = false;
        }

        return json;
    }
}

/// <summary>
/// A Digital Credentials Query Language query (OpenID4VP 1.0 §6), parsed strictly: ids made of letters, digits, '_' and
/// '-', unique; formats this verifier handles (<c>ldp_vc</c>, <c>jwt_vc_json</c>, <c>dc+sd-jwt</c>) with the <c>meta</c>
/// they require; claim paths well-formed and not repeated; <c>claim_sets</c> only with claim ids; credential sets naming
/// existing queries; bounded counts. Unknown members are ignored (§6).
/// </summary>
public sealed record DcqlQuery(IReadOnlyList<DcqlCredentialQuery> Credentials, IReadOnlyList<DcqlCredentialSet>? CredentialSets = null)
{
    public const int MaxCredentialQueries = 16;
    public const int MaxClaims = 64;
    public const int MaxValues = 32;
    public const int MaxAlternatives = 16;

    public static JsonLimits Limits { get; } = new() { MaxBytes = 64 * 1024, MaxDepth = 12 };

    private static readonly string[] Formats = ["ldp_vc", "jwt_vc_json", "dc+sd-jwt"];

    public DcqlCredentialQuery? Find(string id) => Credentials.FirstOrDefault(c => c.Id == id);

    public JsonObject ToJson()
    {
        var json = new JsonObject { ["credentials"] = new JsonArray([.. Credentials.Select(c => (JsonNode)c.ToJson())]) };
        if (CredentialSets is not null)
        {
            json["credential_sets"] = new JsonArray([.. CredentialSets.Select(s => (JsonNode)s.ToJson())]);
        }

        return json;
    }

    public static Outcome<DcqlQuery> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var json = StrictJson.ParseObject(text, Limits);
        return json.IsSuccess ? Parse(json.Value) : Invalid("dcql_query is not a JSON object within the limits: " + json.Error.Message);
    }

    public static Outcome<DcqlQuery> Parse(JsonObject json)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (json["credentials"] is not JsonArray credentials || credentials.Count is 0 or > MaxCredentialQueries)
        {
            return Invalid($"credentials must be a non-empty array of at most {MaxCredentialQueries} credential queries.");
        }

        var queries = new List<DcqlCredentialQuery>();
        foreach (var item in credentials)
        {
            var query = ParseCredential(item);
            if (!query.IsSuccess)
            {
                return query.Error;
            }

            if (queries.Any(q => q.Id == query.Value.Id))
            {
                return Invalid($"The credential query id '{query.Value.Id}' appears twice.");
            }

            queries.Add(query.Value);
        }

        List<DcqlCredentialSet>? sets = null;
        if (json["credential_sets"] is not null)
        {
            if (json["credential_sets"] is not JsonArray setArray || setArray.Count is 0 or > MaxCredentialQueries)
            {
                return Invalid("credential_sets must be a non-empty array.");
            }

            sets = [];
            foreach (var item in setArray)
            {
                if (item is not JsonObject set)
                {
                    return Invalid("A credential set query must be an object.");
                }

                var options = IdLists(set["options"], "credential_sets.options");
                if (!options.IsSuccess)
                {
                    return options.Error;
                }

                var unknown = options.Value.SelectMany(o => o).FirstOrDefault(id => queries.All(q => q.Id != id));
                if (unknown is not null)
                {
                    return Invalid($"credential_sets names '{unknown}', which is not a credential query.");
                }

                var required = set["required"] is null || set["required"] is JsonValue rv && rv.TryGetValue<bool>(out var r) && r;
                if (set["required"] is not null && !(set["required"] is JsonValue bv && bv.TryGetValue<bool>(out _)))
                {
                    return Invalid("credential_sets.required must be a boolean.");
                }

                sets.Add(new DcqlCredentialSet(options.Value, required));
            }
        }

        return new DcqlQuery(queries, sets);
    }

    private static Outcome<DcqlCredentialQuery> ParseCredential(JsonNode? node)
    {
        if (node is not JsonObject json)
        {
            return Invalid("A credential query must be an object.");
        }

        var id = CredentialFields.Text(json, "id");
        if (!IsId(id))
        {
            return Invalid("A credential query id must be a non-empty string of letters, digits, '_' and '-'.");
        }

        var format = CredentialFields.Text(json, "format");
        if (format is null || !Formats.Contains(format))
        {
            return Invalid($"Credential query '{id}': format must be one of {string.Join(", ", Formats)}.");
        }

        var multiple = Bool(json, "multiple", false);
        var binding = Bool(json, "require_cryptographic_holder_binding", true);
        if (multiple is null || binding is null)
        {
            return Invalid($"Credential query '{id}': multiple and require_cryptographic_holder_binding must be booleans.");
        }

        if (json["meta"] is not JsonObject meta)
        {
            return Invalid($"Credential query '{id}': meta is required (an object).");
        }

        IReadOnlyList<IReadOnlyList<string>> typeValues = [];
        IReadOnlyList<string> vctValues = [];
        if (format == "dc+sd-jwt")
        {
            if (meta["vct_values"] is not JsonArray vcts || vcts.Count is 0 or > MaxAlternatives || vcts.Any(v => v is not JsonValue sv || !sv.TryGetValue<string>(out _)))
            {
                return Invalid($"Credential query '{id}': meta.vct_values must be a non-empty array of strings.");
            }

            vctValues = [.. vcts.Select(v => (string)v!)];
        }
        else
        {
            var types = StringLists(meta["type_values"]);
            if (types is null)
            {
                return Invalid($"Credential query '{id}': meta.type_values must be a non-empty array of non-empty arrays of strings.");
            }

            typeValues = types;
        }

        IReadOnlyList<DcqlClaimQuery>? claims = null;
        if (json["claims"] is not null)
        {
            var parsed = ParseClaims(json["claims"], id!);
            if (!parsed.IsSuccess)
            {
                return parsed.Error;
            }

            claims = parsed.Value;
        }

        IReadOnlyList<IReadOnlyList<string>>? claimSets = null;
        if (json["claim_sets"] is not null)
        {
            if (claims is null)
            {
                return Invalid($"Credential query '{id}': claim_sets needs claims.");
            }

            var sets = IdLists(json["claim_sets"], "claim_sets");
            if (!sets.IsSuccess)
            {
                return sets.Error;
            }

            var unknown = sets.Value.SelectMany(s => s).FirstOrDefault(cid => claims.All(c => c.Id != cid));
            if (unknown is not null)
            {
                return Invalid($"Credential query '{id}': claim_sets names '{unknown}', which is not a claim id.");
            }

            claimSets = sets.Value;
        }

        return new DcqlCredentialQuery
        {
            Id = id!,
            Format = format,
            Multiple = multiple.Value,
            RequireCryptographicHolderBinding = binding.Value,
            TypeValues = typeValues,
            VctValues = vctValues,
            Claims = claims,
            ClaimSets = claimSets,
        };
    }

    private static Outcome<IReadOnlyList<DcqlClaimQuery>> ParseClaims(JsonNode? node, string queryId)
    {
        if (node is not JsonArray array || array.Count is 0 or > MaxClaims)
        {
            return Invalid($"Credential query '{queryId}': claims must be a non-empty array of at most {MaxClaims}.");
        }

        var claims = new List<DcqlClaimQuery>();
        foreach (var item in array)
        {
            if (item is not JsonObject claim)
            {
                return Invalid($"Credential query '{queryId}': a claims query must be an object.");
            }

            string? claimId = null;
            if (claim["id"] is not null)
            {
                claimId = CredentialFields.Text(claim, "id");
                if (!IsId(claimId) || claims.Any(c => c.Id == claimId))
                {
                    return Invalid($"Credential query '{queryId}': claim ids must be unique strings of letters, digits, '_' and '-'.");
                }
            }

            var path = ClaimsPath.Parse(claim["path"]);
            if (!path.IsSuccess)
            {
                return Invalid($"Credential query '{queryId}': {path.Error.Message}");
            }

            if (claims.Any(c => c.Path.Equals(path.Value)))
            {
                return Invalid($"Credential query '{queryId}': the claim {path.Value} is requested twice.");
            }

            var values = new List<JsonNode>();
            if (claim["values"] is not null)
            {
                if (claim["values"] is not JsonArray valueArray || valueArray.Count is 0 or > MaxValues
                    || valueArray.Any(v => v is not JsonValue jv || !(jv.TryGetValue<string>(out _) || jv.TryGetValue<bool>(out _) || jv.TryGetValue<long>(out _))))
                {
                    return Invalid($"Credential query '{queryId}': values must be a non-empty array of strings, integers or booleans.");
                }

                values.AddRange(valueArray.Select(v => v!.DeepClone()));
            }

            claims.Add(new DcqlClaimQuery(claimId, path.Value, values));
        }

        return claims;
    }

    private static Outcome<IReadOnlyList<IReadOnlyList<string>>> IdLists(JsonNode? node, string name)
    {
        if (node is not JsonArray outer || outer.Count is 0 or > MaxAlternatives)
        {
            return Invalid($"{name} must be a non-empty array of arrays of ids.");
        }

        var result = new List<IReadOnlyList<string>>();
        foreach (var item in outer)
        {
            if (item is not JsonArray inner || inner.Count is 0 or > MaxClaims || inner.Any(i => i is not JsonValue v || !v.TryGetValue<string>(out var s) || !IsId(s)))
            {
                return Invalid($"{name} must be a non-empty array of non-empty arrays of ids.");
            }

            result.Add([.. inner.Select(i => (string)i!)]);
        }

        return result;
    }

    private static IReadOnlyList<IReadOnlyList<string>>? StringLists(JsonNode? node)
    {
        if (node is not JsonArray outer || outer.Count is 0 or > MaxAlternatives)
        {
            return null;
        }

        var result = new List<IReadOnlyList<string>>();
        foreach (var item in outer)
        {
            if (item is not JsonArray inner || inner.Count is 0 or > MaxAlternatives
                || inner.Any(i => i is not JsonValue v || !v.TryGetValue<string>(out var s) || s.Length is 0 or > 512))
            {
                return null;
            }

            result.Add([.. inner.Select(i => (string)i!)]);
        }

        return result;
    }

    private static bool? Bool(JsonObject json, string name, bool fallback) => json[name] switch
    {
        null => fallback,
        JsonValue v when v.TryGetValue<bool>(out var b) => b,
        _ => null,
    };

    internal static bool IsId(string? id) =>
        id is { Length: > 0 and <= 64 } && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');

    private static CredentialError Invalid(string message) => new(OAuthErrorCodes.InvalidRequest, message);
}
