namespace OpenLer.Server.Features.Messaging;

/// <summary>How the SMTP connection is secured (OpenLer:Messaging:Smtp:Security).</summary>
public enum SmtpSecurity
{
    /// <summary>STARTTLS required (port 587): the default.</summary>
    StartTls,

    /// <summary>TLS from the first byte (port 465).</summary>
    SslOnConnect,

    /// <summary>STARTTLS when the server offers it, else plain.</summary>
    StartTlsWhenAvailable,

    /// <summary>Plain text: only for a relay on the same host or a test server.</summary>
    None,
}
