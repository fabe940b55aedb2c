namespace OpenLer.Credentials.Protocols.Oid4Vp;

/// <summary>The response modes this verifier and wallet use (OpenID4VP 1.0 §8.2, §8.3.1).</summary>
public static class ResponseModes
{
    /// <summary>The wallet POSTs <c>vp_token</c> and <c>state</c> as a form to the response URI.</summary>
    public const string DirectPost = "direct_post";

    /// <summary>The wallet POSTs <c>response</c>: a JWE (ECDH-ES) of the response parameters, to the verifier's ephemeral key.</summary>
    public const string DirectPostJwt = "direct_post.jwt";

    public static bool IsSupported(string? mode) => mode is DirectPost or DirectPostJwt;
}
