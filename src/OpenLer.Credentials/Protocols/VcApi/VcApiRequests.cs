using System.Text.Json.Nodes;
using OpenLer.Credentials.Common;
using OpenLer.Credentials.Json;

namespace OpenLer.Credentials.Protocols.VcApi;

/// <summary>A <c>POST /credentials/issue</c> body (VCALM IssueCredentialRequest): an unsigned credential and options.</summary>
public sealed record IssueCredentialRequest(JsonObject Credential, string? CredentialId)
{
    public static Outcome<IssueCredentialRequest> Parse(string body)
    {
        var json = VcApiRequests.Object(body);
        if (!json.IsSuccess)
        {
            return json.Error;
        }

        if (json.Value["credential"] is not JsonObject credential)
        {
            return VcApiRequests.Invalid("credential (an object) is required.");
        }

        if (credential.ContainsKey("proof"))
        {
            return VcApiRequests.Invalid("The credential to issue must not already have a proof.");
        }

        var options = VcApiRequests.Options(json.Value, ["credentialId", "mandatoryPointers"]);
        if (!options.IsSuccess)
        {
            return options.Error;
        }

        if (options.Value?["mandatoryPointers"] is not null)
        {
            return VcApiRequests.Invalid("mandatoryPointers (selective disclosure suites) is not supported by this issuer.");
        }

        return new IssueCredentialRequest(credential, options.Value is null ? null : CredentialFields.Text(options.Value, "credentialId"));
    }

    /// <summary>The 201 response: <c>{"verifiableCredential": ...}</c>.</summary>
    public static JsonObject Response(JsonObject verifiableCredential) => new() { ["verifiableCredential"] = verifiableCredential.DeepClone() };
}

/// <summary>A <c>POST /credentials/verify</c> body (VCALM VerifyCredentialRequest): a credential (object or compact JWT) and options.</summary>
public sealed record VerifyCredentialRequest(JsonNode VerifiableCredential, bool ReturnResults, bool ReturnProblemDetails, bool ReturnCredential)
{
    public static Outcome<VerifyCredentialRequest> Parse(string body)
    {
        var json = VcApiRequests.Object(body);
        if (!json.IsSuccess)
        {
            return json.Error;
        }

        var credential = json.Value["verifiableCredential"];
        if (credential is not (JsonObject or JsonValue) || credential is JsonValue v && !v.TryGetValue<string>(out _))
        {
            return VcApiRequests.Invalid("verifiableCredential (an object, or a compact JWT string) is required.");
        }

        var options = VcApiRequests.Options(json.Value, ["returnResults", "returnProblemDetails", "returnCredential"]);
        if (!options.IsSuccess)
        {
            return options.Error;
        }

        return new VerifyCredentialRequest(credential.DeepClone(), VcApiRequests.Flag(options.Value, "returnResults"),
            VcApiRequests.Flag(options.Value, "returnProblemDetails", true), VcApiRequests.Flag(options.Value, "returnCredential"));
    }
}

/// <summary>A <c>POST /presentations/verify</c> body (VCALM VerifyPresentationRequest): a presentation, challenge and domain.</summary>
public sealed record VerifyPresentationRequest(JsonObject VerifiablePresentation, string? Challenge, string? Domain, bool ReturnPresentation)
{
    public static Outcome<VerifyPresentationRequest> Parse(string body)
    {
        var json = VcApiRequests.Object(body);
        if (!json.IsSuccess)
        {
            return json.Error;
        }

        if (json.Value["verifiablePresentation"] is not JsonObject presentation)
        {
            return VcApiRequests.Invalid("verifiablePresentation (an object) is required.");
        }

        // VerifyPresentationOptions allows additional properties: unknown ones are ignored.
        var options = json.Value["options"];
        if (options is not (null or JsonObject))
        {
            return VcApiRequests.Invalid("options must be an object.");
        }

        var o = options as JsonObject;
        return new VerifyPresentationRequest(presentation, o is null ? null : CredentialFields.Text(o, "challenge"),
            o is null ? null : CredentialFields.Text(o, "domain"), VcApiRequests.Flag(o, "returnPresentation"));
    }
}

internal static class VcApiRequests
{
    public static JsonLimits Limits { get; } = new() { MaxBytes = JsonLimits.DefaultMaxBytes, MaxDepth = JsonLimits.DefaultMaxDepth };

    public static Outcome<JsonObject> Object(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var json = StrictJson.ParseObject(body, Limits);
        return json.IsSuccess ? json : Outcome.Error(json.Error.Code, "The body is not a JSON object within the limits: " + json.Error.Message);
    }

    /// <summary>The options object, refusing members the schema does not define (additionalProperties: false).</summary>
    public static Outcome<JsonObject?> Options(JsonObject body, string[] allowed)
    {
        if (body["options"] is null)
        {
            return Outcome.Ok<JsonObject?>(null);
        }

        if (body["options"] is not JsonObject options)
        {
            return Invalid("options must be an object.");
        }

        var unknown = options.Select(p => p.Key).FirstOrDefault(k => !allowed.Contains(k));
        return unknown is null ? Outcome.Ok<JsonObject?>(options) : Invalid($"Unsupported option '{(unknown.Length > 40 ? unknown[..40] : unknown)}'.");
    }

    public static bool Flag(JsonObject? options, string name, bool fallback = false) =>
        options?[name] is JsonValue v && v.TryGetValue<bool>(out var b) ? b : fallback;

    public static CredentialError Invalid(string message) => new(ErrorCodes.MalformedValue, message);
}
