using System.Text;
using System.Text.Json.Nodes;
using OpenLer.Credentials.Common;

namespace OpenLer.Credentials.Protocols;

/// <summary>
/// The JSON body of an OAuth-style error response (RFC 6749 §5.2, OpenID4VCI 1.0 §8.3.1.2): <c>error</c> and an ASCII
/// <c>error_description</c> restricted to %x20-21 / %x23-5B / %x5D-7E (no quote, no backslash, no control characters).
/// </summary>
public static class OAuthErrorResponse
{
    /// <summary>Descriptions longer than this are cut: they are for developers, not a channel for untrusted text.</summary>
    public const int MaxDescriptionLength = 300;

    public static JsonObject ToJson(CredentialError error, JsonObject? extra = null)
    {
        ArgumentNullException.ThrowIfNull(error);
        var body = new JsonObject { ["error"] = error.Code };
        var description = Describe(error.Message);
        if (description.Length > 0)
        {
            body["error_description"] = description;
        }

        if (extra is not null)
        {
            foreach (var (name, value) in extra)
            {
                if (name is not ("error" or "error_description"))
                {
                    body[name] = value?.DeepClone();
                }
            }
        }

        return body;
    }

    /// <summary>The description reduced to the characters RFC 6749 allows, at most <see cref="MaxDescriptionLength"/>.</summary>
    public static string Describe(string? message)
    {
        if (string.IsNullOrEmpty(message))
        {
            return string.Empty;
        }

        var builder = new StringBuilder(Math.Min(message.Length, MaxDescriptionLength));
        foreach (var c in message)
        {
            if (builder.Length == MaxDescriptionLength)
            {
                break;
            }

            builder.Append(c is >= ' ' and <= '~' and not '"' and not '\\' ? c : '?');
        }

        return builder.ToString().Trim();
    }
}
