using System.Text.Json.Nodes;
using OpenLer.Credentials.Common;

namespace OpenLer.Credentials.Jose;

/// <summary>Registered JWT claims read without trusting their shape (RFC 7519 §4.1).</summary>
internal static class JwtClaims
{
    /// <summary>A NumericDate claim (RFC 7519 §2: seconds since the epoch); absent is null, anything else malformed.</summary>
    public static Outcome<DateTimeOffset?> NumericDate(JsonObject payload, string name)
    {
        if (payload[name] is null)
        {
            return Outcome.Ok<DateTimeOffset?>(null);
        }

        if (payload[name] is JsonValue v && v.TryGetValue<double>(out var seconds) && seconds is >= 0 and < 253402300800)
        {
            return Outcome.Ok<DateTimeOffset?>(DateTimeOffset.FromUnixTimeSeconds((long)seconds));
        }

        return Outcome.Error(ErrorCodes.MalformedValue, $"The {name} claim is not a NumericDate.");
    }
}
