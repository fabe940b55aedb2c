using System.Text.Json.Nodes;

namespace OpenLer.Credentials.Protocols.Oid4Vci;

/// <summary>
/// One entry of <c>credential_configurations_supported</c> (OpenID4VCI 1.0 §12.2.4 and Appendix A): the format
/// (<c>ldp_vc</c>, <c>jwt_vc_json</c>, <c>dc+sd-jwt</c>), its type (<c>credential_definition</c> or <c>vct</c>), the holder
/// binding and proof algorithms, and the display texts.
/// </summary>
public sealed record CredentialConfiguration
{
    public const string LdpVc = "ldp_vc";
    public const string JwtVcJson = "jwt_vc_json";
    public const string SdJwtVc = "dc+sd-jwt";

    /// <summary>The draft 13 name of the SD-JWT VC format.</summary>
    public const string LegacySdJwtVc = "vc+sd-jwt";

    public required string Id { get; init; }

    public required string Format { get; init; }

    /// <summary><c>credential_definition.@context</c> (ldp_vc).</summary>
    public IReadOnlyList<string> Contexts { get; init; } = [];

    /// <summary><c>credential_definition.type</c> (ldp_vc, jwt_vc_json).</summary>
    public IReadOnlyList<string> Types { get; init; } = [];

    /// <summary>The SD-JWT VC type (dc+sd-jwt).</summary>
    public string? Vct { get; init; }

    public string? Scope { get; init; }

    /// <summary><c>credential_signing_alg_values_supported</c>: JOSE algorithms, or Data Integrity cryptosuites for ldp_vc.</summary>
    public IReadOnlyList<string> SigningAlgorithms { get; init; } = [];

    /// <summary><c>cryptographic_binding_methods_supported</c>: <c>did:key</c>, <c>did:jwk</c>, <c>jwk</c>.</summary>
    public IReadOnlyList<string> BindingMethods { get; init; } = [];

    /// <summary>Algorithms accepted for the <c>jwt</c> key proof (<c>proof_types_supported.jwt.proof_signing_alg_values_supported</c>).</summary>
    public IReadOnlyList<string> ProofSigningAlgorithms { get; init; } = [];

    public IReadOnlyList<LocalizedName> Display { get; init; } = [];

    public IReadOnlyList<ClaimDescription> Claims { get; init; } = [];

    /// <summary>The 1.0 final form: display and claims under <c>credential_metadata</c> (§12.2.4).</summary>
    public JsonObject ToJson()
    {
        var json = Common(Format);
        var metadata = new JsonObject();
        if (Display.Count > 0)
        {
            metadata["display"] = DisplayJson();
        }

        if (Claims.Count > 0)
        {
            metadata["claims"] = new JsonArray([.. Claims.Select(c => (JsonNode)c.ToJson())]);
        }

        if (metadata.Count > 0)
        {
            json["credential_metadata"] = metadata;
        }

        return json;
    }

    /// <summary>
    /// The draft 13 form (§11.2.3 and Appendix A): <c>vc+sd-jwt</c>, display at the top, and claims as nested name maps
    /// (<c>credential_definition.credentialSubject</c> for W3C formats, <c>claims</c> for SD-JWT VC).
    /// </summary>
    public JsonObject ToDraft13Json()
    {
        var json = Common(Format == SdJwtVc ? LegacySdJwtVc : Format);
        if (Display.Count > 0)
        {
            json["display"] = DisplayJson();
        }

        if (Format == SdJwtVc)
        {
            var claims = ClaimMap(Claims.Select(c => (c.Path, c)));
            if (claims.Count > 0)
            {
                json["claims"] = claims;
            }
        }
        else if (json["credential_definition"] is JsonObject definition)
        {
            var subject = ClaimMap(Claims.Where(c => c.Path.Count > 1 && Equals(c.Path[0], "credentialSubject")).Select(c => ((IReadOnlyList<object?>)[.. c.Path.Skip(1)], c)));
            if (subject.Count > 0)
            {
                definition["credentialSubject"] = subject;
            }
        }

        return json;
    }

    private JsonObject Common(string format)
    {
        var json = new JsonObject { ["format"] = format };
        if (Scope is not null)
        {
            json["scope"] = Scope;
        }

        switch (Format)
        {
            case LdpVc:
                json["credential_definition"] = new JsonObject
                {
                    ["@context"] = Strings(Contexts),
                    ["type"] = Strings(Types),
                };
                break;
            case JwtVcJson:
                json["credential_definition"] = new JsonObject { ["type"] = Strings(Types) };
                break;
            case SdJwtVc:
                json["vct"] = Vct ?? throw new InvalidOperationException("A dc+sd-jwt configuration needs a vct.");
                break;
            default:
                throw new InvalidOperationException($"Unsupported format {Format}.");
        }

        if (BindingMethods.Count > 0)
        {
            json["cryptographic_binding_methods_supported"] = Strings(BindingMethods);
            json["proof_types_supported"] = new JsonObject
            {
                ["jwt"] = new JsonObject { ["proof_signing_alg_values_supported"] = Strings(ProofSigningAlgorithms) },
            };
        }

        if (SigningAlgorithms.Count > 0)
        {
            json["credential_signing_alg_values_supported"] = Strings(SigningAlgorithms);
        }

        return json;
    }

    private JsonArray DisplayJson() => new([.. Display.Select(d =>
    {
        var entry = new JsonObject { ["name"] = d.Name, ["locale"] = d.Locale };
        if (d.Description is not null)
        {
            entry["description"] = d.Description;
        }

        return (JsonNode)entry;
    })]);

    /// <summary>Draft 13 claim maps: each path of member names becomes nested objects ending in <c>{display: [...]}</c>.</summary>
    private static JsonObject ClaimMap(IEnumerable<(IReadOnlyList<object?> Path, ClaimDescription Claim)> claims)
    {
        var root = new JsonObject();
        foreach (var (path, claim) in claims)
        {
            if (path.Count == 0 || path.Any(p => p is not string))
            {
                continue; // array positions have no draft 13 form
            }

            var node = root;
            for (var i = 0; i < path.Count - 1; i++)
            {
                var name = (string)path[i]!;
                if (node[name] is not JsonObject child)
                {
                    child = new JsonObject();
                    node[name] = child;
                }

                node = child;
            }

            var leaf = new JsonObject();
            if (claim.Mandatory)
            {
                leaf["mandatory"] = true;
            }

            leaf["display"] = new JsonArray([.. claim.Display.Select(d => (JsonNode)new JsonObject { ["name"] = d.Name, ["locale"] = d.Locale })]);
            node[(string)path[^1]!] = leaf;
        }

        return root;
    }

    private static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode)v)]);
}
