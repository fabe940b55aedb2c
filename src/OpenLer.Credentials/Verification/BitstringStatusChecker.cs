using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using OpenLer.Credentials.Common;
using OpenLer.Credentials.Status;

namespace OpenLer.Credentials.Verification;

/// <summary>
/// Checks <c>credentialStatus</c> entries of type BitstringStatusListEntry (W3C Bitstring Status List 1.0 §3.2). The list
/// credential is fetched through an <see cref="IStatusListFetcher"/>, its own proof and validity period are verified, its
/// issuer must be the credential's issuer and its purpose the entry's. Verified lists are cached until the earliest of
/// their validUntil, their ttl and <see cref="BitstringStatusCheckerOptions.MaxCacheAge"/>.
/// Fails closed: a missing, unreachable, malformed, foreign-signed, expired or too-short list is
/// <see cref="CheckStatus.CouldNotCheck"/>; a set bit is <see cref="CheckStatus.Failed"/> (revoked / suspended).
/// </summary>
public sealed class BitstringStatusChecker : ICredentialStatusChecker
{
    /// <summary>Credentials with more status entries than this are refused.</summary>
    public const int MaxEntries = 8;

    private readonly IStatusListFetcher _fetcher;
    private readonly CredentialVerifier _listVerifier;
    private readonly BitstringStatusCheckerOptions _options;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, VerifiedList> _cache = new(StringComparer.Ordinal);

    /// <param name="fetcher">Retrieves list credentials by URL.</param>
    /// <param name="verifierOptions">How list credentials are verified (resolvers, suites, clock); status, schema and
    /// trust-list settings are ignored for the list itself.</param>
    /// <param name="options">Cache bounds.</param>
    public BitstringStatusChecker(IStatusListFetcher fetcher, CredentialVerifierOptions? verifierOptions = null, BitstringStatusCheckerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(fetcher);
        _fetcher = fetcher;
        var listOptions = (verifierOptions ?? new CredentialVerifierOptions()) with
        {
            StatusChecker = null,
            KeyBinding = null,
            SchemaValidator = null,
            TrustList = null,
            RequireTrustedIssuer = false,
        };
        _listVerifier = new CredentialVerifier(listOptions);
        _time = listOptions.TimeProvider;
        _options = options ?? new BitstringStatusCheckerOptions();
    }

    /// <inheritdoc />
    public async ValueTask<CheckResult> CheckAsync(JsonObject credential, string format, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(credential);
        var entries = credential["credentialStatus"] switch
        {
            null => [],
            JsonObject one => [one],
            JsonArray many => many.Select(e => e as JsonObject).ToArray(),
            _ => [null],
        };
        if (entries.Length == 0)
        {
            return CheckResult.Skipped(CheckNames.Status, "The credential has no credentialStatus.");
        }

        if (entries.Length > MaxEntries || Array.Exists(entries, e => e is null))
        {
            return CheckResult.Unavailable(CheckNames.Status, ErrorCodes.MalformedValue, "credentialStatus is malformed.");
        }

        var issuer = CredentialFields.IssuerId(credential);
        var messages = new List<string>();
        foreach (var entry in entries)
        {
            var result = await CheckEntryAsync(entry!, issuer, cancellationToken).ConfigureAwait(false);
            if (result.Status != CheckStatus.Passed)
            {
                return result;
            }

            messages.Add(result.Message!);
        }

        return CheckResult.Pass(CheckNames.Status, string.Join(" ", messages));
    }

    /// <summary>Forgets every cached list (e.g. after the operator changes trust settings).</summary>
    public void ClearCache() => _cache.Clear();

