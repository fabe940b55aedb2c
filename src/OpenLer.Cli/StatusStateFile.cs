using System.Security.Cryptography;
using System.Text.Json.Nodes;
using OpenLer.Credentials.Common;
using OpenLer.Credentials.Json;
using OpenLer.Credentials.Status;

namespace OpenLer.Cli;

/// <summary>
/// A status list kept on disk by the CLI: {issuer, url, purpose, version, bits, allocated}, both bitmaps in the encodedList
/// form (GZIP + multibase). Not a credential: the signed list credential is written separately.
/// </summary>
internal static class StatusStateFile
{
    /// <summary>The "format" of a list published as an IETF Status List Token (for SD-JWT VCs).</summary>
    public const string TokenFormat = "token-status-list";

    /// <summary>The "format" of a list published as a W3C BitstringStatusListCredential (for JSON-LD and VC-JWT credentials).</summary>
    public const string BitstringFormat = "bitstring-status-list";

    public static JsonObject ToJson(string issuer, StatusListState state, bool token)
    {
        var snapshot = state.Snapshot();
        return new JsonObject
        {
            ["format"] = token ? TokenFormat : BitstringFormat,
            ["issuer"] = issuer,
            ["url"] = state.ListCredentialId,
            ["purpose"] = state.Purpose,
            ["version"] = snapshot.Version,
            ["bits"] = BitstringStatusList.Encode(snapshot.Bits),
            ["allocated"] = BitstringStatusList.Encode(snapshot.Allocated),
        };
    }

    public static void Save(string path, string issuer, StatusListState state, bool token) =>
        File.WriteAllText(path, StrictJson.Serialize(ToJson(issuer, state, token), indented: true) + "\n");

    public static Outcome<(string Issuer, StatusListState State, bool Token)> Load(string path, RandomNumberGenerator random)
    {
        if (!File.Exists(path))
        {
            return Outcome.Error(ErrorCodes.StatusRetrieval, $"Status state file not found: {path}");
        }

        var json = StrictJson.ParseObject(File.ReadAllBytes(path));
        if (!json.IsSuccess)
        {
            return Outcome.Error(json.Error.Code, $"{path}: {json.Error.Message}");
        }

        var obj = json.Value;
        var issuer = CredentialFields.Text(obj, "issuer");
        var url = CredentialFields.Text(obj, "url");
        var purpose = CredentialFields.Text(obj, "purpose");
        var format = CredentialFields.Text(obj, "format") ?? BitstringFormat;
        var bits = BitstringStatusList.Decode(CredentialFields.Text(obj, "bits"));
        var allocated = BitstringStatusList.Decode(CredentialFields.Text(obj, "allocated"));
        if (issuer is null || url is null || !StatusPurpose.IsSupported(purpose) || !bits.IsSuccess || !allocated.IsSuccess ||
            obj["version"] is not JsonValue v || !v.TryGetValue<long>(out var version) ||
            bits.Value.Length * 8 < BitstringStatusList.MinimumLength || bits.Value.Length != allocated.Value.Length ||
            format is not (TokenFormat or BitstringFormat))
        {
            return Outcome.Error(ErrorCodes.MalformedValue, $"{path} is not a status list state file.");
        }

        return (issuer, StatusListState.Restore(url, purpose!, random, new StatusListSnapshot(bits.Value, allocated.Value, version)), format == TokenFormat);
    }
}
