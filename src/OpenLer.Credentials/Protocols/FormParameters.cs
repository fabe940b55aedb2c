using OpenLer.Credentials.Common;

namespace OpenLer.Credentials.Protocols;

/// <summary>
/// The parameters of an <c>application/x-www-form-urlencoded</c> request (token request, OpenID4VP direct_post), read once:
/// a parameter sent twice is refused (RFC 6749 §3.1: "Request and response parameters MUST NOT be included more than
/// once"), as are more than <see cref="MaxParameters"/> parameters or a value longer than the caller's limit.
/// </summary>
public sealed class FormParameters
{
    public const int MaxParameters = 32;

    private readonly Dictionary<string, string> _values;

    private FormParameters(Dictionary<string, string> values) => _values = values;

    public IReadOnlyDictionary<string, string> Values => _values;

    public string? this[string name] => _values.TryGetValue(name, out var value) ? value : null;

    public static Outcome<FormParameters> From(IEnumerable<KeyValuePair<string, string?>> pairs, int maxValueLength)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in pairs)
        {
            if (values.Count >= MaxParameters)
            {
                return Outcome.Error(OAuthErrorCodes.InvalidRequest, $"More than {MaxParameters} parameters.");
            }

            if (string.IsNullOrEmpty(name) || value is null)
            {
                continue;
            }

            if (value.Length > maxValueLength)
            {
                return Outcome.Error(OAuthErrorCodes.InvalidRequest, $"The parameter {Display(name)} is longer than {maxValueLength} characters.");
            }

            if (!values.TryAdd(name, value))
            {
                return Outcome.Error(OAuthErrorCodes.InvalidRequest, $"The parameter {Display(name)} is repeated.");
            }
        }

        return new FormParameters(values);
    }

    /// <summary>Parses a url-encoded body (<c>a=1&amp;b=2</c>); '+' is a space (HTML form encoding).</summary>
    public static Outcome<FormParameters> Parse(string body, int maxValueLength)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (body.Length > maxValueLength * 2 + 4096)
        {
            return Outcome.Error(OAuthErrorCodes.InvalidRequest, "The request body is too large.");
        }

        var pairs = new List<KeyValuePair<string, string?>>();
        foreach (var part in body.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            var name = eq < 0 ? part : part[..eq];
            var value = eq < 0 ? string.Empty : part[(eq + 1)..];
            try
            {
                pairs.Add(new(Uri.UnescapeDataString(name.Replace('+', ' ')), Uri.UnescapeDataString(value.Replace('+', ' '))));
            }
            catch (UriFormatException)
            {
                return Outcome.Error(OAuthErrorCodes.InvalidRequest, "The request body is not valid form encoding.");
            }
        }

        return From(pairs, maxValueLength);
    }

    internal static string Display(string value) => OAuthErrorResponse.Describe(value.Length > 40 ? value[..40] : value);
}