    private async ValueTask<CheckResult> CheckEntryAsync(JsonObject entry, string? issuer, CancellationToken cancellationToken)
    {
        if (!CredentialFields.Types(entry).Contains("BitstringStatusListEntry"))
        {
            return CheckResult.Unavailable(CheckNames.Status, ErrorCodes.UnsupportedStatus,
                "The status entry is not a BitstringStatusListEntry; its status could not be checked.");
        }

        var purpose = CredentialFields.Text(entry, "statusPurpose");
        if (!StatusPurpose.IsSupported(purpose))
        {
            return CheckResult.Unavailable(CheckNames.Status, ErrorCodes.UnsupportedStatus,
                "The status entry's statusPurpose is not revocation or suspension.");
        }

        var url = CredentialFields.Text(entry, "statusListCredential");
        if (url is null || !Uri.TryCreate(url, UriKind.Absolute, out _))
        {
            return CheckResult.Unavailable(CheckNames.Status, ErrorCodes.MalformedValue, "statusListCredential is not an absolute URL.");
        }

        if (ReadIndex(entry["statusListIndex"]) is not { } index)
        {
            return CheckResult.Unavailable(CheckNames.Status, ErrorCodes.MalformedValue,
                "statusListIndex is not a non-negative base-10 integer.");
        }

        if (issuer is null)
        {
            return CheckResult.Unavailable(CheckNames.Status, ErrorCodes.MalformedValue, "The credential has no issuer to match the status list against.");
        }

        var list = await GetListAsync(url, cancellationToken).ConfigureAwait(false);
        if (!list.IsSuccess)
        {
            return CheckResult.Unavailable(CheckNames.Status, list.Error.Code, list.Error.Message);
        }

        var verified = list.Value;
        if (!string.Equals(verified.Issuer, issuer, StringComparison.Ordinal))
        {
            return CheckResult.Unavailable(CheckNames.Status, ErrorCodes.StatusListIssuerMismatch,
                "The status list was issued by a different issuer than the credential.");
        }

        if (!string.Equals(verified.Purpose, purpose, StringComparison.Ordinal))
        {
            return CheckResult.Unavailable(CheckNames.Status, ErrorCodes.StatusVerification,
                $"The status list's purpose is '{verified.Purpose}', the entry's '{purpose}'.");
        }

        var length = (long)verified.Bits.Length * 8;
        if (length < BitstringStatusList.MinimumLength)
        {
            return CheckResult.Unavailable(CheckNames.Status, ErrorCodes.StatusListLength,
                $"The status list has {length} entries, fewer than the {BitstringStatusList.MinimumLength} required for herd privacy.");
        }

        if (index >= length)
        {
            return CheckResult.Unavailable(CheckNames.Status, ErrorCodes.StatusRange,
                $"statusListIndex {index} lies outside the list of {length} entries.");
        }

        if (BitstringStatusList.ReadMsbFirst(verified.Bits, index) == 0)
        {
            return CheckResult.Pass(CheckNames.Status, $"Not {(purpose == StatusPurpose.Revocation ? "revoked" : "suspended")}.");
        }

        return purpose == StatusPurpose.Revocation
            ? CheckResult.Fail(CheckNames.Status, ErrorCodes.CredentialRevoked, "The issuer has revoked this credential.")
            : CheckResult.Fail(CheckNames.Status, ErrorCodes.CredentialSuspended, "The issuer has suspended this credential.");
    }

    private static long? ReadIndex(JsonNode? node)
    {
        // §2.1: a base-10 string; some issuers write a JSON number, which we accept when it is a whole number.
        if (node is JsonValue value && value.TryGetValue<string>(out var text))
        {
            return text.Length is > 0 and <= 12 && text.All(char.IsAsciiDigit) && (text.Length == 1 || text[0] != '0')
                ? long.Parse(text, CultureInfo.InvariantCulture)
                : null;
        }

        return node is JsonValue number && number.TryGetValue<long>(out var n) && n >= 0 ? n : null;
    }

