using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenLer.Server.Data;

namespace OpenLer.Server.Infrastructure.Security;

/// <summary>
/// At start, encrypts the key ring entries an earlier version stored in clear (issue 9 finding 2: before key-ring
/// protection, every entry's master key was readable in the database): each element Data Protection marks
/// <c>requiresEncryption</c> is replaced by an <c>encryptedSecret</c> made with the configured encryptor (key file or
/// certificate), the same form Data Protection writes itself. The keys stay the same, so everything they protected
/// stays readable; only their storage changes.
/// </summary>
public sealed partial class KeyRingUpgradeStep(AppDbContext db, IOptions<KeyManagementOptions> keyManagement, ILogger<KeyRingUpgradeStep> logger) : IStartupStep
{
    private static readonly XNamespace DataProtection = "http://schemas.asp.net/2015/03/dataProtection";

    public int Order => 1;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (keyManagement.Value.XmlEncryptor is not { } encryptor)
        {
            return;
        }

        var encrypted = 0;
        foreach (var row in await db.DataProtectionKeys.Where(k => k.Xml != null && k.Xml.Contains("requiresEncryption")).ToListAsync(cancellationToken))
        {
            var key = XElement.Parse(row.Xml!);
            var clear = key.Descendants().Where(e => (string?)e.Attribute(DataProtection + "requiresEncryption") == "true").ToList();
            foreach (var element in clear)
            {
                var info = encryptor.Encrypt(new XElement(element));
                element.ReplaceWith(new XElement(DataProtection + "encryptedSecret",
                    new XAttribute("decryptorType", info.DecryptorType.AssemblyQualifiedName!), info.EncryptedElement));
            }

            if (clear.Count > 0)
            {
                row.Xml = key.ToString(SaveOptions.DisableFormatting);
                encrypted++;
            }
        }

        if (encrypted > 0)
        {
            await db.SaveChangesAsync(cancellationToken);
            LogEncrypted(logger, encrypted);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Encrypted {Count} Data Protection key(s) that an earlier version stored in clear in the database")]
    private static partial void LogEncrypted(ILogger logger, int count);
}
