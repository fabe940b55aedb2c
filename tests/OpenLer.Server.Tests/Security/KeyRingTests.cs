using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenLer.Credentials.Keys;
using OpenLer.Server.Data;
using OpenLer.Server.Features.Organizations;
using OpenLer.Server.Infrastructure.Commands;
using OpenLer.Server.Infrastructure.Security;
using OpenLer.Server.Tests.Support;

namespace OpenLer.Server.Tests.Security;

/// <summary>
/// Issue 9 finding 2 and SECURITY.md DR-05: the Data Protection key ring stored in the database is encrypted with the
/// key file, so a copy of the database alone cannot decrypt an issuer's private key; rotation keeps old data readable.
/// </summary>
public sealed class KeyRingTests
{
    private const string IssuerKeyPurpose = "OpenLer.IssuerKeys.v1";

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task The_key_ring_in_the_database_holds_no_master_key_in_clear(Db db)
    {
        OpenLerFactory.SkipUnlessAvailable(db);
        using var app = new OpenLerFactory(db);
        await app.CreateOrganizationAsync("acme", "admin@acme.test");
        var rows = await app.WithScopeAsync(s => s.GetRequiredService<AppDbContext>().DataProtectionKeys.Select(k => k.Xml!).ToListAsync());
        Assert.NotEmpty(rows);
        Assert.All(rows, xml =>
        {
            Assert.Contains("encryptedSecret", xml, StringComparison.Ordinal);
            Assert.Contains(typeof(KeyFileXmlDecryptor).FullName!, xml, StringComparison.Ordinal);
            Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("<value>", xml, StringComparison.Ordinal);
        });

        if (db == Db.Sqlite)
        {
            // Not in the database files either, in any form: the master keys the app holds in memory are nowhere on disk.
            var files = Directory.GetFiles(app.DataFolder, "openler.db*").Select(File.ReadAllBytes).ToList();
            foreach (var key in app.Services.GetRequiredService<IKeyManager>().GetAllKeys())
            {
                var masterKey = key.Descriptor.ExportToXml().SerializedDescriptorElement.Descendants("value").Single().Value;
                Assert.All(files, bytes => Assert.Equal(-1, bytes.AsSpan().IndexOf(Encoding.ASCII.GetBytes(masterKey))));
                Assert.All(files, bytes => Assert.Equal(-1, bytes.AsSpan().IndexOf(Convert.FromBase64String(masterKey))));
            }
        }
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_copy_of_the_database_without_the_key_file_cannot_unprotect_an_issuer_key(Db db)
    {
        OpenLerFactory.SkipUnlessAvailable(db);
        using var app = new OpenLerFactory(db);
        var org = await app.CreateOrganizationAsync("acme", "admin@acme.test");
        var signingKey = await app.WithScopeAsync(s => s.GetRequiredService<AppDbContext>().Set<OrganizationKey>().Where(k => k.OrganizationId == org.Id).SingleAsync());
        var protectedKey = signingKey.ProtectedPrivateKey;
        var keyFile = Path.Combine(app.DataFolder, KeyRingProtection.DefaultKeyFileName);

        // The attacker's copy: a SQLite file copied with VACUUM INTO; PostgreSQL is read as is (a dump would hold the same rows).
        var copy = Path.Combine(Path.GetTempPath(), $"openler-copy-{Guid.NewGuid():N}.db");
        string? connection = null;
        if (db == Db.Sqlite)
        {
            await using (var live = new SqliteConnection($"Data Source={Path.Combine(app.DataFolder, "openler.db")}"))
            {
                await live.OpenAsync(TestContext.Current.CancellationToken);
                await using var command = live.CreateCommand();
                command.CommandText = $"VACUUM INTO '{copy}'";
                await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
            }

            connection = $"Data Source={copy};Pooling=false";
        }

        try
        {
            using (var withoutKeyFile = Attacker(db, connection ?? app.Services.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>()["Database:ConnectionString"]!, key: null))
            {
                var protector = withoutKeyFile.GetRequiredService<IDataProtectionProvider>().CreateProtector(IssuerKeyPurpose);
                Assert.ThrowsAny<CryptographicException>(() => protector.Unprotect(protectedKey));
            }

            // With the key file (kept outside the database), the same copy reads the issuer key back.
            var (key, problem) = KeyRingKey.Read(keyFile);
            Assert.Null(problem);
            using var withKeyFile = Attacker(db, connection ?? app.Services.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>()["Database:ConnectionString"]!, key);
            var secret = withKeyFile.GetRequiredService<IDataProtectionProvider>().CreateProtector(IssuerKeyPurpose).Unprotect(protectedKey);
            using var issuerKey = KeyPair.FromPrivateMultibase(secret).Value;
            Assert.Equal(signingKey.PublicKeyMultibase, issuerKey.PublicKey.ToMultibase());
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(copy);
        }
    }

    [Fact]
    public async Task Keys_an_earlier_version_stored_in_clear_are_encrypted_at_start_and_what_they_protected_stays_readable()
    {
        var folder = Directory.CreateTempSubdirectory("openler-upgrade").FullName;
        var settings = new Dictionary<string, string?> { ["Database:DataFolder"] = folder };
        var database = $"Data Source={Path.Combine(folder, "openler.db")};Pooling=false";
        try
        {
            using (var first = new OpenLerFactory(settings: settings))
            {
                await first.CreateOrganizationAsync("acme", "admin@acme.test");
            }

            // What the previous version did: Data Protection without an XML encryptor (it cannot read the encrypted key,
            // so it makes a key of its own), the key stored in clear.
            string legacyPayload;
            using (var legacy = LegacyStack(database))
            {
                legacyPayload = legacy.GetRequiredService<IDataProtectionProvider>().CreateProtector(IssuerKeyPurpose).Protect("issuer key of an earlier version");
            }

            await using (var connection = new SqliteConnection(database))
            {
                await connection.OpenAsync(TestContext.Current.CancellationToken);
                await using var command = connection.CreateCommand();
                command.CommandText = "SELECT count(*) FROM DataProtectionKeys WHERE Xml LIKE '%<masterKey%'";
                Assert.Equal(1L, (long)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!);
            }

            using var second = new OpenLerFactory(settings: settings);
            var rows = await second.WithScopeAsync(s => s.GetRequiredService<AppDbContext>().DataProtectionKeys.Select(k => k.Xml!).ToListAsync());
            Assert.Equal(2, rows.Count);
            Assert.All(rows, xml =>
            {
                Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal);
                Assert.Contains(typeof(KeyFileXmlDecryptor).FullName!, xml, StringComparison.Ordinal);
            });
            Assert.Contains(second.Logs, l => l.Contains("Encrypted 1 Data Protection key(s)", StringComparison.Ordinal));
            var reader = second.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(IssuerKeyPurpose);
            Assert.Equal("issuer key of an earlier version", reader.Unprotect(legacyPayload));

            // And a copy of the upgraded database without the key file no longer reads it.
            SqliteConnection.ClearAllPools();
            using var attacker = Attacker(Db.Sqlite, database, key: null);
            Assert.ThrowsAny<CryptographicException>(() => attacker.GetRequiredService<IDataProtectionProvider>().CreateProtector(IssuerKeyPurpose).Unprotect(legacyPayload));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static ServiceProvider LegacyStack(string connection)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDbContext<AppDbContext, SqliteAppDbContext>(o => o.UseSqlite(connection));
        services.AddDataProtection().SetApplicationName("OpenLer").PersistKeysToDbContext<AppDbContext>();
        return services.BuildServiceProvider();
    }

    /// <summary>The Data Protection API over a database, with or without the key file's key: nothing of the app's set-up.</summary>
    private static ServiceProvider Attacker(Db db, string connection, KeyRingKey? key)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        if (db == Db.Sqlite)
        {
            services.AddDbContext<AppDbContext, SqliteAppDbContext>(o => o.UseSqlite(connection));
        }
        else
        {
            services.AddDbContext<AppDbContext, PostgresAppDbContext>(o => o.UseNpgsql(connection));
        }

        if (key is not null)
        {
            services.AddSingleton(key);
        }

        services.AddDataProtection().SetApplicationName("OpenLer").PersistKeysToDbContext<AppDbContext>().DisableAutomaticKeyGeneration();
        return services.BuildServiceProvider();
    }

