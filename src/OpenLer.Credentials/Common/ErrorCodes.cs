namespace OpenLer.Credentials.Common;

/// <summary>
/// Stable error codes. Where a specification names an error, its name is used:
/// VC Data Integrity 1.0 §2.3 / §4 (PROOF_*, INVALID_DOMAIN_ERROR, ...), Controlled Identifiers 1.0 §3.3
/// (INVALID_VERIFICATION_METHOD...), Bitstring Status List §3.7 (STATUS_*), VC 2.0 (MALFORMED_VALUE_ERROR).
/// Codes we had to add end in <c>_ERROR</c> too and are never renamed once released.
/// </summary>
public static class ErrorCodes
{
    // VC Data Integrity 1.0 §2.3 processing errors
    public const string ProofGeneration = "PROOF_GENERATION_ERROR";
    public const string ProofVerification = "PROOF_VERIFICATION_ERROR";
    public const string ProofTransformation = "PROOF_TRANSFORMATION_ERROR";
    public const string MalformedProof = "MALFORMED_PROOF_ERROR";
    public const string MismatchedProofPurpose = "MISMATCHED_PROOF_PURPOSE_ERROR";
    public const string InvalidDomain = "INVALID_DOMAIN_ERROR";
    public const string InvalidChallenge = "INVALID_CHALLENGE_ERROR";
    public const string InvalidProofDatetime = "INVALID_PROOF_DATETIME_ERROR";
    public const string ProofExpired = "PROOF_EXPIRED_ERROR";
    public const string DataLossDetection = "DATA_LOSS_DETECTION_ERROR";
    public const string UnsupportedCryptosuite = "UNSUPPORTED_CRYPTOSUITE_ERROR";

    // Controlled Identifiers 1.0 §3.3 / DID resolution
    public const string InvalidVerificationMethodUrl = "INVALID_VERIFICATION_METHOD_URL";
    public const string InvalidVerificationMethod = "INVALID_VERIFICATION_METHOD";
    public const string InvalidControlledIdentifierDocument = "INVALID_CONTROLLED_IDENTIFIER_DOCUMENT";
    public const string InvalidControlledIdentifierDocumentId = "INVALID_CONTROLLED_IDENTIFIER_DOCUMENT_ID";
    public const string InvalidRelationshipForVerificationMethod = "INVALID_RELATIONSHIP_FOR_VERIFICATION_METHOD";
    public const string VerificationMethodNotControlledByIssuer = "VERIFICATION_METHOD_NOT_CONTROLLED_BY_ISSUER_ERROR";
    /// <summary>The key was read (from the verification method URL or a key document) but its controller's document could not be retrieved to confirm it.</summary>
    public const string VerificationMethodUnconfirmed = "VERIFICATION_METHOD_UNCONFIRMED_ERROR";
    public const string InvalidDid = "INVALID_DID_ERROR";
    public const string UnsupportedDidMethod = "UNSUPPORTED_DID_METHOD_ERROR";
    public const string DidResolution = "DID_RESOLUTION_ERROR";
    public const string ForbiddenNetworkAddress = "FORBIDDEN_NETWORK_ADDRESS_ERROR";
    public const string RemoteDocumentFetch = "REMOTE_DOCUMENT_FETCH_ERROR";

    // Keys and encodings
    public const string InvalidMultibase = "INVALID_MULTIBASE_ERROR";
    public const string UnknownMulticodec = "UNKNOWN_MULTICODEC_ERROR";
    public const string InvalidKeyLength = "INVALID_KEY_LENGTH_ERROR";
    public const string InvalidKey = "INVALID_KEY_ERROR";
    public const string InvalidJwk = "INVALID_JWK_ERROR";

    // JSON input
    public const string JsonParse = "JSON_PARSE_ERROR";
    public const string DuplicateJsonKey = "DUPLICATE_JSON_KEY_ERROR";
    public const string DocumentTooLarge = "DOCUMENT_TOO_LARGE_ERROR";
    public const string DocumentTooDeep = "DOCUMENT_TOO_DEEP_ERROR";
    public const string DocumentTooManyNodes = "DOCUMENT_TOO_MANY_NODES_ERROR";
    public const string ArrayTooLong = "ARRAY_TOO_LONG_ERROR";
    public const string InvalidNumber = "INVALID_NUMBER_ERROR";
    public const string MalformedValue = "MALFORMED_VALUE_ERROR";
    public const string UnrecognizedFormat = "UNRECOGNIZED_FORMAT_ERROR";

    // JSON-LD 1.1 processing (JSON-LD API §9.4.2 names go in the message; these codes are stable)
    public const string JsonLdProcessing = "JSON_LD_PROCESSING_ERROR";
    public const string JsonLdLimitExceeded = "JSON_LD_LIMIT_EXCEEDED_ERROR";
    public const string UnknownContext = "UNKNOWN_CONTEXT_ERROR";
    public const string InlineContext = "INLINE_CONTEXT_ERROR";
    public const string RemoteContextRefused = "REMOTE_CONTEXT_REFUSED_ERROR";
    public const string ContextIntegrity = "CONTEXT_INTEGRITY_ERROR";
    public const string ProtectedTermRedefinition = "PROTECTED_TERM_REDEFINITION_ERROR";
    public const string RecursiveContextInclusion = "RECURSIVE_CONTEXT_INCLUSION_ERROR";
    public const string ContextOverflow = "CONTEXT_OVERFLOW_ERROR";

