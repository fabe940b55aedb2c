namespace OpenLer.Credentials.Protocols.Oid4Vci;

/// <summary>
/// The credentials OpenLER offers through OpenID4VCI: the Open Badges 3.0 program credential as <c>ldp_vc</c>
/// (eddsa-rdfc-2022) and as <c>jwt_vc_json</c>, and the work-authorization SD-JWT VC as <c>dc+sd-jwt</c> bound to the
/// proof key. Display texts in English, Spanish and Arabic (the same words as the web app's labels).
/// </summary>
public static class OpenLerCredentialConfigurations
{
    public const string OpenBadgeLdpVc = "OpenBadgeCredential_ldp_vc";
    public const string OpenBadgeJwtVcJson = "OpenBadgeCredential_jwt_vc_json";
    public const string WorkAuthorizationSdJwt = "WorkAuthorization_dc+sd-jwt";

    /// <summary>Open Badges 3.0 context pinned by the product (OB 3.0 §B.1, context 3.0.3).</summary>
    public const string OpenBadgesContext = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json";
    public const string CredentialsV2Context = "https://www.w3.org/ns/credentials/v2";

    /// <summary>JOSE algorithms accepted for key proofs: EdDSA and ES256 (never none, never HMAC).</summary>
    public static IReadOnlyList<string> ProofAlgorithms { get; } = ["EdDSA", "ES256"];

    private static readonly IReadOnlyList<string> OpenBadgeTypes = ["VerifiableCredential", "OpenBadgeCredential"];

    private static readonly IReadOnlyList<LocalizedName> OpenBadgeDisplay =
    [
        new("en", "Program completion (Open Badge)", "A program an organization says you completed, with the skills it shows."),
        new("es", "Programa completado (Open Badge)", "Un programa que una organización dice que usted completó, con las habilidades que demuestra."),
        new("ar", "إتمام برنامج (Open Badge)", "برنامج تشهد منظمة بأنك أتممته، مع المهارات التي يثبتها."),
    ];

    private static readonly IReadOnlyList<ClaimDescription> OpenBadgeClaims =
    [
        ClaimDescription.At([new("en", "Name"), new("es", "Nombre"), new("ar", "الاسم")], true, "name"),
        ClaimDescription.At([new("en", "Issuer"), new("es", "Emisor"), new("ar", "الجهة المُصدِرة")], true, "issuer", "name"),
        ClaimDescription.At([new("en", "Achievement"), new("es", "Logro"), new("ar", "الإنجاز")], true, "credentialSubject", "achievement", "name"),
        ClaimDescription.At([new("en", "Description"), new("es", "Descripción"), new("ar", "الوصف")], false, "credentialSubject", "achievement", "description"),
        ClaimDescription.At([new("en", "Valid from"), new("es", "Válida desde"), new("ar", "صالحة من")], true, "validFrom"),
    ];

    private static readonly IReadOnlyList<LocalizedName> WorkAuthorizationDisplay =
    [
        new("en", "Work authorization", "The organization saw a document showing you may work in the US. Only what you choose is shown."),
        new("es", "Autorización de trabajo", "La organización vio un documento que muestra que usted puede trabajar en EE. UU. Solo se muestra lo que usted elija."),
        new("ar", "تصريح العمل", "اطّلعت المنظمة على وثيقة تُظهر أنه يحق لك العمل في الولايات المتحدة. لا يُعرض إلا ما تختاره."),
    ];

    private static readonly IReadOnlyList<ClaimDescription> WorkAuthorizationClaims =
    [
        ClaimDescription.At([new("en", "Authorized to work"), new("es", "Autorizado para trabajar"), new("ar", "مصرّح له بالعمل")], true, "authorized_to_work"),
        ClaimDescription.At([new("en", "Valid until"), new("es", "Válida hasta"), new("ar", "صالحة حتى")], false, "valid_until"),
        ClaimDescription.At([new("en", "No end date"), new("es", "Sin fecha de fin"), new("ar", "بلا تاريخ انتهاء")], false, "no_expiry"),
        ClaimDescription.At([new("en", "Document seen by the organization on"), new("es", "Documento visto por la organización el"), new("ar", "اطّلعت المنظمة على الوثيقة في")], true, "document_seen_at"),
        ClaimDescription.At([new("en", "Status category"), new("es", "Categoría de estatus"), new("ar", "فئة الوضع")], false, "status_category"),
        ClaimDescription.At([new("en", "Document type"), new("es", "Tipo de documento"), new("ar", "نوع الوثيقة")], false, "document_type"),
        ClaimDescription.At([new("en", "Category"), new("es", "Categoría"), new("ar", "الفئة")], false, "category"),
        ClaimDescription.At([new("en", "A-number"), new("es", "Número A (A-number)"), new("ar", "الرقم A ‏(A-number)")], false, "a_number"),
        ClaimDescription.At([new("en", "Document number"), new("es", "Número de documento"), new("ar", "رقم الوثيقة")], false, "document_number"),
        ClaimDescription.At([new("en", "Document expiry"), new("es", "Vencimiento del documento"), new("ar", "تاريخ انتهاء الوثيقة")], false, "document_expiry"),
    ];

    /// <summary>The OB 3.0 credential secured with eddsa-rdfc-2022, its subject id the holder's DID.</summary>
    public static CredentialConfiguration OpenBadgeAsLdpVc() => new()
    {
        Id = OpenBadgeLdpVc,
        Format = CredentialConfiguration.LdpVc,
        Contexts = [CredentialsV2Context, OpenBadgesContext],
        Types = OpenBadgeTypes,
        SigningAlgorithms = ["eddsa-rdfc-2022"],
        BindingMethods = ["did:key", "did:jwk"],
        ProofSigningAlgorithms = ProofAlgorithms,
        Display = OpenBadgeDisplay,
        Claims = OpenBadgeClaims,
    };

    /// <summary>The OB 3.0 credential as a VC-JWT (jwt_vc_json), its subject id the holder's DID.</summary>
    public static CredentialConfiguration OpenBadgeAsJwtVcJson(IReadOnlyList<string> issuerAlgorithms) => new()
    {
        Id = OpenBadgeJwtVcJson,
        Format = CredentialConfiguration.JwtVcJson,
        Types = OpenBadgeTypes,
        SigningAlgorithms = issuerAlgorithms,
        BindingMethods = ["did:key", "did:jwk"],
        ProofSigningAlgorithms = ProofAlgorithms,
        Display = OpenBadgeDisplay,
        Claims = OpenBadgeClaims,
    };

    /// <summary>The work-authorization SD-JWT VC (<paramref name="vct"/>), bound to the proof key through <c>cnf.jwk</c>.</summary>
    public static CredentialConfiguration WorkAuthorization(string vct, IReadOnlyList<string> issuerAlgorithms) => new()
    {
        Id = WorkAuthorizationSdJwt,
        Format = CredentialConfiguration.SdJwtVc,
        Vct = vct,
        SigningAlgorithms = issuerAlgorithms,
        BindingMethods = ["jwk", "did:key", "did:jwk"],
        ProofSigningAlgorithms = ProofAlgorithms,
        Display = WorkAuthorizationDisplay,
        Claims = WorkAuthorizationClaims,
    };
}
