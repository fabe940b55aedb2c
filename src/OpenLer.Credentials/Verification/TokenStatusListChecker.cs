using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using OpenLer.Credentials.Common;
using OpenLer.Credentials.Encodings;
using OpenLer.Credentials.Jose;
using OpenLer.Credentials.Json;
using OpenLer.Credentials.Status;

namespace OpenLer.Credentials.Verification;

/// <summary>
/// Checks the IETF Token Status List reference of an SD-JWT VC (draft-ietf-oauth-status-list): <c>status.status_list</c>
/// {idx, uri} points at a Status List Token (JWT, typ <c>statuslist+jwt</c>) whose <c>status_list</c> holds <c>bits</c>
/// (1, 2, 4 or 8) and <c>lst</c> (base64url of zlib-compressed statuses, index 0 in the least significant bits of byte 0).
/// The token must be signed by the credential's issuer (key resolved as for the credential), its <c>sub</c> must be the
/// <c>uri</c>, and it must not be expired. Fails closed exactly like <see cref="BitstringStatusChecker"/>:
/// 0 is valid, 1 revoked, 2 suspended; anything else, or any list problem, is "could not check".
/// </summary>
public sealed class TokenStatusListChecker : ICredentialStatusChecker
{
    /// <summary>The JOSE typ of a Status List Token.</summary>
    public const string TokenType = TokenStatusListBuilder.TokenType;

    private readonly IStatusListFetcher _fetcher;
    private readonly CredentialVerifierOptions _options;
    private readonly JoseCredentialVerifier _jose;
    private readonly BitstringStatusCheckerOptions _cacheOptions;
    private readonly ConcurrentDictionary<(string Uri, string Issuer), VerifiedToken> _cache = new();

    public TokenStatusListChecker(IStatusListFetcher fetcher, CredentialVerifierOptions? verifierOptions = null, BitstringStatusCheckerOptions? cacheOptions = null)
    {
        ArgumentNullException.ThrowIfNull(fetcher);
        _fetcher = fetcher;
        _options = verifierOptions ?? new CredentialVerifierOptions();
        _jose = new JoseCredentialVerifier(_options);
        _cacheOptions = cacheOptions ?? new BitstringStatusCheckerOptions();
    }

    /// <inheritdoc />
    public async ValueTask<CheckResult> CheckAsync(JsonObject credential, string format, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(credential);
        if (credential["status"] is null)
        {
            return CheckResult.Skipped(CheckNames.Status, "The credential has no status claim.");
        }

        if (credential["status"] is not JsonObject status || status["status_list"] is not JsonObject reference)
        {
            return CheckResult.Unavailable(CheckNames.Status, ErrorCodes.UnsupportedStatus, "The status claim has no status_list reference.");
        }

        var uri = CredentialFields.Text(reference, "uri");
        if (uri is null || !Uri.TryCreate(uri, UriKind.Absolute, out _))
        {
            return CheckResult.Unavailable(CheckNames.Status, ErrorCodes.MalformedValue, "status_list.uri is not an absolute URI.");
        }

        if (reference["idx"] is not JsonValue idxValue || !idxValue.TryGetValue<long>(out var index) || index < 0)
        {
            return CheckResult.Unavailable(CheckNames.Status, ErrorCodes.MalformedValue, "status_list.idx is not a non-negative integer.");
        }

        var issuer = CredentialFields.Text(credential, "iss") ?? CredentialFields.IssuerId(credential);
        if (issuer is null)
        {
            return CheckResult.Unavailable(CheckNames.Status, ErrorCodes.MalformedValue, "The credential has no issuer to match the status list against.");
        }

        var list = await GetAsync(uri, issuer, cancellationToken).ConfigureAwait(false);
        if (!list.IsSuccess)
        {
            return CheckResult.Unavailable(CheckNames.Status, list.Error.Code, list.Error.Message);
        }

        var (bits, statuses) = (list.Value.Bits, list.Value.Statuses);
        if (index >= (long)statuses.Length * 8 / bits)
        {
            return CheckResult.Unavailable(CheckNames.Status, ErrorCodes.StatusRange, $"status_list.idx {index} lies outside the list.");
        }

        var position = index * bits;
        var value = (statuses[(int)(position / 8)] >> (int)(position % 8)) & ((1 << bits) - 1);
        return value switch
        {
            0 => CheckResult.Pass(CheckNames.Status, "Valid (Token Status List)."),
            1 => CheckResult.Fail(CheckNames.Status, ErrorCodes.CredentialRevoked, "The issuer has revoked this credential."),
            2 => CheckResult.Fail(CheckNames.Status, ErrorCodes.CredentialSuspended, "The issuer has suspended this credential."),
            _ => CheckResult.Unavailable(CheckNames.Status, ErrorCodes.UnsupportedStatus, $"Status value 0x{value:x2} has no meaning this verifier knows."),
        };
    }

