using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using OpenLer.Credentials.Common;
using OpenLer.Credentials.Encodings;
using OpenLer.Credentials.Jose;
using OpenLer.Credentials.Json;
using OpenLer.Credentials.Keys;

namespace OpenLer.Credentials.SdJwt;

/// <summary>What to make selectively disclosable when issuing an SD-JWT, and how to sign it.</summary>
public sealed record SdJwtIssueOptions
{
    /// <summary>
    /// Claim paths to make selectively disclosable: dot-separated names, numbers for array positions and <c>*</c> for every
    /// element (<c>given_name</c>, <c>address.locality</c>, <c>nationalities.0</c>, <c>nationalities.*</c>). Naming both a
    /// claim and something inside it gives recursive disclosures (RFC 9901 §6.3). A path that matches nothing is an error.
    /// </summary>
    public IReadOnlyCollection<string> Disclosable { get; init; } = [];

    /// <summary>Top-level claims that must never be selectively disclosable (SD-JWT VC: iss, vct, cnf, status, nbf, exp...).</summary>
    public IReadOnlyCollection<string> NeverDisclosable { get; init; } = [];

    /// <summary>The JOSE <c>typ</c> header, e.g. <c>dc+sd-jwt</c>; null omits it.</summary>
    public string? Type { get; init; }

    /// <summary>The JOSE <c>kid</c> header (a DID URL for did issuers).</summary>
    public string? KeyId { get; init; }

    /// <summary>The holder's public key, put in <c>cnf.jwk</c> to enable key binding.</summary>
    public PublicKey? HolderKey { get; init; }

    /// <summary>Decoy digests added to every <c>_sd</c> array (RFC 9901 §4.2.5), hiding how many claims are disclosable.</summary>
    public int DecoysPerObject { get; init; } = 2;
}

/// <summary>An issued SD-JWT: the Issuer-signed JWT and all its disclosures; <see cref="Compact"/> is what the holder receives.</summary>
public sealed record IssuedSdJwt(string IssuerJwt, IReadOnlyList<Disclosure> Disclosures)
{
    /// <summary><c>&lt;JWT&gt;~&lt;D1&gt;~...~&lt;Dn&gt;~</c>. Contains personal data: never log it.</summary>
    public string Compact => IssuerJwt + "~" + string.Concat(Disclosures.Select(d => d.Encoded + "~"));

    /// <summary>A redacted description, so that logging the object never leaks the token, disclosures or salts.</summary>
    public override string ToString() => $"SD-JWT with {Disclosures.Count} disclosure(s)";
}

/// <summary>
/// Issues SD-JWTs (RFC 9901 §4–5): each chosen claim is replaced by the digest of a disclosure with a fresh 128-bit salt from
/// the injected <see cref="RandomNumberGenerator"/>; digests are sorted and mixed with decoys; <c>_sd_alg</c> is sha-256.
/// </summary>
public sealed class SdJwtIssuer(RandomNumberGenerator random)
{
    /// <summary>Salt length in bytes (RFC 9901 §4.2.1 recommends 128 bits).</summary>
    public const int SaltBytes = 16;

    public Outcome<IssuedSdJwt> Issue(JsonObject claims, KeyPair issuerKey, SdJwtIssueOptions options)
    {
        ArgumentNullException.ThrowIfNull(claims);
        ArgumentNullException.ThrowIfNull(issuerKey);
        ArgumentNullException.ThrowIfNull(options);
        if (options.DecoysPerObject is < 0 or > 64)
        {
            return Outcome.Error(ErrorCodes.MalformedValue, "DecoysPerObject must be between 0 and 64.");
        }

        var protectedPath = options.Disclosable.FirstOrDefault(p => options.NeverDisclosable.Contains(p.Split('.')[0]));
        if (protectedPath is not null)
        {
            return Outcome.Error(ErrorCodes.NotDisclosableClaim, $"The claim '{protectedPath}' cannot be selectively disclosable.");
        }

        if (claims.ContainsKey(SdJwtNames.SdAlg) || claims.ContainsKey("cnf") && options.HolderKey is not null)
        {
            return Outcome.Error(ErrorCodes.MalformedValue, "The claims already contain _sd_alg or cnf.");
        }

        var builder = new Builder(this, options);
        var payload = builder.Build(claims, string.Empty);
        if (!payload.IsSuccess)
        {
            return payload.Error;
        }

        var unmatched = options.Disclosable.Except(builder.Matched, StringComparer.Ordinal).FirstOrDefault();
        if (unmatched is not null)
        {
            return Outcome.Error(ErrorCodes.MalformedValue, $"No claim at path '{unmatched}' to make selectively disclosable.");
        }

        var body = (JsonObject)payload.Value!;
        body[SdJwtNames.SdAlg] = SdHashAlgorithm.Sha256.Name;
        if (options.HolderKey is not null)
        {
            body["cnf"] = new JsonObject { ["jwk"] = options.HolderKey.ToJwk() };
        }

        var header = new JsonObject();
        if (options.Type is not null)
        {
            header["typ"] = options.Type;
        }

        if (options.KeyId is not null)
        {
            header["kid"] = options.KeyId;
        }

        var jwt = JwsSigner.Sign(header, Encoding.UTF8.GetBytes(StrictJson.Serialize(body)), issuerKey);
        return new IssuedSdJwt(jwt, builder.Disclosures);
    }

