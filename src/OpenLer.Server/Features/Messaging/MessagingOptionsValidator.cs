using Microsoft.Extensions.Options;

namespace OpenLer.Server.Features.Messaging;

/// <summary>Refuses at start a half-configured channel or impossible timings, naming the setting to fix.</summary>
internal sealed class MessagingOptionsValidator : IValidateOptions<MessagingOptions>
{
    public ValidateOptionsResult Validate(string? name, MessagingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        var smtp = options.Smtp;
        if (smtp.IsMentioned && !smtp.IsConfigured)
        {
            errors.Add($"{MessagingOptions.Section}:Smtp needs both Host and FromAddress.");
        }

        if (!string.IsNullOrWhiteSpace(smtp.FromAddress) && MessageContacts.ChannelOf(smtp.FromAddress.Trim().ToLowerInvariant()) != MessageChannel.Email)
        {
            errors.Add($"{MessagingOptions.Section}:Smtp:FromAddress is not an e-mail address.");
        }

        if (smtp.Port is < 1 or > 65535)
        {
            errors.Add($"{MessagingOptions.Section}:Smtp:Port must be between 1 and 65535.");
        }

        if (!string.IsNullOrEmpty(smtp.User) && string.IsNullOrEmpty(smtp.Password))
        {
            errors.Add($"{MessagingOptions.Section}:Smtp:Password is needed with Smtp:User.");
        }

        var sms = options.Sms;
        if (sms.IsMentioned && !sms.IsConfigured)
        {
            errors.Add($"{MessagingOptions.Section}:Sms needs AccountSid, AuthToken and From (or MessagingServiceSid).");
        }

        if (sms.IsConfigured && !IsAcceptableBaseUrl(sms.BaseUrl))
        {
            errors.Add($"{MessagingOptions.Section}:Sms:BaseUrl must be an absolute https URL (http only to a loopback address).");
        }

        if (!string.IsNullOrWhiteSpace(sms.From) && MessageContacts.ChannelOf(sms.From) != MessageChannel.Sms)
        {
            errors.Add($"{MessagingOptions.Section}:Sms:From must be a phone number in E.164 form (+ and up to 15 digits).");
        }

        foreach (var (key, value) in new[]
                 {
                     ("PollInterval", options.PollInterval), ("RetryDelay", options.RetryDelay), ("MaxRetryDelay", options.MaxRetryDelay),
                     ("Lease", options.Lease), ("FlushTimeout", options.FlushTimeout), ("DemoPurgeInterval", options.DemoPurgeInterval),
                     ("Smtp:Timeout", smtp.Timeout), ("Sms:Timeout", sms.Timeout),
                 })
        {
            if (value < TimeSpan.Zero || (value == TimeSpan.Zero && key is not "RetryDelay"))
            {
                errors.Add($"{MessagingOptions.Section}:{key} must be a positive time span (e.g. 00:00:05).");
            }
        }

        var longestSend = TimeSpan.FromTicks(Math.Max(smtp.Timeout.Ticks * 4, sms.Timeout.Ticks));
        if (options.Lease <= longestSend)
        {
            errors.Add($"{MessagingOptions.Section}:Lease must be longer than one send: 4 x Smtp:Timeout and Sms:Timeout ({longestSend}).");
        }

        if (options.BatchSize is < 1 or > 500)
        {
            errors.Add($"{MessagingOptions.Section}:BatchSize must be between 1 and 500.");
        }

        if (options.MaxAttempts < 1)
        {
            errors.Add($"{MessagingOptions.Section}:MaxAttempts must be at least 1.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static bool IsAcceptableBaseUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback))
        && string.IsNullOrEmpty(uri.Query);
}