    private async ValueTask<Outcome<VerifiedToken>> GetAsync(string uri, string issuer, CancellationToken cancellationToken)
    {
        var now = _options.TimeProvider.GetUtcNow();
        if (_cache.TryGetValue((uri, issuer), out var cached))
        {
            // A list cached "in the future" (the clock was set back) is stale: never let a clock jump extend its life.
            if (cached.CacheUntil > now && cached.CachedAt <= now)
            {
                return cached;
            }

            _cache.TryRemove(KeyValuePair.Create((uri, issuer), cached));
        }

        var fetched = await _fetcher.FetchAsync(uri, cancellationToken).ConfigureAwait(false);
        if (!fetched.IsSuccess)
        {
            return Outcome.Error(ErrorCodes.StatusRetrieval, "The status list could not be retrieved: " + fetched.Error.Message);
        }

        var verified = await VerifyAsync(fetched.Value.Trim(), uri, issuer, now, cancellationToken).ConfigureAwait(false);
        if (verified.IsSuccess)
        {
            if (_cache.Count >= _cacheOptions.MaxCacheEntries)
            {
                _cache.Clear();
            }

            _cache[(uri, issuer)] = verified.Value;
        }

        return verified;
    }

    private async ValueTask<Outcome<VerifiedToken>> VerifyAsync(string token, string uri, string issuer, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var parsed = CompactJws.Parse(token, _options.Limits.MaxBytes);
        if (!parsed.IsSuccess)
        {
            return Outcome.Error(ErrorCodes.StatusVerification, "The status list token is not a JWS.");
        }

        var jws = parsed.Value;
        if (jws.Type != TokenType)
        {
            return Outcome.Error(ErrorCodes.StatusVerification, "The status list token's typ is not statuslist+jwt.");
        }

        if (JwsAlgorithms.CheckHeader(jws.Algorithm) is { } algError)
        {
            return Outcome.Error(ErrorCodes.StatusVerification, "Status list token: " + algError.Message);
        }

        var payload = StrictJson.ParseObject(jws.Payload, _options.Limits);
        if (!payload.IsSuccess)
        {
            return Outcome.Error(ErrorCodes.StatusVerification, "The status list token payload is not a JSON object.");
        }

        var claims = payload.Value;
        if (CredentialFields.Text(claims, "iss") is { } iss && iss != issuer)
        {
            return Outcome.Error(ErrorCodes.StatusListIssuerMismatch, "The status list token was issued by a different issuer than the credential.");
        }

        // The key must be the credential issuer's (kid under the issuer's DID, or a key configured for the issuer).
        var key = await _jose.ResolveKeyAsync(jws, issuer, cancellationToken).ConfigureAwait(false);
        if (!key.IsSuccess)
        {
            return Outcome.Error(ErrorCodes.StatusListIssuerMismatch, "The status list token is not signed by a key of the credential's issuer: " + key.Error.Message);
        }

        if (key.Value.Binding.Status != CheckStatus.Passed || JwsAlgorithms.CheckKey(jws.Algorithm!, key.Value.Key) is not null ||
            !key.Value.Key.Verify(jws.SigningInput, jws.Signature))
        {
            return Outcome.Error(ErrorCodes.StatusVerification, "The status list token's signature does not verify.");
        }

        if (CredentialFields.Text(claims, "sub") != uri)
        {
            return Outcome.Error(ErrorCodes.StatusVerification, "The status list token's sub is not the URI it was fetched from.");
        }

        var exp = JwtClaims.NumericDate(claims, "exp");
        var iat = JwtClaims.NumericDate(claims, "iat");
        if (!exp.IsSuccess || !iat.IsSuccess || iat.Value is null)
        {
            return Outcome.Error(ErrorCodes.StatusVerification, "The status list token has an invalid or missing iat/exp.");
        }

        if (exp.Value is { } expires && now >= expires)
        {
            return Outcome.Error(ErrorCodes.StatusVerification, "The status list token has expired.");
        }

        if (iat.Value > now + _options.ClockSkew)
        {
            return Outcome.Error(ErrorCodes.StatusVerification, "The status list token was issued in the future.");
        }

        if (claims["status_list"] is not JsonObject list || list["bits"] is not JsonValue bitsValue || !bitsValue.TryGetValue<int>(out var bits) ||
            bits is not (1 or 2 or 4 or 8))
        {
            return Outcome.Error(ErrorCodes.StatusVerification, "status_list.bits must be 1, 2, 4 or 8.");
        }

        var compressed = Base64Url.Decode(CredentialFields.Text(list, "lst") ?? string.Empty);
        if (!compressed.IsSuccess || compressed.Value.Length == 0)
        {
            return Outcome.Error(ErrorCodes.StatusVerification, "status_list.lst is not base64url.");
        }

        var statuses = BitstringStatusList.Decompress(compressed.Value, gzip: false);
        if (!statuses.IsSuccess)
        {
            return statuses.Error;
        }

        var cacheUntil = now + _cacheOptions.MaxCacheAge;
        if (exp.Value is { } e && e < cacheUntil)
        {
            cacheUntil = e;
        }

        if (claims["ttl"] is JsonValue ttlValue && ttlValue.TryGetValue<long>(out var ttl) && ttl >= 0 && ttl < _cacheOptions.MaxCacheAge.TotalSeconds &&
            now + TimeSpan.FromSeconds(ttl) < cacheUntil)
        {
            cacheUntil = now + TimeSpan.FromSeconds(ttl);
        }

        return new VerifiedToken(bits, statuses.Value, now, cacheUntil);
    }

