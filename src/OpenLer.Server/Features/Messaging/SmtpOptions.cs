namespace OpenLer.Server.Features.Messaging;

/// <summary>E-mail through an SMTP server (section OpenLer:Messaging:Smtp).</summary>
public sealed class SmtpOptions
{
    public string? Host { get; set; }
    public int Port { get; set; } = 587;
    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;

    /// <summary>User name for SMTP AUTH; none: no authentication.</summary>
    public string? User { get; set; }
    public string? Password { get; set; }

    /// <summary>The sender's address, e.g. no-reply@ler.example.org.</summary>
    public string? FromAddress { get; set; }
    public string FromName { get; set; } = "OpenLER";
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A host and a from address are set.</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host) && !string.IsNullOrWhiteSpace(FromAddress);

    /// <summary>Some SMTP setting is there (a half-configured server is an error at start).</summary>
    internal bool IsMentioned => !string.IsNullOrWhiteSpace(Host) || !string.IsNullOrWhiteSpace(FromAddress) || !string.IsNullOrWhiteSpace(User);
}