    [Fact]
    public async Task Keyring_rotate_creates_a_new_encrypted_key_and_data_protected_before_stays_readable()
    {
        using var app = new OpenLerFactory();
        await app.CreateOrganizationAsync("acme", "admin@acme.test");
        var protector = app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("OpenLer.Tests.Rotation");
        var before = protector.Protect("protected before rotation");
        var keys = app.Services.GetRequiredService<IKeyManager>();
        var count = keys.GetAllKeys().Count;

        var (command, arguments) = ServerCommands.Find(app.Services, ["keyring", "rotate"])!.Value;
        using var output = new StringWriter();
        Assert.Equal(0, await command.RunAsync(arguments, app.Services, output, TestContext.Current.CancellationToken));
        var text = output.ToString();
        Assert.Contains("Created Data Protection key", text, StringComparison.Ordinal);
        Assert.Contains("older key(s) stay in the key ring", text, StringComparison.Ordinal);
        var created = keys.GetAllKeys().Single(k => text.Contains(k.KeyId.ToString(), StringComparison.Ordinal));
        Assert.Equal(count + 1, keys.GetAllKeys().Count);
        Assert.InRange(created.ExpirationDate - created.ActivationDate, TimeSpan.FromDays(89), TimeSpan.FromDays(91));

        // Stored encrypted like the others, and readable with the key file: the new key encrypts and decrypts.
        var rows = await app.WithScopeAsync(s => s.GetRequiredService<AppDbContext>().DataProtectionKeys.Select(k => k.Xml!).ToListAsync());
        Assert.Equal(count + 1, rows.Count);
        Assert.All(rows, xml => Assert.Contains("encryptedSecret", xml, StringComparison.Ordinal));
        var stored = keys.GetAllKeys().Single(k => k.KeyId == created.KeyId); // read back from the database, decrypted with the key file
        var encryptor = stored.CreateEncryptor()!;
        var aad = Encoding.UTF8.GetBytes("rotation test");
        var sealedBytes = encryptor.Encrypt(new ArraySegment<byte>(Encoding.UTF8.GetBytes("with the new key")), new ArraySegment<byte>(aad));
        Assert.Equal("with the new key", Encoding.UTF8.GetString(encryptor.Decrypt(new ArraySegment<byte>(sealedBytes), new ArraySegment<byte>(aad))));

        // Data protected before the rotation stays readable; the list shows both keys and which one protects new data.
        Assert.Equal("protected before rotation", protector.Unprotect(before));
        var (list, listArguments) = ServerCommands.Find(app.Services, ["keyring", "list"])!.Value;
        using var listed = new StringWriter();
        await list.RunAsync(listArguments, app.Services, listed, TestContext.Current.CancellationToken);
        var lines = listed.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(count + 1, lines.Length);
        Assert.Single(lines, l => l.Contains("in use for new data", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith(created.KeyId.ToString(), StringComparison.Ordinal));
        var after = protector.Protect("protected after rotation");
        Assert.Contains(lines, l => l.StartsWith(KeyIdOf(after).ToString(), StringComparison.Ordinal));
        Assert.Equal("protected after rotation", protector.Unprotect(after));
    }

    /// <summary>Data Protection payloads start with a 4-byte magic header and the 16-byte id of the key that protected them.</summary>
    private static Guid KeyIdOf(string protectedPayload) => new(WebEncoders.Base64UrlDecode(protectedPayload).AsSpan(4, 16));

    [Fact]
    public void The_xml_encryptor_round_trips_and_refuses_tampering_another_key_and_no_key()
    {
        using var first = new TemporaryKeyFile();
        using var second = new TemporaryKeyFile();
        var key = KeyRingKey.Read(first.Path).Key!;
        var element = new XElement("descriptor", new XElement("masterKey", new XElement("value", "c2VjcmV0IG1hc3RlciBrZXkgbWF0ZXJpYWw=")));
        var encrypted = new KeyFileXmlEncryptor(key).Encrypt(element);
        Assert.Equal(typeof(KeyFileXmlDecryptor), encrypted.DecryptorType);
        Assert.DoesNotContain("c2VjcmV0", encrypted.EncryptedElement.ToString(), StringComparison.Ordinal);

        var services = new ServiceCollection().AddSingleton(key).BuildServiceProvider();
        Assert.Equal(element.ToString(), new KeyFileXmlDecryptor(services).Decrypt(encrypted.EncryptedElement).ToString());

        // Two encryptions of the same element differ (fresh nonce).
        Assert.NotEqual(encrypted.EncryptedElement.ToString(), new KeyFileXmlEncryptor(key).Encrypt(element).EncryptedElement.ToString());

        var tampered = new XElement(encrypted.EncryptedElement);
        var ciphertext = tampered.Element(KeyFileXmlEncryptor.Namespace + "ciphertext")!;
        var bytes = Convert.FromBase64String(ciphertext.Value);
        bytes[3] ^= 1;
        ciphertext.Value = Convert.ToBase64String(bytes);
        Assert.ThrowsAny<CryptographicException>(() => new KeyFileXmlDecryptor(services).Decrypt(tampered));

        var other = new ServiceCollection().AddSingleton(KeyRingKey.Read(second.Path).Key!).BuildServiceProvider();
        Assert.Contains("another key file", Assert.ThrowsAny<CryptographicException>(() => new KeyFileXmlDecryptor(other).Decrypt(encrypted.EncryptedElement)).Message, StringComparison.Ordinal);
        var none = new ServiceCollection().BuildServiceProvider();
        Assert.Contains("DataProtection:KeyFile", Assert.ThrowsAny<CryptographicException>(() => new KeyFileXmlDecryptor(none).Decrypt(encrypted.EncryptedElement)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_file_holds_exactly_256_bits_as_raw_bytes_or_base64()
    {
        var folder = Directory.CreateTempSubdirectory("openler-keyread");
        try
        {
            string Write(string name, byte[] content)
            {
                var path = Path.Combine(folder.FullName, name);
                File.WriteAllBytes(path, content);
                return path;
            }

            var raw = RandomNumberGenerator.GetBytes(32);
            var fromRaw = KeyRingKey.Read(Write("raw", raw)).Key!;
            var fromBase64 = KeyRingKey.Read(Write("b64", Encoding.ASCII.GetBytes(" " + Convert.ToBase64String(raw) + "\r\n"))).Key!;
            Assert.Equal(fromRaw.Fingerprint, fromBase64.Fingerprint);
            Assert.Contains("does not hold a 256-bit key", KeyRingKey.Read(Write("short", Encoding.ASCII.GetBytes(Convert.ToBase64String(RandomNumberGenerator.GetBytes(16))))).Problem, StringComparison.Ordinal);
            Assert.Contains("does not exist", KeyRingKey.Read(Path.Combine(folder.FullName, "missing")).Problem, StringComparison.Ordinal);

            var created = KeyRingKey.Create(Path.Combine(folder.FullName, "new.key"));
            Assert.Equal(created.Fingerprint, KeyRingKey.Read(created.Path).Key!.Fingerprint);
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(SecureFiles.PrivateFile, File.GetUnixFileMode(created.Path));
            }
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
