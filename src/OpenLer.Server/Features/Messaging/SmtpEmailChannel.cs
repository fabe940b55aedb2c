using System.Net.Sockets;
using System.Text;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace OpenLer.Server.Features.Messaging;

/// <summary>
/// E-mail through SMTP with MailKit: multipart/alternative (RFC 2046 §5.1.4) with a UTF-8 plain-text part and an HTML part
/// carrying the language and its direction (<c>dir="rtl"</c> for Arabic); marked Auto-Submitted (RFC 3834 §5) so mailboxes
/// do not answer it. SMTP 4xx replies, network and TLS failures are worth retrying; 5xx replies are refused for good.
/// </summary>
internal sealed class SmtpEmailChannel(IOptions<MessagingOptions> options, TimeProvider time) : IMessageChannel
{
    public MessageChannel Channel => MessageChannel.Email;

    public async Task<SendResult> SendAsync(RenderedMessage message, DateTime expiresAt, CancellationToken cancellationToken)
    {
        var smtp = options.Value.Smtp;
        if (!smtp.IsConfigured)
        {
            return SendResult.Transient("smtp.not-configured");
        }

        using var mime = Build(message, smtp);
        using var client = new SmtpClient { Timeout = (int)Math.Min(int.MaxValue, smtp.Timeout.TotalMilliseconds) };
        try
        {
            await client.ConnectAsync(smtp.Host!.Trim(), smtp.Port, SocketOptions(smtp.Security), cancellationToken);
            if (!string.IsNullOrEmpty(smtp.User))
            {
                await client.AuthenticateAsync(smtp.User, smtp.Password ?? "", cancellationToken);
            }

            await client.SendAsync(mime, cancellationToken);
        }
        catch (SmtpCommandException e)
        {
            var code = (int)e.StatusCode;
            return code >= 500 ? SendResult.Permanent($"smtp.{code}") : SendResult.Transient($"smtp.{code}");
        }
        catch (AuthenticationException)
        {
            return SendResult.Transient("smtp.authentication");
        }
        catch (SslHandshakeException)
        {
            return SendResult.Transient("smtp.tls");
        }
        catch (NotSupportedException)
        {
            // The server does not offer STARTTLS (or the authentication mechanism) that the settings require.
            return SendResult.Transient("smtp.not-supported");
        }
        catch (SmtpProtocolException)
        {
            return SendResult.Transient("smtp.protocol");
        }
        catch (Exception e) when (e is IOException or SocketException or ServiceNotConnectedException or TimeoutException)
        {
            return SendResult.Transient("smtp.network");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return SendResult.Transient("smtp.timeout");
        }

        try
        {
            await client.DisconnectAsync(quit: true, cancellationToken);
        }
        catch (Exception e) when (e is IOException or SocketException or SmtpProtocolException or SmtpCommandException or OperationCanceledException)
        {
            // Sent already: a failed QUIT changes nothing.
        }

        return SendResult.Sent;
    }

    private MimeMessage Build(RenderedMessage message, SmtpOptions smtp)
    {
        var text = new TextPart("plain");
        text.SetText(Encoding.UTF8, message.TextBody);
        var html = new TextPart("html");
        html.SetText(Encoding.UTF8, message.HtmlBody);
        var body = new MultipartAlternative { text, html };
        body.Headers.Add(HeaderId.ContentLanguage, message.Language.Code);
        var mime = new MimeMessage
        {
            Subject = message.Subject,
            Date = time.GetUtcNow(),
            Body = body,
        };
        mime.From.Add(new MailboxAddress(smtp.FromName, smtp.FromAddress!.Trim()));
        mime.To.Add(MailboxAddress.Parse(message.Contact));
        mime.Headers.Add("Auto-Submitted", "auto-generated");
        return mime;
    }

    private static SecureSocketOptions SocketOptions(SmtpSecurity security) => security switch
    {
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        SmtpSecurity.StartTlsWhenAvailable => SecureSocketOptions.StartTlsWhenAvailable,
        SmtpSecurity.None => SecureSocketOptions.None,
        _ => SecureSocketOptions.StartTls,
    };
}
