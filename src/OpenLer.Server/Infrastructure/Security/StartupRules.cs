namespace OpenLer.Server.Infrastructure.Security;

/// <summary>
/// Settings a real deployment must not run with, checked before the app builds or serves anything (issue 9 findings 2
/// and 9). Strict in every environment except Development and the automated tests' "Testing": the key ring must be
/// protected (key file or certificate), the demo and insecure cookies are refused. In every environment, a configured
/// key file or certificate must exist and proxy addresses must parse. Program prints each problem on its own line,
/// naming the setting, and exits with <see cref="ExitCode"/>.
/// </summary>
public static class StartupRules
{
    /// <summary>EX_CONFIG (sysexits.h): a configuration error.</summary>
    public const int ExitCode = 78;

    public const string KeyRingMessage =
        "The Data Protection key ring is not protected: set DataProtection:KeyFile to a file outside the database holding a 256-bit key " +
        "(create it with: umask 077; head -c 32 /dev/urandom | base64 > /etc/openler/keyring.key), or DataProtection:CertificatePath " +
        "(and DataProtection:CertificatePassword) to a PFX certificate. Without it a copy of the database reveals every issuer's private key. See docs/deploy.md.";

    /// <summary>True outside Development and the "Testing" environment of the automated tests.</summary>
    public static bool IsStrict(IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return !environment.IsDevelopment() && !environment.IsEnvironment("Testing");
    }

    /// <summary>Every problem found, one sentence each; empty when the app may start.</summary>
    public static IReadOnlyList<string> Check(IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        var problems = new List<string>();
        var keyFile = configuration[KeyRingProtection.KeyFileSetting];
        var certificate = configuration[KeyRingProtection.CertificateSetting];
        var strict = IsStrict(environment);
        var name = environment.EnvironmentName;

        if (strict && string.IsNullOrWhiteSpace(keyFile) && string.IsNullOrWhiteSpace(certificate))
        {
            problems.Add(KeyRingMessage);
        }

        if (!string.IsNullOrWhiteSpace(certificate) && !File.Exists(certificate))
        {
            problems.Add($"DataProtection:CertificatePath: the file '{certificate}' does not exist.");
        }
        else if (string.IsNullOrWhiteSpace(certificate) && !string.IsNullOrWhiteSpace(keyFile) && KeyRingKey.Read(keyFile).Problem is { } keyProblem)
        {
            problems.Add(keyProblem);
        }

        if (strict && configuration.GetValue<bool>("OpenLer:Demo"))
        {
            problems.Add($"OpenLer:Demo=true is refused in the {name} environment: the demo shows sign-in codes on screen and seeds made-up people. Remove the setting (the demo runs with ASPNETCORE_ENVIRONMENT=Development).");
        }

        if (strict && configuration.GetValue<bool>("OpenLer:AllowInsecureCookies"))
        {
            problems.Add($"OpenLer:AllowInsecureCookies=true is refused in the {name} environment: sign-in cookies would travel over plain http. Serve over HTTPS, or behind a proxy that sends X-Forwarded-Proto (OpenLer:ForwardedHeaders, docs/deploy.md).");
        }

        problems.AddRange(ForwardedHeadersSettings.Read(configuration).Problems);
        problems.AddRange(DeploymentHygiene.Check(configuration, environment));
        return problems;
    }

    /// <summary>Prints the problems (if any) to <paramref name="error"/>; true when the app must not start.</summary>
    public static bool Refuse(IConfiguration configuration, IHostEnvironment environment, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var problems = Check(configuration, environment);
        if (problems.Count == 0)
        {
            return false;
        }

        error.WriteLine($"OpenLER will not start ({environment.EnvironmentName} environment):");
        foreach (var problem in problems)
        {
            error.WriteLine("  - " + problem);
        }

        return true;
    }
}