    private async ValueTask<Outcome<VerifiedList>> GetListAsync(string url, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        if (_cache.TryGetValue(url, out var cached))
        {
            // A list cached "in the future" (the clock was set back) is stale: never let a clock jump extend its life.
            if (cached.CacheUntil > now && cached.CachedAt <= now)
            {
                return cached;
            }

            _cache.TryRemove(KeyValuePair.Create(url, cached));
        }

        var fetched = await _fetcher.FetchAsync(url, cancellationToken).ConfigureAwait(false);
        if (!fetched.IsSuccess)
        {
            return Outcome.Error(ErrorCodes.StatusRetrieval, "The status list could not be retrieved: " + fetched.Error.Message);
        }

        var verified = await VerifyListAsync(fetched.Value, now, cancellationToken).ConfigureAwait(false);
        if (verified.IsSuccess)
        {
            if (_cache.Count >= _options.MaxCacheEntries)
            {
                foreach (var stale in _cache.Where(e => e.Value.CacheUntil <= now).ToArray())
                {
                    _cache.TryRemove(stale);
                }

                if (_cache.Count >= _options.MaxCacheEntries)
                {
                    _cache.Clear();
                }
            }

            _cache[url] = verified.Value;
        }

        return verified;
    }

    private async ValueTask<Outcome<VerifiedList>> VerifyListAsync(string text, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var result = await _listVerifier.VerifyAsync(text, cancellationToken).ConfigureAwait(false);
        if (!result.Verified || result.Credential is null)
        {
            var problem = result.FirstProblem;
            return Outcome.Error(ErrorCodes.StatusVerification,
                $"The status list credential did not verify ({problem?.Name}: {problem?.Code}).");
        }

        var list = result.Credential.Document;
        if (!CredentialFields.Types(list).Contains("BitstringStatusListCredential"))
        {
            return Outcome.Error(ErrorCodes.StatusVerification, "The document is not a BitstringStatusListCredential.");
        }

        if (list["credentialSubject"] is not JsonObject subject || !CredentialFields.Types(subject).Contains("BitstringStatusList"))
        {
            return Outcome.Error(ErrorCodes.StatusVerification, "The status list credential has no BitstringStatusList subject.");
        }

        if (subject["statusSize"] is { } size && !(size is JsonValue sv && sv.TryGetValue<int>(out var s) && s == 1))
        {
            return Outcome.Error(ErrorCodes.UnsupportedStatus, "Only statusSize 1 is supported for revocation and suspension.");
        }

        var bits = BitstringStatusList.Decode(CredentialFields.Text(subject, "encodedList"));
        if (!bits.IsSuccess)
        {
            return bits.Error;
        }

        var cacheUntil = now + _options.MaxCacheAge;
        if (XsdDateTime.TryParse(CredentialFields.Text(list, "validUntil"), out var validUntil) && validUntil < cacheUntil)
        {
            cacheUntil = validUntil;
        }

        // §2.2 ttl: milliseconds before a verifier should refresh the list.
        if (subject["ttl"] is JsonValue ttlValue && ttlValue.TryGetValue<long>(out var ttl) && ttl >= 0 &&
            ttl < (long)_options.MaxCacheAge.TotalMilliseconds)
        {
            cacheUntil = now + TimeSpan.FromMilliseconds(ttl) < cacheUntil ? now + TimeSpan.FromMilliseconds(ttl) : cacheUntil;
        }

        return new VerifiedList(result.Credential.IssuerId ?? string.Empty, CredentialFields.Text(subject, "statusPurpose") ?? string.Empty,
            bits.Value, now, cacheUntil);
    }

    private sealed record VerifiedList(string Issuer, string Purpose, byte[] Bits, DateTimeOffset CachedAt, DateTimeOffset CacheUntil);
}

/// <summary>Cache bounds of a <see cref="BitstringStatusChecker"/>.</summary>
public sealed record BitstringStatusCheckerOptions
{
    /// <summary>At most this many verified lists are kept.</summary>
    public int MaxCacheEntries { get; init; } = 256;

    /// <summary>A verified list is re-fetched after this long even when it is valid longer (revocations must show).</summary>
    public TimeSpan MaxCacheAge { get; init; } = TimeSpan.FromMinutes(5);
}
