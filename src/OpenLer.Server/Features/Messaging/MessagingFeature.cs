using Microsoft.Extensions.Options;
using OpenLer.Server.Infrastructure;

namespace OpenLer.Server.Features.Messaging;

/// <summary>
/// Messages to people (sign-in codes, invitations, notifications): an encrypted queue written in the request
/// (<see cref="IMessageOutbox"/>), a background dispatcher, e-mail by SMTP and SMS by a Twilio-style API, and in demo mode
/// only a demo outbox (<see cref="IDemoOutbox"/>) instead of both.
/// </summary>
public static class MessagingFeature
{
    public static IServiceCollection AddMessaging(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<MessagingOptions>().Bind(configuration.GetSection(MessagingOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<MessagingOptions>, MessagingOptionsValidator>();
        services.AddSingleton<MessageProtection>();
        services.AddSingleton<MessageRenderer>();
        services.AddSingleton<DispatchSignal>();
        services.AddScoped<IMessageOutbox, MessageOutbox>();
        services.AddScoped<MessageQueue>();
        services.AddHostedService<MessageDispatcher>();
        services.AddHttpClient<ISmsProvider, TwilioSmsProvider>().RemoveAllLoggers();

        var demo = configuration.GetSection("OpenLer").Get<DeploymentOptions>()?.Demo ?? false;
        if (demo)
        {
            // Demo: no real channel. Production never registers the demo outbox, so no code is kept for display.
            services.AddScoped<DemoOutbox>();
            services.AddScoped<IDemoOutbox>(sp => sp.GetRequiredService<DemoOutbox>());
            services.AddScoped<IMessageChannel>(sp => ActivatorUtilities.CreateInstance<DemoOutboxChannel>(sp, MessageChannel.Email));
            services.AddScoped<IMessageChannel>(sp => ActivatorUtilities.CreateInstance<DemoOutboxChannel>(sp, MessageChannel.Sms));
            services.AddHostedService<DemoOutboxPurger>();
            return services;
        }

        var messaging = configuration.GetSection(MessagingOptions.Section).Get<MessagingOptions>() ?? new MessagingOptions();
        if (messaging.Smtp.IsConfigured)
        {
            services.AddScoped<IMessageChannel, SmtpEmailChannel>();
        }

        if (messaging.Sms.IsConfigured)
        {
            services.AddScoped<IMessageChannel, SmsChannel>();
        }

        return services;
    }
}
