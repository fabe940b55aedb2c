namespace OpenLer.Credentials.Protocols.Oid4Vp;

/// <summary>One credential a verifier asks for, in plain data for the wallet's page.</summary>
/// <param name="QueryId">The DCQL credential query id.</param>
/// <param name="Format">ldp_vc, jwt_vc_json or dc+sd-jwt.</param>
/// <param name="Types">Accepted type alternatives (W3C formats), each a list of type names (the last segment of each IRI).</param>
/// <param name="Vcts">Accepted SD-JWT VC types.</param>
/// <param name="Claims">Requested claims as dot paths (<c>credentialSubject.achievement.name</c>, <c>authorized_to_work</c>); empty
/// means the whole credential for W3C formats and only what is always visible for SD-JWT.</param>
/// <param name="ClaimAlternatives">With claim_sets: the alternative combinations (dot paths), in the verifier's order of preference.</param>
/// <param name="Required">False when the credential is in an optional credential set.</param>
public sealed record RequestedCredential(string QueryId, string Format, IReadOnlyList<IReadOnlyList<string>> Types, IReadOnlyList<string> Vcts,
    IReadOnlyList<string> Claims, IReadOnlyList<IReadOnlyList<string>> ClaimAlternatives, bool Required);

/// <summary>
/// What a verified request asks, for the holder to read before choosing (OpenID4VP 1.0 §6.4.3): who asks (the client
/// identifier without its prefix, and whether the request was signed), where the answer goes, and each credential.
/// </summary>
public sealed record RequestDescription(string Verifier, bool Signed, string ResponseUri, IReadOnlyList<RequestedCredential> Credentials)
{
    public static RequestDescription Of(AuthorizationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var optional = request.Query.CredentialSets is { } sets
            ? request.Query.Credentials.Where(q => !sets.Any(s => s.Required && s.Options.Any(o => o.Contains(q.Id)))).Select(q => q.Id).ToHashSet()
            : [];
        var credentials = request.Query.Credentials.Select(q => new RequestedCredential(
            q.Id,
            q.Format,
            [.. q.TypeValues.Select(set => (IReadOnlyList<string>)[.. set.Select(ShortName)])],
            q.VctValues,
            q.ClaimSets is null && q.Claims is not null ? [.. q.Claims.Select(c => c.Path.ToDotPath())] : [],
            q.ClaimSets is null || q.Claims is null
                ? []
                : [.. q.ClaimSets.Select(set => (IReadOnlyList<string>)[.. set.Select(id => q.Claims.First(c => c.Id == id).Path.ToDotPath())])],
            !optional.Contains(q.Id))).ToList();
        return new RequestDescription(request.ClientId.Original, request.ClientId.RequiresSignedRequest, request.ResponseUri, credentials);
    }

    /// <summary>The readable end of a type IRI: <c>…vocab.html#OpenBadgeCredential</c> → <c>OpenBadgeCredential</c>.</summary>
    public static string ShortName(string type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var cut = type.LastIndexOfAny(['#', '/']);
        return cut >= 0 && cut < type.Length - 1 ? type[(cut + 1)..] : type;
    }
}
