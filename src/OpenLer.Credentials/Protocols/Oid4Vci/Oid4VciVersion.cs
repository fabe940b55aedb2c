namespace OpenLer.Credentials.Protocols.Oid4Vci;

/// <summary>Which OpenID4VCI a request followed: 1.0 final, or draft 13 (still spoken by many wallets).</summary>
public enum Oid4VciVersion
{
    /// <summary>OpenID4VCI 1.0 final: <c>credential_configuration_id</c>, <c>proofs</c>, <c>credentials</c> in the response.</summary>
    V1,

    /// <summary>Draft 13: <c>format</c> with <c>credential_definition</c> or <c>vct</c>, a single <c>proof</c>, <c>credential</c> and <c>c_nonce</c> in the response.</summary>
    Draft13,
}
