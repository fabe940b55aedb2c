using System.Text.Json.Nodes;

namespace OpenLer.Credentials.Protocols.Oid4Vci;

/// <summary>
/// Credential Issuer Metadata (OpenID4VCI 1.0 §12.2.4), served at <see cref="IssuerIdentifier.MetadataUrl"/>; the draft 13
/// rendering of the same issuer (§11.2.3 of draft 13) is served at <see cref="IssuerIdentifier.LegacyMetadataUrl"/>. The
/// issuer is its own authorization server (no <c>authorization_servers</c>), for the pre-authorized code flow only.
/// </summary>
public sealed record CredentialIssuerMetadata
{
    public required string CredentialIssuer { get; init; }

    public required string CredentialEndpoint { get; init; }

    /// <summary>The nonce endpoint (1.0 §7). Absent in the draft 13 rendering, whose wallets take c_nonce from the token response.</summary>
    public required string NonceEndpoint { get; init; }

    public string? NotificationEndpoint { get; init; }

    /// <summary>The issuer's name per locale.</summary>
    public IReadOnlyList<LocalizedName> Display { get; init; } = [];

    public required IReadOnlyList<CredentialConfiguration> Configurations { get; init; }

    public CredentialConfiguration? Find(string configurationId) =>
        Configurations.FirstOrDefault(c => string.Equals(c.Id, configurationId, StringComparison.Ordinal));

    public JsonObject ToJson()
    {
        var json = Endpoints();
        json["nonce_endpoint"] = NonceEndpoint;
        if (NotificationEndpoint is not null)
        {
            json["notification_endpoint"] = NotificationEndpoint;
        }

        AddDisplay(json);
        json["credential_configurations_supported"] = Configs(c => c.ToJson());
        return json;
    }

    public JsonObject ToDraft13Json()
    {
        var json = Endpoints();
        AddDisplay(json);
        json["credential_configurations_supported"] = Configs(c => c.ToDraft13Json());
        return json;
    }

    private JsonObject Endpoints()
    {
        if (!IssuerIdentifier.IsValid(CredentialIssuer, allowHttp: true))
        {
            throw new InvalidOperationException("The credential issuer must be an https URL without query or fragment.");
        }

        if (Configurations.Select(c => c.Id).Distinct(StringComparer.Ordinal).Count() != Configurations.Count)
        {
            throw new InvalidOperationException("Credential configuration ids must be unique.");
        }

        return new JsonObject
        {
            ["credential_issuer"] = CredentialIssuer,
            ["credential_endpoint"] = CredentialEndpoint,
        };
    }

    private void AddDisplay(JsonObject json)
    {
        if (Display.Count > 0)
        {
            json["display"] = new JsonArray([.. Display.Select(d => (JsonNode)new JsonObject { ["name"] = d.Name, ["locale"] = d.Locale })]);
        }
    }

    private JsonObject Configs(Func<CredentialConfiguration, JsonObject> render)
    {
        var configs = new JsonObject();
        foreach (var configuration in Configurations)
        {
            configs[configuration.Id] = render(configuration);
        }

        return configs;
    }
}
