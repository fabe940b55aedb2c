namespace OpenLer.Credentials.JsonLd;

/// <summary>
/// A context an operator adds to the loader: its URL, its bytes and the SHA-256 (hex) those bytes must have.
/// The hash is checked when the loader is built; a mismatch fails closed.
/// </summary>
public sealed record KnownContext(string Url, ReadOnlyMemory<byte> Content, string Sha256)
{
    /// <summary>Reads the context from a file (configuration time, not per request).</summary>
    public static KnownContext FromFile(string url, string path, string sha256) => new(url, File.ReadAllBytes(path), sha256);
}