    /// <summary>A fresh salt: 128 random bits, base64url.</summary>
    public string NewSalt()
    {
        Span<byte> bytes = stackalloc byte[SaltBytes];
        random.GetBytes(bytes);
        return Base64Url.Encode(bytes);
    }

    private string DecoyDigest() => SdHashAlgorithm.Sha256.Digest(NewSalt());

    private sealed class Builder(SdJwtIssuer issuer, SdJwtIssueOptions options)
    {
        private readonly HashSet<string> _paths = new(options.Disclosable, StringComparer.Ordinal);

        public HashSet<string> Matched { get; } = new(StringComparer.Ordinal);

        public List<Disclosure> Disclosures { get; } = [];

        public Outcome<JsonNode?> Build(JsonNode? node, string path)
        {
            switch (node)
            {
                case JsonObject obj:
                    {
                        var result = new JsonObject();
                        var digests = new List<string>();
                        foreach (var (name, value) in obj)
                        {
                            if (name is SdJwtNames.Sd or SdJwtNames.Ellipsis)
                            {
                                return Outcome.Error(ErrorCodes.ReservedClaimName, $"The claim name '{name}' is reserved by SD-JWT.");
                            }

                            var claimPath = SdJwtProcessor.Join(path, name);
                            var child = Build(value, claimPath);
                            if (!child.IsSuccess)
                            {
                                return child;
                            }

                            if (Matches(claimPath))
                            {
                                var disclosure = Disclosure.Create(issuer.NewSalt(), name, child.Value);
                                Disclosures.Add(disclosure);
                                digests.Add(disclosure.Digest(SdHashAlgorithm.Sha256));
                            }
                            else
                            {
                                result[name] = child.Value;
                            }
                        }

                        if (digests.Count > 0)
                        {
                            for (var i = 0; i < options.DecoysPerObject; i++)
                            {
                                digests.Add(issuer.DecoyDigest());
                            }

                            digests.Sort(StringComparer.Ordinal);
                            result[SdJwtNames.Sd] = new JsonArray([.. digests.Select(d => (JsonNode)d)]);
                        }

                        return result;
                    }

                case JsonArray array:
                    {
                        var result = new JsonArray();
                        for (var i = 0; i < array.Count; i++)
                        {
                            var elementPath = SdJwtProcessor.Join(path, i.ToString(CultureInfo.InvariantCulture));
                            var child = Build(array[i], elementPath);
                            if (!child.IsSuccess)
                            {
                                return child;
                            }

                            var wildcard = SdJwtProcessor.Join(path, "*");
                            var all = _paths.Contains(wildcard);
                            if (all)
                            {
                                Matched.Add(wildcard);
                            }

                            if (Matches(elementPath) || all)
                            {
                                var disclosure = Disclosure.Create(issuer.NewSalt(), null, child.Value);
                                Disclosures.Add(disclosure);
                                result.Add(new JsonObject { [SdJwtNames.Ellipsis] = disclosure.Digest(SdHashAlgorithm.Sha256) });
                            }
                            else
                            {
                                result.Add(child.Value);
                            }
                        }

                        return result;
                    }

                default:
                    return Outcome.Ok(node?.DeepClone());
            }
        }

        private bool Matches(string path)
        {
            if (_paths.Contains(path))
            {
                Matched.Add(path);
                return true;
            }

            return false;
        }
    }
}
