using System.Text.Json.Nodes;
using OpenLer.Credentials.Common;
using OpenLer.Credentials.Json;

namespace OpenLer.Credentials.Protocols.Oid4Vci;

/// <summary>
/// A parsed Credential Request (OpenID4VCI 1.0 §8.2; draft 13 §7.2), resolved to one of the issuer's configurations. The
/// key proofs are not verified yet: pass each of <see cref="ProofJwts"/> to <see cref="KeyProofValidator"/>.
/// </summary>
public sealed record CredentialRequest(Oid4VciVersion Version, CredentialConfiguration Configuration, string? CredentialIdentifier, IReadOnlyList<string> ProofJwts)
{
    /// <summary>The body limit: a request carries identifiers and a few proofs, nothing large.</summary>
    public static JsonLimits Limits { get; } = new() { MaxBytes = 64 * 1024, MaxDepth = 8 };

    /// <summary>A key proof longer than this is refused before it is parsed.</summary>
    public const int MaxProofLength = 8 * 1024;

    public override string ToString() => $"credential request ({Version}) for {Configuration.Id} with {ProofJwts.Count} proof(s)";

    /// <summary>Parses a JSON body; <paramref name="maxProofs"/> is the issuer's batch size (1 when it has none).</summary>
    public static Outcome<CredentialRequest> Parse(string body, CredentialIssuerMetadata metadata, int maxProofs = 1)
    {
        ArgumentNullException.ThrowIfNull(body);
        var json = StrictJson.ParseObject(body, Limits);
        return json.IsSuccess
            ? Parse(json.Value, metadata, maxProofs)
            : Outcome.Error(OAuthErrorCodes.InvalidCredentialRequest, "The request body is not a JSON object within the limits: " + json.Error.Message);
    }

    public static Outcome<CredentialRequest> Parse(JsonObject json, CredentialIssuerMetadata metadata, int maxProofs = 1)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(metadata);
        if (json.ContainsKey("proof") && json.ContainsKey("proofs"))
        {
            return Outcome.Error(OAuthErrorCodes.InvalidCredentialRequest, "A request must not contain both proof and proofs.");
        }

        if (json.ContainsKey("credential_response_encryption"))
        {
            return Outcome.Error(OAuthErrorCodes.InvalidEncryptionParameters, "This issuer does not encrypt credential responses.");
        }

