using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Options;

namespace OpenLer.Server.Features.Messaging;

/// <summary>
/// SMS through a Twilio-style REST API: <c>POST {BaseUrl}/2010-04-01/Accounts/{AccountSid}/Messages.json</c>, form fields
/// To, From (or MessagingServiceSid) and Body, HTTP basic authentication (RFC 7617) with the account SID and auth token.
/// 2xx is sent; 408, 429 and 5xx are worth retrying; any other 4xx is refused for good. The answer's body is never read.
/// </summary>
internal sealed class TwilioSmsProvider(HttpClient http, IOptions<MessagingOptions> options) : ISmsProvider
{
    public async Task<SendResult> SendAsync(string to, string body, CancellationToken cancellationToken)
    {
        var sms = options.Value.Sms;
        if (!sms.IsConfigured)
        {
            return SendResult.Transient("sms.not-configured");
        }

        var url = new Uri($"{sms.BaseUrl.TrimEnd('/')}/2010-04-01/Accounts/{Uri.EscapeDataString(sms.AccountSid!)}/Messages.json");
        var sender = string.IsNullOrWhiteSpace(sms.MessagingServiceSid)
            ? new KeyValuePair<string, string>("From", sms.From!)
            : new KeyValuePair<string, string>("MessagingServiceSid", sms.MessagingServiceSid);
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new FormUrlEncodedContent([new("To", to), sender, new("Body", body)]),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(sms.AccountSid + ":" + sms.AuthToken)));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(sms.Timeout);
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var status = (int)response.StatusCode;
            return status switch
            {
                >= 200 and < 300 => SendResult.Sent,
                408 or 429 or >= 500 => SendResult.Transient($"sms.http-{status}"),
                _ => SendResult.Permanent($"sms.http-{status}"),
            };
        }
        catch (HttpRequestException e)
        {
            return SendResult.Transient($"sms.network-{e.HttpRequestError}".ToLowerInvariant());
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return SendResult.Transient("sms.timeout");
        }
    }
}
