using System.Text.Json.Nodes;
using OpenLer.Credentials.Common;
using OpenLer.Credentials.Json;
using OpenLer.Credentials.Keys;

namespace OpenLer.Cli;

/// <summary>
/// A signing key on disk. The format is the Multikey key pair JSON (Controlled Identifiers §2.2.2, as Digital Bazaar and the
/// DCC tools write it): {type: "Multikey", id, controller, publicKeyMultibase, secretKeyMultibase}. A private JWK (with an
/// optional "kid" and "controller") is also read. Without a controller the key speaks for its own did:key.
/// </summary>
internal sealed class KeyFile : IDisposable
{
    private KeyFile(KeyPair key, string controller, string verificationMethod)
    {
        Key = key;
        Controller = controller;
        VerificationMethod = verificationMethod;
    }

    public KeyPair Key { get; }

    /// <summary>The DID that controls the key (the issuer).</summary>
    public string Controller { get; }

    /// <summary>The DID URL of the key (kid / verificationMethod).</summary>
    public string VerificationMethod { get; }

    public static JsonObject Create(KeyPair key)
    {
        var did = key.PublicKey.ToDidKey();
        return new JsonObject
        {
            ["type"] = "Multikey",
            ["id"] = did + "#" + key.PublicKey.ToMultibase(),
            ["controller"] = did,
            ["publicKeyMultibase"] = key.PublicKey.ToMultibase(),
            ["secretKeyMultibase"] = key.ExportPrivateMultibase(),
        };
    }

    public static Outcome<KeyFile> Read(string path)
    {
        if (!File.Exists(path))
        {
            return Outcome.Error(ErrorCodes.InvalidKey, $"Key file not found: {path}");
        }

        var json = StrictJson.ParseObject(File.ReadAllBytes(path), new JsonLimits { MaxBytes = 64 * 1024, MaxDepth = 8 });
        if (!json.IsSuccess)
        {
            return Outcome.Error(ErrorCodes.InvalidKey, $"{path}: {json.Error.Message}");
        }

        var obj = json.Value;
        var key = obj["secretKeyMultibase"] is JsonValue secret
            ? KeyPair.FromPrivateMultibase((string?)secret)
            : obj["d"] is not null
                ? KeyPair.FromPrivateJwk(obj)
                : Outcome.Error(ErrorCodes.InvalidKey, $"{path}: no private key (secretKeyMultibase or a private JWK).");
        if (!key.IsSuccess)
        {
            return key.Error;
        }

        if (obj["publicKeyMultibase"] is JsonValue pub && (string?)pub != key.Value.PublicKey.ToMultibase())
        {
            key.Value.Dispose();
            return Outcome.Error(ErrorCodes.InvalidKey, $"{path}: publicKeyMultibase does not match the private key.");
        }

        var did = key.Value.PublicKey.ToDidKey();
        var controller = (string?)obj["controller"] ?? did;
        var id = (string?)obj["id"] ?? (string?)obj["kid"] ?? did + "#" + key.Value.PublicKey.ToMultibase();
        if (id.StartsWith('#'))
        {
            id = controller + id;
        }

        return new KeyFile(key.Value, controller, id);
    }

    public void Dispose() => Key.Dispose();
}
