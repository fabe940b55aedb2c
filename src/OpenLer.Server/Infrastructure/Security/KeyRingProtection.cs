using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;
using OpenLer.Server.Data;

namespace OpenLer.Server.Infrastructure.Security;

/// <summary>
/// The Data Protection key ring (which encrypts issuer keys and field keys) lives in the database, encrypted with
/// either a certificate (<c>DataProtection:CertificatePath</c>, <c>DataProtection:CertificatePassword</c>) or a key file
/// outside the database (<c>DataProtection:KeyFile</c>, AES-256-GCM, <see cref="KeyFileXmlEncryptor"/>). In Development
/// and tests, when neither is set, a key file is created in the data folder (<c>App_Data/keyring.key</c>, mode 0600).
/// Outside them <see cref="StartupRules"/> refuses to start without one.
/// </summary>
public static class KeyRingProtection
{
    public const string KeyFileSetting = "DataProtection:KeyFile";

    public const string CertificateSetting = "DataProtection:CertificatePath";

    /// <summary>The key file created in the data folder when nothing is configured (Development and tests only).</summary>
    public const string DefaultKeyFileName = "keyring.key";

    public static WebApplicationBuilder AddOpenLerKeyRing(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configuration = builder.Configuration;
        var dataProtection = builder.Services.AddDataProtection().SetApplicationName("OpenLer").PersistKeysToDbContext<AppDbContext>();
        if (configuration[CertificateSetting] is { Length: > 0 } certificatePath)
        {
            dataProtection.ProtectKeysWithCertificate(System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadPkcs12FromFile(
                certificatePath, configuration["DataProtection:CertificatePassword"]));
            return builder;
        }

        var key = LoadKeyFile(configuration, builder.Environment);
        builder.Services.AddSingleton(key);
        builder.Services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(new ConfigureOptions<KeyManagementOptions>(o => o.XmlEncryptor = new KeyFileXmlEncryptor(key)));
        return builder;
    }

    /// <summary>The configured key file, or (Development and tests) the data folder's, created on first use.</summary>
    private static KeyRingKey LoadKeyFile(IConfiguration configuration, IHostEnvironment environment)
    {
        var configured = configuration[KeyFileSetting];
        var path = configured is { Length: > 0 } ? configured : Path.Combine(DatabaseSetup.DataFolder(configuration, environment), DefaultKeyFileName);
        if (configured is not { Length: > 0 })
        {
            if (StartupRules.IsStrict(environment))
            {
                throw new InvalidOperationException(StartupRules.KeyRingMessage); // StartupRules stops the app before this
            }

            SecureFiles.EnsurePrivateFolder(Path.GetDirectoryName(path)!);
            if (!File.Exists(path))
            {
                return KeyRingKey.Create(path);
            }
        }

        var (key, problem) = KeyRingKey.Read(path);
        SecureFiles.RestrictFile(path);
        return key ?? throw new InvalidOperationException(problem);
    }
}