    private sealed record VerifiedToken(int Bits, byte[] Statuses, DateTimeOffset CachedAt, DateTimeOffset CacheUntil);
}

/// <summary>
/// The status checker a verifier normally uses: W3C Bitstring Status List for <c>credentialStatus</c> entries and the IETF
/// Token Status List for an SD-JWT VC's <c>status</c> claim, both through one <see cref="IStatusListFetcher"/>.
/// (A top-level <c>status</c> in a JSON-LD credential is not a status mechanism and is not checked.)
/// Every entry present must pass.
/// </summary>
public sealed class CombinedStatusChecker(IStatusListFetcher fetcher, CredentialVerifierOptions? verifierOptions = null, BitstringStatusCheckerOptions? cacheOptions = null)
    : ICredentialStatusChecker
{
    private readonly BitstringStatusChecker _bitstring = new(fetcher, verifierOptions, cacheOptions);
    private readonly TokenStatusListChecker _token = new(fetcher, verifierOptions, cacheOptions);

    /// <inheritdoc />
    public async ValueTask<CheckResult> CheckAsync(JsonObject credential, string format, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(credential);
        var results = new List<CheckResult>();
        if (credential["credentialStatus"] is not null)
        {
            results.Add(await _bitstring.CheckAsync(credential, format, cancellationToken).ConfigureAwait(false));
        }

        // The "status" claim is a status mechanism only in SD-JWT VCs (in JSON-LD it is not a VC term).
        if (credential["status"] is not null && format == CredentialFormats.SdJwtVc)
        {
            results.Add(await _token.CheckAsync(credential, format, cancellationToken).ConfigureAwait(false));
        }

        if (results.Count == 0)
        {
            return CheckResult.Skipped(CheckNames.Status, "The credential has no status entry.");
        }

        return results.FirstOrDefault(r => r.Status != CheckStatus.Passed)
            ?? CheckResult.Pass(CheckNames.Status, string.Join(" ", results.Select(r => r.Message)));
    }
}
