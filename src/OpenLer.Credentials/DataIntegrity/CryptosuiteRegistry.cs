using System.Collections.Immutable;
using System.Text.Json.Nodes;

namespace OpenLer.Credentials.DataIntegrity;

/// <summary>The cryptosuites a signer or verifier accepts, looked up by proof type and cryptosuite name.</summary>
public sealed class CryptosuiteRegistry
{
    public CryptosuiteRegistry(IEnumerable<ICryptosuite> suites)
    {
        Suites = [.. suites];
    }

    /// <summary>The suites that need no JSON-LD processing: eddsa-jcs-2022 and ecdsa-jcs-2019.</summary>
    public static CryptosuiteRegistry Jcs { get; } = new([JcsCryptosuite.EddsaJcs2022, JcsCryptosuite.EcdsaJcs2019]);

    public ImmutableArray<ICryptosuite> Suites { get; }

    public ICryptosuite? Find(string? proofType, string? cryptosuite)
    {
        foreach (var suite in Suites)
        {
            if (suite.ProofType == proofType && suite.Name == cryptosuite)
            {
                return suite;
            }
        }

        return null;
    }

    /// <summary>Finds the suite for a proof object by its "type" and "cryptosuite".</summary>
    public ICryptosuite? Find(JsonObject proof)
    {
        ArgumentNullException.ThrowIfNull(proof);
        var type = proof["type"] is JsonValue t && t.TryGetValue<string>(out var ts) ? ts : null;
        var name = proof["cryptosuite"] is JsonValue c && c.TryGetValue<string>(out var cs) ? cs : null;
        return Find(type, name);
    }

    /// <summary>Finds a suite by its cryptosuite name, or by proof type for legacy suites (e.g. "Ed25519Signature2020").</summary>
    public ICryptosuite? FindByName(string name)
    {
        foreach (var suite in Suites)
        {
            if (string.Equals(suite.Name ?? suite.ProofType, name, StringComparison.Ordinal))
            {
                return suite;
            }
        }

        return null;
    }
}
