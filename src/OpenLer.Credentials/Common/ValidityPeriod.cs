using System.Text.Json.Nodes;

namespace OpenLer.Credentials.Common;

/// <summary>
/// The validity-period check (VC 2.0 §4.9 validFrom/validUntil; VC 1.1 issuanceDate/expirationDate; JWT nbf/exp, RFC 7519
/// §4.1.4–4.1.5). "Not yet valid" tolerates <c>clockSkew</c> for clocks ahead of ours; expiry is exact.
/// </summary>
public static class ValidityPeriod
{
    public static CheckResult Check(JsonObject credential, DateTimeOffset now, TimeSpan clockSkew, DateTimeOffset? notBefore = null, DateTimeOffset? expires = null)
    {
        ArgumentNullException.ThrowIfNull(credential);
        DateTimeOffset? from = notBefore;
        DateTimeOffset? until = expires;
        foreach (var name in new[] { "validFrom", "issuanceDate" })
        {
            if (credential[name] is null)
            {
                continue;
            }

            if (!XsdDateTime.TryParse(CredentialFields.Text(credential, name), out var value))
            {
                return CheckResult.Fail(CheckNames.ValidityPeriod, ErrorCodes.MalformedValue, $"{name} is not a valid date-time.");
            }

            from = from is { } f && f > value ? f : value;
        }

        foreach (var name in new[] { "validUntil", "expirationDate" })
        {
            if (credential[name] is null)
            {
                continue;
            }

            if (!XsdDateTime.TryParse(CredentialFields.Text(credential, name), out var value))
            {
                return CheckResult.Fail(CheckNames.ValidityPeriod, ErrorCodes.MalformedValue, $"{name} is not a valid date-time.");
            }

            until = until is { } u && u < value ? u : value;
        }

        if (from is { } start && now + clockSkew < start)
        {
            return CheckResult.Fail(CheckNames.ValidityPeriod, ErrorCodes.CredentialNotYetValid,
                $"The credential is not valid before {XsdDateTime.Format(start)}.");
        }

        if (until is { } end && now >= end)
        {
            return CheckResult.Fail(CheckNames.ValidityPeriod, ErrorCodes.CredentialExpired,
                $"The credential expired at {XsdDateTime.Format(end)}.");
        }

        return CheckResult.Pass(CheckNames.ValidityPeriod, until is { } e
            ? $"Valid until {XsdDateTime.Format(e)}."
            : "The credential has no expiry date.");
    }
}