    // JOSE (RFC 7515, RFC 8725)
    public const string MalformedJws = "MALFORMED_JWS_ERROR";
    public const string UnsupportedAlgorithm = "UNSUPPORTED_ALGORITHM_ERROR";
    public const string AlgorithmKeyMismatch = "ALGORITHM_KEY_MISMATCH_ERROR";
    public const string UntrustedKeySource = "UNTRUSTED_KEY_SOURCE_ERROR";
    public const string InvalidTokenType = "INVALID_TOKEN_TYPE_ERROR";
    public const string ClaimMismatch = "CLAIM_MISMATCH_ERROR";
    public const string SignatureInvalid = "PROOF_VERIFICATION_ERROR";

    // SD-JWT (RFC 9901 §7) and SD-JWT VC
    public const string MalformedSdJwt = "MALFORMED_SD_JWT_ERROR";
    public const string MalformedDisclosure = "MALFORMED_DISCLOSURE_ERROR";
    public const string UnsupportedDigestAlgorithm = "UNSUPPORTED_SD_ALG_ERROR";
    public const string UnreferencedDisclosure = "UNREFERENCED_DISCLOSURE_ERROR";
    public const string DuplicateDigest = "DUPLICATE_DIGEST_ERROR";
    public const string ReservedClaimName = "RESERVED_CLAIM_NAME_ERROR";
    public const string ClaimNameCollision = "CLAIM_NAME_COLLISION_ERROR";
    public const string NotDisclosableClaim = "NOT_DISCLOSABLE_CLAIM_ERROR";
    public const string KeyBindingRequired = "KEY_BINDING_REQUIRED_ERROR";
    public const string KeyBindingInvalid = "KEY_BINDING_INVALID_ERROR";
    public const string KeyBindingNonce = "KEY_BINDING_NONCE_ERROR";
    public const string KeyBindingAudience = "KEY_BINDING_AUDIENCE_ERROR";
    public const string KeyBindingSdHash = "KEY_BINDING_SD_HASH_ERROR";
    public const string KeyBindingIssuedAt = "KEY_BINDING_IAT_ERROR";

    /// <summary>A presented credential is about someone other than the presentation's holder (OpenID4VP §14.1.2 holder binding).</summary>
    public const string HolderMismatch = "HOLDER_MISMATCH_ERROR";

    // Validity period (VC 2.0 §4.9)
    public const string CredentialExpired = "CREDENTIAL_EXPIRED_ERROR";
    public const string CredentialNotYetValid = "CREDENTIAL_NOT_YET_VALID_ERROR";

    // Status (Bitstring Status List §3.7)
    public const string StatusRetrieval = "STATUS_RETRIEVAL_ERROR";
    public const string StatusVerification = "STATUS_VERIFICATION_ERROR";
    public const string StatusListLength = "STATUS_LIST_LENGTH_ERROR";

    /// <summary>The status index lies outside the list (Bitstring Status List §3.2 RANGE_ERROR).</summary>
    public const string StatusRange = "RANGE_ERROR";

    /// <summary>The status list is signed by, or names, an issuer other than the credential's.</summary>
    public const string StatusListIssuerMismatch = "STATUS_LIST_ISSUER_MISMATCH_ERROR";

    /// <summary>The status entry's type or purpose is not one this verifier can check.</summary>
    public const string UnsupportedStatus = "UNSUPPORTED_STATUS_ERROR";
    public const string CredentialRevoked = "CREDENTIAL_REVOKED_ERROR";
    public const string CredentialSuspended = "CREDENTIAL_SUSPENDED_ERROR";

    // RDF: N-Quads 1.1 input, RDF Dataset Canonicalization 1.0 (work bound: RDFC-1.0 Security Considerations, "Dataset Poisoning")
    public const string NQuadsSyntax = "NQUADS_SYNTAX_ERROR";
    public const string InvalidRdfDataset = "INVALID_RDF_DATASET_ERROR";
    public const string RdfDatasetTooLarge = "RDF_DATASET_TOO_LARGE_ERROR";
    public const string RdfcWorkLimitExceeded = "RDFC_WORK_LIMIT_EXCEEDED_ERROR";

    // Open Badges 3.0 / CLR 2.0 data model
    /// <summary>An object's <c>type</c> does not include the type the specification requires at that place.</summary>
    public const string InvalidType = "INVALID_TYPE_ERROR";
    /// <summary>An AchievementSubject / ClrSubject with neither <c>id</c> nor <c>identifier</c>.</summary>
    public const string MissingSubjectIdentifier = "MISSING_SUBJECT_IDENTIFIER_ERROR";
    /// <summary>A credential nested in a CLR (credentialSubject.verifiableCredential) is not verified.</summary>
    public const string NestedCredential = "NESTED_CREDENTIAL_ERROR";

    // Schema, trust
    public const string SchemaValidation = "SCHEMA_VALIDATION_ERROR";
    public const string SchemaUnavailable = "SCHEMA_UNAVAILABLE_ERROR";
    public const string UntrustedIssuer = "UNTRUSTED_ISSUER_ERROR";

    /// <summary>The credential is marked as a practice (training) credential (achievement tag "practice").</summary>
    public const string PracticeCredential = "PRACTICE_CREDENTIAL_ERROR";
}
