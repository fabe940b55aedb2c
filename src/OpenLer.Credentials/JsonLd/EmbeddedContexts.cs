namespace OpenLer.Credentials.JsonLd;

/// <summary>
/// The contexts shipped inside the library (embedded resources from <c>JsonLd/Contexts</c>), each pinned to the
/// SHA-256 of its bytes. Sources and licences: <c>shared/contexts/PROVENANCE.md</c> and THIRD-PARTY-NOTICES.md.
/// A resource whose bytes do not match fails <see cref="ContextDocumentLoader.Create(ContextLoaderOptions?)"/>: a changed context could
/// change what a signed credential means (VC Data Integrity 1.0 "Validating Contexts").
/// </summary>
internal static class EmbeddedContexts
{
    public const string ResourcePrefix = "OpenLer.Credentials.JsonLd.Contexts.";

    public static IReadOnlyList<Entry> All { get; } =
    [
        new("https://www.w3.org/ns/credentials/v2", "credentials-v2.jsonld", "8a9f494a89ecc51db093e90e84713e07e84d6d9204364a9b3c7868b21751236f"),
        new("https://www.w3.org/2018/credentials/v1", "credentials-v1.jsonld", "00d7dd6d3ad8b920e3e550dd3a3d9090bffcac84cdbf943da6924b3e0a5c8bb8"),
        new("https://www.w3.org/2018/credentials/examples/v1", "credentials-examples-v1.jsonld", "73bebae22e70ebb4466ac2e1f3e3b35c43436217623b51ff3e1b567e1aff4ba2"),
        new("https://www.w3.org/ns/credentials/undefined-terms/v2", "credentials-undefined-terms-v2.jsonld", "82dab514ba44eb18f5d1b0f638c5e140c6a556fbfb5089601bdc0fa5eb8b2581"),
        new("https://www.w3.org/ns/credentials/status/v1", "credentials-status-v1.jsonld", "fd08cbf28ddd829ab2f1978c48f43ab07a112c1c90245a0cfac7ba721c65170c"),
        new("https://w3id.org/vc/status-list/2021/v1", "vc-status-list-2021-v1.jsonld", "634d71c159289f068c96012e4511c657fdf82ac4231900081bda3ba24e2e1160"),
        new("https://w3id.org/security/data-integrity/v1", "data-integrity-v1.jsonld", "b5d829bd09aa7c42abc6efa0c8ed7635313b5487f37ccfce3ecd149ca9418554"),
        new("https://w3id.org/security/data-integrity/v2", "data-integrity-v2.jsonld", "0f77743daf5b4e8fc067fc5ba5b21044283053aa717fc6b0219843bed3b00363"),
        new("https://w3id.org/security/multikey/v1", "multikey-v1.jsonld", "c5f3806f8286920573221938917988a18a4cc5a09e968d29649613c7a1c2b1f6"),
        new("https://w3id.org/security/suites/ed25519-2020/v1", "ed25519-2020-v1.jsonld", "b9e1ab971fd8bf2c7553e0c4a9438e0b9450afde1ea1ca5b2492368b9f549588"),
        new("https://w3id.org/security/suites/x25519-2020/v1", "x25519-2020-v1.jsonld", "b234f84fe7cebb0efef37cad82667eeacb6d414f6c51ac37f5dc803a4a0c728a"),
        new("https://w3id.org/security/v1", "security-v1.jsonld", "e2d146cd556f6fa5f14996c6f1749667d5a14073fa30f0643990068e2c0b1bac"),
        new("https://w3id.org/security/v2", "security-v2.jsonld", "4cb186bc29c08af6e40c58178c22dd84d542f2871a063afed6e648b47abc3cf6"),
        new("https://www.w3.org/ns/did/v1", "did-v1.jsonld", "62c1054bf404d6dd3a4b26b64f830fd72095f6a26edc4469908c94351352ce5f"),
        new("https://w3id.org/citizenship/v4rc1", "citizenship-v4rc1.jsonld", "a89b0bc00b1848ac3dfdf956c7dd5de8567e755351c07ec6a1c2b4a08b67953b"),
        new("https://w3id.org/dcc/v1", "dcc-v1.jsonld", "1543695325471b0d23e839a28166ba4ea445cca294ac46fe034ca584cbfc6077"),
        new("https://purl.imsglobal.org/spec/ob/v3p0/context.json", "ob-v3p0-context-3.0.0.json", "9f1c8f9f361ba2994b9b50701f41149919542c50c7b7455b2846d87959295d72"),
        new("https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.1.json", "ob-v3p0-context-3.0.1.json", "af095468326d3449160509b26ca71576e6321d13c85b0369cfe3b654c9a48fba"),
        new("https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json", "ob-v3p0-context-3.0.2.json", "00666ad080ba407687ed1846b7f5e7495f5019042b202a727de47c48a1755c53"),
        new("https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json", "ob-v3p0-context-3.0.3.json", "ef2fa9c7846dce233cc166b43639027278be4ee44f00bb1d45c75de2dd0cd761"),
        new("https://purl.imsglobal.org/spec/ob/v3p0/extensions.json", "ob-v3p0-extensions.json", "2d013f981d1f4516081a6a04e55468ba2b071d4153b794f19a79715c45a89a5e"),
        new("https://imsglobal.github.io/openbadges-specification/ob_v3p0.html", "ob-v3p0-beta.json", "5afdfb3d5ddb92417d2b48f0ab2f89d16d1b03696c2f3fa2e67184819e103326"),
        new("https://w3c-ccg.github.io/vc-ed/plugfest-1-2022/jff-vc-edu-plugfest-1-context.json", "ob-v3p0-beta.json", "5afdfb3d5ddb92417d2b48f0ab2f89d16d1b03696c2f3fa2e67184819e103326"),
        new("https://www.w3.org/ns/odrl.jsonld", "odrl.jsonld", "a83cb98005bce546531131d4042318d8267aff71b1451f53cc926587fcef42c6"),
    ];

    /// <summary>Reads an embedded context's bytes; null when the resource is missing.</summary>
    public static byte[]? ReadResource(string file)
    {
        using var stream = typeof(EmbeddedContexts).Assembly.GetManifestResourceStream(ResourcePrefix + file);
        if (stream is null)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    /// <summary>A context URL, the file that serves it, and the SHA-256 (lowercase hex) of the file's bytes.</summary>
    public sealed record Entry(string Url, string File, string Sha256);
}
