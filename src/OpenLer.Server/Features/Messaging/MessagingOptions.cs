namespace OpenLer.Server.Features.Messaging;

/// <summary>Messaging settings (section OpenLer:Messaging): the channels and the dispatcher's timing.</summary>
public sealed class MessagingOptions
{
    public const string Section = "OpenLer:Messaging";

    public SmtpOptions Smtp { get; set; } = new();
    public SmsOptions Sms { get; set; } = new();

    /// <summary>How often the dispatcher looks for due messages when nothing woke it (other instances' messages, retries).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Wait after the first transient failure; doubled after each further one, up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(10);
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Attempts before a message that keeps failing is given up (it is given up at its expiry anyway).</summary>
    public int MaxAttempts { get; set; } = 10;

    /// <summary>
    /// How long a claimed message stays with one dispatcher before another may take it over (a crashed instance); renewed
    /// just before each send, so it must outlast one send (SMTP's or SMS's timeout, a few times over for SMTP's steps).
    /// </summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Messages claimed at once.</summary>
    public int BatchSize { get; set; } = 20;

    /// <summary>At shutdown, how long the dispatcher keeps delivering what is due.</summary>
    public TimeSpan FlushTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Demo mode: how often expired messages are purged from the demo outbox.</summary>
    public TimeSpan DemoPurgeInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>E-mail or SMS (or both) can be delivered for real. Outside demo mode, without either, messages wait and expire.</summary>
    public bool IsConfigured => Smtp.IsConfigured || Sms.IsConfigured;
}
