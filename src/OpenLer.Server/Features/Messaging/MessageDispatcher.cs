using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using OpenLer.Server.Infrastructure;

namespace OpenLer.Server.Features.Messaging;

/// <summary>
/// Delivers queued messages in the background: woken at once by an enqueue in this instance, and polling for the rest
/// (other instances' messages, retries). Each round claims a batch (<see cref="MessageQueue"/>), drops and records what
/// expired, renders and sends the rest, retries transient failures with exponential backoff and jitter, and records the
/// outcome. At shutdown it keeps delivering what is due for <see cref="MessagingOptions.FlushTimeout"/>. Logs carry the
/// message id, kind, channel and error codes only.
/// </summary>
internal sealed class MessageDispatcher(
    IServiceScopeFactory scopes,
    DispatchSignal signal,
    MessageRenderer renderer,
    MessageProtection protection,
    IOptions<MessagingOptions> options,
    IOptions<DeploymentOptions> deployment,
    TimeProvider time,
    ILogger<MessageDispatcher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        var reported = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            var claimed = 0;
            try
            {
                claimed = await DispatchOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
#pragma warning disable CA1031 // The dispatcher must outlive a failed round (database restarting, key ring unavailable...).
            catch (Exception e)
#pragma warning restore CA1031
            {
                logger.LogWarning("Message dispatch round failed: {ErrorType}", e.GetType().Name);
            }

            // Reported once the first round has run, so "the dispatcher started" also means "what was due at start is handled".
            if (!reported)
            {
                ReportConfiguration();
                reported = true;
            }

            if (claimed >= options.Value.BatchSize)
            {
                continue;
            }

            try
            {
                await signal.WaitAsync(options.Value.PollInterval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        await FlushAsync();
    }

    /// <summary>One round: claims a batch and handles each message; returns how many were claimed.</summary>
    internal async Task<int> DispatchOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var queue = scope.ServiceProvider.GetRequiredService<MessageQueue>();
        var channels = scope.ServiceProvider.GetServices<IMessageChannel>().ToDictionary(c => c.Channel);
        var claimed = await queue.ClaimAsync(channels.Keys, options.Value.BatchSize, options.Value.Lease, cancellationToken);
        for (var i = 0; i < claimed.Count; i++)
        {
            try
            {
                await HandleAsync(queue, channels, claimed[i], cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Give back what this round has not handled, so another instance (or the next start) takes it now.
                foreach (var message in claimed.Skip(i))
                {
                    await queue.ReleaseAsync(message, message.Attempts, message.NextAttemptAt, message.LastError, CancellationToken.None);
                }

                throw;
            }
        }

        return claimed.Count;
    }

    private async Task HandleAsync(MessageQueue queue, Dictionary<MessageChannel, IMessageChannel> channels, QueuedMessage message, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        if (message.ExpiresAt <= now)
        {
            await FinishAsync(queue, message, DeliveryOutcome.Expired, message.Attempts, message.LastError, cancellationToken);
            return;
        }

        if (!channels.TryGetValue(message.Channel, out var channel))
        {
            // Claimed as expired a moment ago but not yet expired now cannot happen; keep it until it expires all the same.
            await queue.ReleaseAsync(message, message.Attempts, message.ExpiresAt, message.LastError, cancellationToken);
            return;
        }

        if (protection.UnprotectPayload(message.Payload) is not { } payload)
        {
            await FinishAsync(queue, message, DeliveryOutcome.Failed, message.Attempts, "queue.unreadable", cancellationToken);
            return;
        }

        if (!await queue.RenewAsync(message, options.Value.Lease, cancellationToken))
        {
            logger.LogWarning("Message {MessageId}: its claim was lost before sending (lease too short?); another dispatcher has it", message.Id);
            return;
        }

        var rendered = renderer.Render(message.Id, message.Kind, message.Channel, payload);
        SendResult result;
        try
        {
            result = await channel.SendAsync(rendered, message.ExpiresAt, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // A channel's unexpected exception is one failed attempt; its message may hold personal data, so only its type is kept.
        catch (Exception e)
#pragma warning restore CA1031
        {
            result = SendResult.Transient("channel." + e.GetType().Name);
        }

        var attempts = message.Attempts + 1;
        switch (result.Status)
        {
            case SendStatus.Sent:
                await FinishAsync(queue, message, channel.SentOutcome, attempts, null, cancellationToken);
                break;
            case SendStatus.Permanent:
                await FinishAsync(queue, message, DeliveryOutcome.Failed, attempts, result.Error, cancellationToken);
                break;
            case SendStatus.Transient when attempts >= options.Value.MaxAttempts:
                await FinishAsync(queue, message, DeliveryOutcome.Failed, attempts, result.Error, cancellationToken);
                break;
            default:
                var next = now + Backoff(attempts);
                await queue.ReleaseAsync(message, attempts, next < message.ExpiresAt ? next : message.ExpiresAt, result.Error, cancellationToken);
                logger.LogWarning("Message {MessageId} ({Kind}, {Channel}) not sent ({Error}), attempt {Attempts}; will retry", message.Id, message.Kind, message.Channel, result.Error, attempts);
                break;
        }
    }

    private async Task FinishAsync(MessageQueue queue, QueuedMessage message, DeliveryOutcome outcome, int attempts, string? error, CancellationToken cancellationToken)
    {
        if (!await queue.FinishAsync(message, outcome, attempts, error, cancellationToken))
        {
            logger.LogWarning("Message {MessageId}: its claim was lost before it was recorded (lease too short?)", message.Id);
            return;
        }

        var level = outcome is DeliveryOutcome.Sent or DeliveryOutcome.DemoOutbox ? LogLevel.Information : LogLevel.Warning;
        logger.Log(level, "Message {MessageId} ({Kind}, {Channel}): {Outcome} after {Attempts} attempt(s) {Error}", message.Id, message.Kind, message.Channel, outcome, attempts, error ?? "");
    }

    /// <summary>The wait before attempt <paramref name="attempts"/> + 1: RetryDelay × 2^(attempts−1), at most MaxRetryDelay, plus up to 20 % jitter.</summary>
    internal TimeSpan Backoff(int attempts)
    {
        var o = options.Value;
        var ticks = o.RetryDelay.Ticks * Math.Pow(2, Math.Min(attempts - 1, 30));
        var delay = TimeSpan.FromTicks((long)Math.Min(ticks, o.MaxRetryDelay.Ticks));
        return delay + TimeSpan.FromTicks(delay.Ticks / 1000 * RandomNumberGenerator.GetInt32(0, 201));
    }

    private async Task FlushAsync()
    {
        using var budget = new CancellationTokenSource(options.Value.FlushTimeout, time);
        try
        {
            while (await DispatchOnceAsync(budget.Token) >= options.Value.BatchSize)
            {
            }
        }
        catch (OperationCanceledException)
        {
            logger.LogWarning("Stopped before every due message was sent; the rest waits for the next start");
        }
#pragma warning disable CA1031 // Shutting down: report and go.
        catch (Exception e)
#pragma warning restore CA1031
        {
            logger.LogWarning("Message flush at shutdown failed: {ErrorType}", e.GetType().Name);
        }
    }

    private void ReportConfiguration()
    {
        var o = options.Value;
        if (deployment.Value.Demo)
        {
            logger.LogInformation("Messaging: demo mode; messages go to the demo outbox and are purged when they expire");
            return;
        }

        if (!o.IsConfigured)
        {
            logger.LogWarning(
                "Messaging is not configured: no e-mail or SMS will be sent, and sign-in codes, invitations and notifications wait in the queue until they expire. " +
                "For e-mail set OpenLer:Messaging:Smtp:Host and OpenLer:Messaging:Smtp:FromAddress (with Port, Security, User, Password as needed); " +
                "for SMS set OpenLer:Messaging:Sms:AccountSid, OpenLer:Messaging:Sms:AuthToken and OpenLer:Messaging:Sms:From (or MessagingServiceSid)");
            return;
        }

        if (!o.Smtp.IsConfigured || !o.Sms.IsConfigured)
        {
            logger.LogInformation("Messaging: {Configured} only; messages to {Missing} wait until they expire (set OpenLer:Messaging:{Section})",
                o.Smtp.IsConfigured ? "e-mail" : "SMS", o.Smtp.IsConfigured ? "phone numbers" : "e-mail addresses", o.Smtp.IsConfigured ? "Sms" : "Smtp");
        }
    }
}
