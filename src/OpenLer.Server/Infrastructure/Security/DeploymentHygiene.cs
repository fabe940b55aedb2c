using System.Net;
using Microsoft.Extensions.Configuration.Json;

namespace OpenLer.Server.Infrastructure.Security;

/// <summary>
/// More settings a deployment must not start with (SECURITY.md DR-10, after DCC's issuer-coordinator README): a key-ring
/// key file holding a test pattern instead of random bytes; secrets written into the appsettings*.json files that ship with
/// the app (outside Development: they belong in environment variables or a file outside the app folder); and the
/// Development environment (demo data, codes on screen, detailed errors) listening on anything but this machine.
/// </summary>
public static class DeploymentHygiene
{
    /// <summary>Settings that hold secrets: never in a shipped appsettings*.json outside Development.</summary>
    public static readonly IReadOnlyList<string> SecretSettings =
    [
        "DataProtection:CertificatePassword",
        "OpenLer:Messaging:Smtp:Password",
        "OpenLer:Messaging:Sms:AuthToken",
        "OpenLer:Bootstrap:AdminPassword",
    ];

    /// <summary>A random 256-bit key has ~32 distinct byte values; one with fewer than this is a pattern, not a key.</summary>
    public const int MinDistinctKeyBytes = 16;

    public static IEnumerable<string> Check(IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        var strict = StartupRules.IsStrict(environment);
        if (configuration[KeyRingProtection.KeyFileSetting] is { Length: > 0 } path && KeyRingKey.Read(path).Key is { } key
            && key.Bytes.ToArray().Distinct().Count() < MinDistinctKeyBytes)
        {
            yield return $"DataProtection:KeyFile: '{path}' holds a pattern ({key.Bytes.ToArray().Distinct().Count()} distinct byte values), not a random key: " +
                "a key that can be guessed protects nothing. Create one with: umask 077; head -c 32 /dev/urandom | base64 > keyring.key";
        }

        if (strict && configuration is IConfigurationRoot root)
        {
            foreach (var provider in root.Providers.OfType<JsonConfigurationProvider>())
            {
                var file = provider.Source.Path ?? "appsettings.json";
                foreach (var setting in SecretSettings.Where(s => provider.TryGet(s, out var value) && !string.IsNullOrEmpty(value)))
                {
                    yield return $"{setting} is written in {file}: secrets do not belong in a settings file that ships with the app. " +
                        "Set it as an environment variable (e.g. " + setting.Replace(":", "__", StringComparison.Ordinal) + ") or in a file outside the app folder.";
                }

                if (provider.TryGet("Database:ConnectionString", out var connection)
                    && connection?.Contains("password=", StringComparison.OrdinalIgnoreCase) == true)
                {
                    yield return $"Database:ConnectionString with a password is written in {file}: set it as an environment variable (Database__ConnectionString).";
                }
            }
        }

        if (environment.IsDevelopment())
        {
            foreach (var url in ListenUrls(configuration).Where(u => !IsLocal(u)))
            {
                yield return $"The Development environment (demo data, sign-in codes on screen, detailed errors) must only listen on this machine, not on '{url}'. " +
                    "Use http://localhost:PORT, or run with ASPNETCORE_ENVIRONMENT=Production and a key file (docs/deploy.md).";
            }
        }
    }

    /// <summary>Where Kestrel will listen: <c>urls</c> (ASPNETCORE_URLS, --urls) and <c>Kestrel:Endpoints:*:Url</c>.</summary>
    private static IEnumerable<string> ListenUrls(IConfiguration configuration)
    {
        foreach (var url in (configuration["urls"] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            yield return url;
        }

        foreach (var endpoint in configuration.GetSection("Kestrel:Endpoints").GetChildren())
        {
            if (endpoint["Url"] is { Length: > 0 } url)
            {
                yield return url;
            }
        }
    }

    private static bool IsLocal(string url)
    {
        var rest = url.Contains("://", StringComparison.Ordinal) ? url[(url.IndexOf("://", StringComparison.Ordinal) + 3)..] : url;
        var host = rest.StartsWith('[') ? rest[1..Math.Max(1, rest.IndexOf(']', StringComparison.Ordinal))] : rest.Split(':', '/')[0];
        return host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));
    }
}
