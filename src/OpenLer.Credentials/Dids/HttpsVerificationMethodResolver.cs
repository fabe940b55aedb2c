using System.Text.Json.Nodes;
using OpenLer.Credentials.Common;
using OpenLer.Credentials.Json;
using OpenLer.Credentials.Keys;

namespace OpenLer.Credentials.Dids;

/// <summary>
/// Dereferences an https verification method, the form Open Badges 3.0 / CLR 2.0 issuers without a DID use
/// (Controlled Identifiers 1.0 §3.3 "Retrieve Verification Method"), through the injected <see cref="IHttpsFetcher"/>:
/// <list type="bullet">
/// <item>the URL without its fragment is the issuer profile, a controller document whose <c>verificationMethod</c> lists
/// the key (publicKeyMultibase or publicKeyJwk) and whose <c>assertionMethod</c> authorizes it;</item>
/// <item>or it is a key document (a verification method with <c>controller</c>); the controller's document (the issuer
/// profile) is then fetched and must list the key;</item>
/// <item>or (1EdTech's validator fixtures) the fragment is the key itself (<c>https://issuer#z6Mk…</c>). When the profile
/// cannot be retrieved the key is used to check the signature but the verification-method check reports
/// "could not check" (<see cref="ErrorCodes.VerificationMethodUnconfirmed"/>): nothing proves the key is the issuer's.</item>
/// </list>
/// The controller is always the document that lists the key; <see cref="VerificationMethodBinding"/> then requires it to
/// be the issuer. Every failure is a value with a precise code.
/// </summary>
public sealed class HttpsVerificationMethodResolver(IHttpsFetcher fetcher) : IVerificationMethodResolver
{
    /// <summary>An issuer profile or key document larger than this is refused.</summary>
    public const int MaxDocumentBytes = 256 * 1024;

    public static readonly TimeSpan FetchTimeout = TimeSpan.FromSeconds(5);

    public async ValueTask<Outcome<ResolvedVerificationMethod>> ResolveAsync(string verificationMethodUrl, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(verificationMethodUrl);
        var documentUrl = DocumentUrl(verificationMethodUrl);
        if (documentUrl is null)
        {
            return Outcome.Error(ErrorCodes.InvalidVerificationMethodUrl, "The verification method is not an absolute https URL.");
        }

        var fragment = verificationMethodUrl.Length > documentUrl.Length ? verificationMethodUrl[(documentUrl.Length + 1)..] : null;
        var fetched = await FetchAsync(documentUrl, cancellationToken).ConfigureAwait(false);
        if (!fetched.IsSuccess)
        {
            // Not retrievable, or not a JSON document (an HTML page): only a key written in the fragment is left.
            return fragment is not null && fragment.StartsWith('z') &&
                   fetched.Error.Code is ErrorCodes.RemoteDocumentFetch or ErrorCodes.InvalidControlledIdentifierDocument
                ? FragmentKey(verificationMethodUrl, documentUrl, fragment, $"could not be retrieved to confirm it ({fetched.Error.Message})")
                : fetched.Error;
        }

        var json = fetched.Value;
        if (json.ContainsKey("publicKeyMultibase") || json.ContainsKey("publicKeyJwk"))
        {
            return await FromKeyDocumentAsync(json, verificationMethodUrl, documentUrl, cancellationToken).ConfigureAwait(false);
        }

        var profile = DidDocumentReader.Read(json, documentUrl);
        if (!profile.IsSuccess)
        {
            return Outcome.Error(profile.Error.Code, $"The issuer profile at {documentUrl}: {profile.Error.Message}");
        }

        // A profile that lists no key at all cannot confirm the fragment's key; one that lists other keys refuses it.
        return profile.Value.VerificationMethods.Length == 0 && fragment is not null && fragment.StartsWith('z')
            ? FragmentKey(verificationMethodUrl, documentUrl, fragment, "lists no keys, so it does not confirm it")
            : FromControllerDocument(profile.Value, verificationMethodUrl);
    }

    /// <summary>
    /// The 1EdTech form <c>https://issuer#z6Mk…</c>: the key is read from the fragment to check the signature, and marked
    /// <see cref="ResolvedVerificationMethod.Unconfirmed"/> so that the key binding is "could not check", never "passed".
    /// </summary>
    private static Outcome<ResolvedVerificationMethod> FragmentKey(string verificationMethodUrl, string documentUrl, string fragment, string why)
    {
        var key = PublicKey.FromMultibase(fragment);
        if (!key.IsSuccess)
        {
            return Outcome.Error(key.Error.Code,
                $"The verification method's fragment is not a valid multibase public key ({key.Error.Message}) and the issuer profile {documentUrl} {why}.");
        }

        return new ResolvedVerificationMethod(
            new VerificationMethod(verificationMethodUrl, "Multikey", documentUrl, key.Value),
            documentUrl,
            new HashSet<VerificationRelationship> { VerificationRelationship.AssertionMethod })
        {
            Unconfirmed = $"The key is the one written in the verification method URL; the issuer profile {documentUrl} {why}.",
        };
    }

