using System.Text.Json.Nodes;
using OpenLer.Credentials.Common;
using OpenLer.Credentials.Json;

namespace OpenLer.Credentials.Protocols.VcApi;

/// <summary>
/// The messages of a VC-API exchange as the DCC Learner Credential Wallet runs it (VCALM "Participate in an Exchange"):
/// the wallet POSTs <c>{}</c> and receives a <see cref="DidAuthenticationRequest"/>; it POSTs
/// <c>{"verifiablePresentation": &lt;DID authentication VP&gt;}</c> and receives <see cref="Delivery"/> with the credential.
/// </summary>
public static class ExchangeMessages
{
    public static JsonLimits Limits { get; } = new() { MaxBytes = 256 * 1024, MaxDepth = 32 };

    /// <summary>
    /// <c>{"verifiablePresentationRequest": {"query": [{"type": "DIDAuthentication", ...}], "challenge", "domain"}}</c>: did:key
    /// (and did:web) holders, Ed25519Signature2020 (what the DCC wallet signs with) or eddsa-rdfc-2022.
    /// </summary>
    public static JsonObject DidAuthenticationRequest(string challenge, string domain)
    {
        ArgumentException.ThrowIfNullOrEmpty(challenge);
        ArgumentException.ThrowIfNullOrEmpty(domain);
        return new JsonObject
        {
            ["verifiablePresentationRequest"] = new JsonObject
            {
                ["query"] = new JsonArray(new JsonObject
                {
                    ["type"] = "DIDAuthentication",
                    ["acceptedMethods"] = new JsonArray(new JsonObject { ["method"] = "key" }, new JsonObject { ["method"] = "web" }),
                    ["acceptedCryptosuites"] = new JsonArray(new JsonObject { ["cryptosuite"] = "Ed25519Signature2020" }, new JsonObject { ["cryptosuite"] = "eddsa-rdfc-2022" }),
                }),
                ["challenge"] = challenge,
                ["domain"] = domain,
            },
        };
    }

    /// <summary>
    /// The final step: <c>{"verifiablePresentation": {"type": ["VerifiablePresentation"], "verifiableCredential": [...]}}</c>
    /// (unsigned: the credentials carry their own proofs), optionally with <c>redirectUrl</c>.
    /// </summary>
    public static JsonObject Delivery(IReadOnlyList<JsonObject> credentials, string? redirectUrl = null)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        if (credentials.Count == 0)
        {
            throw new ArgumentException("Deliver at least one credential.", nameof(credentials));
        }

        var v1 = credentials.All(c => c["@context"] is JsonArray { Count: > 0 } a && (string?)a[0] == "https://www.w3.org/2018/credentials/v1");
        var json = new JsonObject
        {
            ["verifiablePresentation"] = new JsonObject
            {
                ["@context"] = new JsonArray(v1 ? "https://www.w3.org/2018/credentials/v1" : "https://www.w3.org/ns/credentials/v2"),
                ["type"] = new JsonArray("VerifiablePresentation"),
                ["verifiableCredential"] = new JsonArray([.. credentials.Select(c => (JsonNode)c.DeepClone())]),
            },
        };
        if (redirectUrl is not null)
        {
            json["redirectUrl"] = redirectUrl;
        }

        return json;
    }

    /// <summary>
    /// Reads a message the wallet POSTed: null presentation for the opening <c>{}</c>, else the DID authentication presentation.
    /// Any other member than <c>verifiablePresentation</c> is refused.
    /// </summary>
    public static Outcome<JsonObject?> ParseWalletMessage(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (body.Trim().Length == 0)
        {
            return Outcome.Ok<JsonObject?>(null);
        }

        var json = StrictJson.ParseObject(body, Limits);
        if (!json.IsSuccess)
        {
            return Outcome.Error(json.Error.Code, "The exchange message is not a JSON object within the limits: " + json.Error.Message);
        }

        if (json.Value.Count == 0)
        {
            return Outcome.Ok<JsonObject?>(null);
        }

        if (json.Value.Count != 1 || json.Value["verifiablePresentation"] is not JsonObject presentation)
        {
            return Outcome.Error(ErrorCodes.MalformedValue, "An exchange message is {} or {\"verifiablePresentation\": {...}}.");
        }

        return presentation;
    }
}
