using System.Text.Json.Nodes;
using OpenLer.Credentials.Common;
using OpenLer.Credentials.DataIntegrity;
using OpenLer.Credentials.Keys;

namespace OpenLer.Credentials.Status;

/// <summary>
/// Builds and signs the BitstringStatusListCredential (VC 2.0, Bitstring Status List 1.0 §2.2) of a
/// <see cref="StatusListState"/>. Call it again after every change to re-sign the list.
/// </summary>
public sealed class StatusListCredentialBuilder(DataIntegritySigner signer, TimeProvider timeProvider)
{
    /// <summary>The default proof suite; the JSON-LD reference stack accepts it.</summary>
    public const string DefaultCryptosuite = "eddsa-rdfc-2022";

    public StatusListCredentialBuilder()
        : this(new DataIntegritySigner(), TimeProvider.System)
    {
    }

    /// <summary>The unsigned list credential, valid from now for <paramref name="validity"/> (unbounded when null).</summary>
    public JsonObject Build(StatusListState state, string issuer, TimeSpan? validity = null)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentException.ThrowIfNullOrEmpty(issuer);
        var now = timeProvider.GetUtcNow();
        var credential = new JsonObject
        {
            ["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2"),
            ["id"] = state.ListCredentialId,
            ["type"] = new JsonArray("VerifiableCredential", "BitstringStatusListCredential"),
            ["issuer"] = issuer,
            ["validFrom"] = XsdDateTime.Format(now),
        };
        if (validity is { } v)
        {
            credential["validUntil"] = XsdDateTime.Format(now + v);
        }

        credential["credentialSubject"] = new JsonObject
        {
            ["id"] = state.ListCredentialId + "#list",
            ["type"] = "BitstringStatusList",
            ["statusPurpose"] = state.Purpose,
            ["encodedList"] = state.Encode(),
        };
        return credential;
    }

    /// <summary>
    /// The list credential signed by <paramref name="key"/>, whose <paramref name="verificationMethod"/> must belong to
    /// <paramref name="issuer"/> (verifiers require the list's issuer to be the credential's issuer).
    /// </summary>
    public Outcome<JsonObject> BuildSigned(StatusListState state, string issuer, KeyPair key, string verificationMethod,
        TimeSpan? validity = null, string cryptosuite = DefaultCryptosuite)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentException.ThrowIfNullOrEmpty(verificationMethod);
        return signer.Sign(Build(state, issuer, validity), key, new ProofOptions
        {
            Cryptosuite = cryptosuite,
            VerificationMethod = verificationMethod,
            Created = timeProvider.GetUtcNow(),
        });
    }
}