    private async Task<Outcome<ResolvedVerificationMethod>> FromKeyDocumentAsync(JsonObject json, string verificationMethodUrl, string documentUrl, CancellationToken cancellationToken)
    {
        var method = DidDocumentReader.ReadMethod(json, documentUrl);
        if (!method.IsSuccess)
        {
            return method.Error;
        }

        if (method.Value.Id != verificationMethodUrl)
        {
            return Outcome.Error(ErrorCodes.InvalidVerificationMethod, "The key document's id is not the verification method URL.");
        }

        if (method.Value.Key is null)
        {
            return Outcome.Error(ErrorCodes.InvalidVerificationMethod, "The key document's key is not a supported public key.");
        }

        var controllerUrl = DocumentUrl(method.Value.Controller);
        if (controllerUrl is null || controllerUrl != method.Value.Controller)
        {
            return Outcome.Error(ErrorCodes.InvalidVerificationMethod, "The key document's controller is not an https URL.");
        }

        var controllerJson = await FetchAsync(controllerUrl, cancellationToken).ConfigureAwait(false);
        if (!controllerJson.IsSuccess)
        {
            // The key is usable for the signature check, but nothing confirms that its controller claims it.
            return new ResolvedVerificationMethod(method.Value, controllerUrl, new HashSet<VerificationRelationship>())
            {
                Unconfirmed = $"The controller's profile {controllerUrl} could not be retrieved to confirm the key ({controllerJson.Error.Message}).",
            };
        }

        var controller = DidDocumentReader.Read(controllerJson.Value, controllerUrl);
        if (!controller.IsSuccess)
        {
            return Outcome.Error(controller.Error.Code, $"The controller's profile at {controllerUrl}: {controller.Error.Message}");
        }

        var listed = FromControllerDocument(controller.Value, verificationMethodUrl);
        if (listed.IsSuccess && listed.Value.Method.Key?.Equals(method.Value.Key) != true)
        {
            return Outcome.Error(ErrorCodes.InvalidVerificationMethod, "The controller's profile lists a different key under this id.");
        }

        return listed;
    }

    private static Outcome<ResolvedVerificationMethod> FromControllerDocument(DidDocument document, string verificationMethodUrl)
    {
        var method = document.Find(verificationMethodUrl);
        if (method is null)
        {
            return Outcome.Error(ErrorCodes.InvalidVerificationMethod,
                $"The issuer profile {document.Id} does not list the verification method {Display(verificationMethodUrl)}.");
        }

        var relationships = new HashSet<VerificationRelationship>();
        foreach (var relationship in VerificationRelationships.All)
        {
            if (document.Authorizes(method.Id, relationship))
            {
                relationships.Add(relationship);
            }
        }

        return new ResolvedVerificationMethod(method, document.Id, relationships);
    }

    private async Task<Outcome<JsonObject>> FetchAsync(string url, CancellationToken cancellationToken)
    {
        var bytes = await fetcher.GetAsync(new Uri(url), MaxDocumentBytes, FetchTimeout, cancellationToken).ConfigureAwait(false);
        if (!bytes.IsSuccess)
        {
            return bytes.Error;
        }

        var json = StrictJson.ParseObject(bytes.Value);
        return json.IsSuccess
            ? json
            : Outcome.Error(ErrorCodes.InvalidControlledIdentifierDocument, $"The document at {url} is not valid JSON: {json.Error.Message}");
    }

    /// <summary>The absolute https URL without its fragment, or null when <paramref name="url"/> is not one (or carries user info).</summary>
    internal static string? DocumentUrl(string url)
    {
        var hash = url.IndexOf('#', StringComparison.Ordinal);
        var withoutFragment = hash < 0 ? url : url[..hash];
        return Uri.TryCreate(withoutFragment, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps &&
               uri.UserInfo.Length == 0 && !string.IsNullOrEmpty(uri.Host)
            ? withoutFragment
            : null;
    }

    private static string Display(string value) => value.Length <= 200 ? value : value[..200] + "…";
}