        return json.ContainsKey("format") ? ParseDraft13(json, metadata) : ParseV1(json, metadata, maxProofs);
    }

    private static Outcome<CredentialRequest> ParseV1(JsonObject json, CredentialIssuerMetadata metadata, int maxProofs)
    {
        var configurationId = Text(json, "credential_configuration_id");
        var identifier = Text(json, "credential_identifier");
        if ((configurationId is null) == (identifier is null))
        {
            return Outcome.Error(OAuthErrorCodes.InvalidCredentialRequest, "Exactly one of credential_configuration_id and credential_identifier is required.");
        }

        if (identifier is not null)
        {
            // This issuer never returns credential_identifiers in the token response (1.0 §6.2), so none is known.
            return Outcome.Error(OAuthErrorCodes.UnknownCredentialIdentifier, "Unknown credential_identifier.");
        }

        var configuration = metadata.Find(configurationId!);
        if (configuration is null)
        {
            return Outcome.Error(OAuthErrorCodes.UnknownCredentialConfiguration, "Unknown credential_configuration_id.");
        }

        List<string> proofs;
        if (json["proofs"] is null)
        {
            // 1.0 final deprecated the singular proof; accept it only in its draft shape, as one proof.
            var single = SingleProof(json);
            if (!single.IsSuccess)
            {
                return single.Error;
            }

            proofs = single.Value is null ? [] : [single.Value];
        }
        else
        {
            if (json["proofs"] is not JsonObject proofsObject || proofsObject.Count != 1)
            {
                return Outcome.Error(OAuthErrorCodes.InvalidProof, "proofs must be an object with exactly one proof type.");
            }

            if (proofsObject["jwt"] is not JsonArray jwts)
            {
                return Outcome.Error(OAuthErrorCodes.InvalidProof, "Only the jwt proof type is supported (proofs.jwt).");
            }

            if (jwts.Count == 0 || jwts.Count > maxProofs)
            {
                return Outcome.Error(OAuthErrorCodes.InvalidProof, $"proofs.jwt must hold 1 to {maxProofs} key proof(s).");
            }

            proofs = [];
            foreach (var item in jwts)
            {
                if (item is not JsonValue v || !v.TryGetValue<string>(out var jwt) || jwt.Length is 0 or > MaxProofLength)
                {
                    return Outcome.Error(OAuthErrorCodes.InvalidProof, $"Each key proof is a compact JWT of at most {MaxProofLength} characters.");
                }

                proofs.Add(jwt);
            }
        }

        if (proofs.Count == 0 && configuration.BindingMethods.Count > 0)
        {
            return Outcome.Error(OAuthErrorCodes.InvalidProof, "This credential is bound to the holder's key: a key proof is required.");
        }

        return new CredentialRequest(Oid4VciVersion.V1, configuration, null, proofs);
    }

    private static Outcome<CredentialRequest> ParseDraft13(JsonObject json, CredentialIssuerMetadata metadata)
    {
        if (json.ContainsKey("proofs") || json.ContainsKey("credential_configuration_id") || json.ContainsKey("credential_identifier"))
        {
            return Outcome.Error(OAuthErrorCodes.InvalidCredentialRequest, "A draft 13 request (format) cannot use 1.0 parameters.");
        }

        var format = Text(json, "format");
        var wanted = format == CredentialConfiguration.LegacySdJwtVc ? CredentialConfiguration.SdJwtVc : format;
        var candidates = metadata.Configurations.Where(c => c.Format == wanted).ToList();
        if (candidates.Count == 0)
        {
            return Outcome.Error(OAuthErrorCodes.UnsupportedCredentialFormat, "This issuer does not issue that format.");
        }

        CredentialConfiguration? configuration;
        if (wanted == CredentialConfiguration.SdJwtVc)
        {
            var vct = Text(json, "vct");
            if (vct is null)
            {
                return Outcome.Error(OAuthErrorCodes.InvalidCredentialRequest, "A vc+sd-jwt request needs vct.");
            }

            configuration = candidates.FirstOrDefault(c => c.Vct == vct);
        }
        else
        {
            if (json["credential_definition"] is not JsonObject definition || definition["type"] is not JsonArray typeArray
                || typeArray.Count is 0 or > 16 || typeArray.Any(t => t is not JsonValue tv || !tv.TryGetValue<string>(out _)))
            {
                return Outcome.Error(OAuthErrorCodes.InvalidCredentialRequest, "credential_definition.type (an array of strings) is required.");
            }

            var types = typeArray.Select(t => (string)t!).ToHashSet(StringComparer.Ordinal);
            configuration = candidates.FirstOrDefault(c => types.IsSubsetOf(c.Types) && types.Contains("VerifiableCredential") == c.Types.Contains("VerifiableCredential"));
        }

        if (configuration is null)
        {
            return Outcome.Error(OAuthErrorCodes.UnsupportedCredentialType, "This issuer does not issue that credential type.");
        }

        var proof = SingleProof(json);
        if (!proof.IsSuccess)
        {
            return proof.Error;
        }

        if (proof.Value is null && configuration.BindingMethods.Count > 0)
        {
            return Outcome.Error(OAuthErrorCodes.InvalidProof, "This credential is bound to the holder's key: a key proof is required.");
        }

        return new CredentialRequest(Oid4VciVersion.Draft13, configuration, null, proof.Value is null ? [] : [proof.Value]);
    }

    /// <summary>Draft 13 §7.2.1: <c>proof: {proof_type: "jwt", jwt: "..."}</c>.</summary>
    private static Outcome<string?> SingleProof(JsonObject json)
    {
        if (json["proof"] is null)
        {
            return Outcome.Ok<string?>(null);
        }

        if (json["proof"] is not JsonObject proof || Text(proof, "proof_type") is not "jwt")
        {
            return Outcome.Error(OAuthErrorCodes.InvalidProof, "proof must be an object with proof_type jwt.");
        }

        var jwt = Text(proof, "jwt");
        return jwt is null || jwt.Length > MaxProofLength
            ? Outcome.Error(OAuthErrorCodes.InvalidProof, $"proof.jwt must be a compact JWT of at most {MaxProofLength} characters.")
            : Outcome.Ok<string?>(jwt);
    }

    private static string? Text(JsonObject json, string name) => CredentialFields.Text(json, name);
}
