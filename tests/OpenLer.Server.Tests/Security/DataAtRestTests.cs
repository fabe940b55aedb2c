using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using OpenLer.Credentials.Tests.Support;
using OpenLer.Server.Data;
using OpenLer.Server.Features.Issuance;
using OpenLer.Server.Features.Organizations;
using OpenLer.Server.Features.Protection;
using OpenLer.Server.Infrastructure.Security;
using OpenLer.Server.Tests.Support;

namespace OpenLer.Server.Tests.Security;

/// <summary>
/// docs/security.md DR-01 to DR-04 and DR-06: someone with a copy of the database (a stolen disk, a backup, a dump) finds
/// none of the people's data in it, and cannot decrypt it without the key file; field encryption refuses tampered and
/// moved values; index, encryption and signing keys are distinct; a data key can be rotated and revoked; a restore with the
/// key file gives back everything, verifiable.
/// </summary>
public sealed class DataAtRestTests
{
    private const string Name = "Zubaida Qarlughi";
    private const string Contact = "zubaida.canary@dr01.test";
    private const string Evidence = "Canary evidence: forklift practical 7Q";
    private const string SelfReported = "Canary: nurse aide in Kabul for six years 9Z";

    /// <summary>A caseworker adds, enrolls, completes (with evidence) and issues; the person signs in and adds self-reported text.</summary>
    private static async Task<string> IssueWithCanariesAsync(OpenLerFactory app)
    {
        var staff = new WebSession(app.Client());
        await Journey.SignInStaffAsync(app, staff, "admin@acme.test");
        await staff.SubmitAsync(await staff.GetAsync("/programs"), "main form", new Dictionary<string, string>
        {
            ["name"] = "Warehouse Basics", ["description"] = "Safe lifting.", ["criteria"] = "Passed the practical.", ["skills"] = "2.A.1.a",
        });
        var client = await staff.SubmitAsync(await staff.GetAsync("/issuance"), "main form", new Dictionary<string, string> { ["name"] = Name, ["contact"] = Contact });
        var clientPath = staff.Last!.RequestMessage!.RequestUri!.AbsolutePath;
        client = await staff.SubmitAsync(client, "form[action*=Enroll]", new Dictionary<string, string> { ["cohort"] = "2026 Spring" });
        client = await staff.SubmitAsync(client, "form[action*=Complete]", new Dictionary<string, string> { ["evidence"] = Evidence });
        await staff.SubmitAsync(client, "form[action*=Issue]", new Dictionary<string, string>());

        var holder = new WebSession(app.Client());
        var wallet = await Journey.SignInJobseekerAsync(app, holder, Contact);
        var token = wallet.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var added = await holder.Client.PostAsync("/wallet", new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("kind", "work"), new("description", SelfReported)]));
        Assert.True(added.StatusCode is System.Net.HttpStatusCode.Redirect or System.Net.HttpStatusCode.OK);
        Assert.Contains(SelfReported, await holder.Client.GetStringAsync("/wallet"), StringComparison.Ordinal);
        return clientPath;
    }

    /// <summary>Each canary as UTF-8, UTF-16 and in every base64 alignment (standard and URL alphabets).</summary>
    private static IEnumerable<(string Form, byte[] Bytes)> Forms(string canary)
    {
        var utf8 = Encoding.UTF8.GetBytes(canary);
        yield return ("utf-8", utf8);
        yield return ("utf-16", Encoding.Unicode.GetBytes(canary));
        for (var shift = 0; shift < 3; shift++)
        {
            var padded = Convert.ToBase64String([.. new byte[shift], .. utf8]);
            var core = padded[(shift == 0 ? 0 : 4)..^4];
            yield return ($"base64+{shift}", Encoding.ASCII.GetBytes(core));
            yield return ($"base64url+{shift}", Encoding.ASCII.GetBytes(core.Replace('+', '-').Replace('/', '_')));
        }
    }

    private static void AssertNoCanary(string where, byte[] haystack)
    {
        foreach (var canary in new[] { Name, Contact, Evidence, SelfReported, "Qarlughi", "zubaida.canary" })
        {
            foreach (var (form, needle) in Forms(canary))
            {
                Assert.True(haystack.AsSpan().IndexOf(needle) < 0, $"{where} holds '{canary}' ({form})");
            }
        }
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Dr01_The_raw_database_files_and_a_pg_dump_hold_no_name_contact_evidence_or_self_reported_text(Db db)
    {
        OpenLerFactory.SkipUnlessAvailable(db);
        using var app = new OpenLerFactory(db);
        await app.CreateOrganizationAsync("acme", "admin@acme.test");
        await IssueWithCanariesAsync(app);

        if (db == Db.Sqlite)
        {
            // While the app runs (its pooled connections open, the write-ahead log in use), then after the last connection
            // closed and SQLite checkpointed the log into the database file.
            var files = Directory.GetFiles(app.DataFolder, "openler.db*");
            Assert.Contains(files, f => f.EndsWith("openler.db-wal", StringComparison.Ordinal));
            foreach (var file in files)
            {
                AssertNoCanary(Path.GetFileName(file), await File.ReadAllBytesAsync(file, TestContext.Current.CancellationToken));
            }

            SqliteConnection.ClearAllPools();
            foreach (var file in Directory.GetFiles(app.DataFolder, "openler.db*"))
            {
                AssertNoCanary(Path.GetFileName(file) + " (closed)", await File.ReadAllBytesAsync(file, TestContext.Current.CancellationToken));
            }

            return;
        }

        if (!File.Exists("/usr/bin/pg_dump") && !File.Exists("/usr/local/bin/pg_dump"))
        {
            Requirements.Missing("pg_dump is not installed.");
        }

        var connection = new NpgsqlConnectionStringBuilder(await app.WithScopeAsync(s => Task.FromResult(s.GetRequiredService<AppDbContext>().Database.GetConnectionString()!)));
        var start = new ProcessStartInfo("pg_dump", ["--no-owner", "-h", connection.Host!, "-p", connection.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", connection.Username!, connection.Database!])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["PGPASSWORD"] = connection.Password;
        using var process = Process.Start(start)!;
        using var dump = new MemoryStream();
        var copy = process.StandardOutput.BaseStream.CopyToAsync(dump, TestContext.Current.CancellationToken);
        var errors = await process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await copy;
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.True(process.ExitCode == 0, errors);
        Assert.Contains("COPY public", Encoding.UTF8.GetString(dump.ToArray()), StringComparison.Ordinal);
        AssertNoCanary("pg_dump", dump.ToArray());
    }

    [Fact]
    public async Task Dr02_Same_value_twice_differs_and_a_flipped_bit_or_a_moved_value_does_not_decrypt()
    {
        using var app = new OpenLerFactory();
        var org = await app.CreateOrganizationAsync("acme", "admin@acme.test");
        var other = await app.CreateOrganizationAsync("other", "admin@other.test");
        await app.WithScopeAsync(s =>
        {
            var fields = s.GetRequiredService<FieldProtector>();
            var row = Guid.NewGuid();
            var here = new FieldScope(org.Id, "Clients", "Name", row);
            var first = fields.Protect("A123456789", here)!;
            var second = fields.Protect("A123456789", here)!;
            Assert.NotEqual(first, second);
            Assert.Equal("A123456789", fields.Unprotect(first, here));
            Assert.Equal("A123456789", fields.Unprotect(second, here));
            Assert.DoesNotContain("A123456789", first, StringComparison.Ordinal);

            // One bit flipped anywhere in nonce, ciphertext or tag.
            var bytes = Credentials.Encodings.Base64Url.Decode(first.AsSpan(3)).Value;
            for (var i = 16; i < bytes.Length; i++)
            {
                var flipped = (byte[])bytes.Clone();
                flipped[i] ^= 0x01;
                Assert.False(fields.TryUnprotect("p1." + Credentials.Encodings.Base64Url.Encode(flipped), here, out _), $"bit flipped at byte {i}");
            }

            // Moved to another row, column, table or organization; or into people's scope.
            foreach (var elsewhere in new[]
            {
                here with { RowId = Guid.NewGuid() }, here with { Column = "Contact" }, here with { Table = "Enrollments" },
                here with { Scope = other.Id }, FieldScope.Person("Clients", "Name", row),
            })
            {
                Assert.False(fields.TryUnprotect(first, elsewhere, out _), elsewhere.ToString());
            }

            var thrown = Assert.Throws<FieldDecryptionException>(() => fields.Unprotect(first, here with { RowId = Guid.NewGuid() }));
            Assert.DoesNotContain("A123456789", thrown.Message, StringComparison.Ordinal);
            return Task.FromResult(0);
        });
    }

    [Fact]
    public async Task Dr03_Index_encryption_and_signing_keys_are_three_different_keys_and_indexes_differ_per_scope_and_purpose()
    {
        using var app = new OpenLerFactory();
        var org = await app.CreateOrganizationAsync("acme", "admin@acme.test");
        var other = await app.CreateOrganizationAsync("other", "admin@other.test");
        await app.WithScopeAsync(async s =>
        {
            var db = s.GetRequiredService<AppDbContext>();
            var ring = s.GetRequiredService<DataKeyRing>();
            var fields = s.GetRequiredService<FieldProtector>();
            var keys = s.GetRequiredService<OrganizationKeys>();
            var encryption = ring.Active(db, org.Id, DataKeyPurpose.Encryption);
            var index = ring.Active(db, org.Id, DataKeyPurpose.Index);
            Assert.NotEqual(encryption.Id, index.Id);
            Assert.False(encryption.Key.AsSpan().SequenceEqual(index.Key));
            using var signing = keys.SigningKey(await keys.ActiveKeyAsync(org.Id));
            var signingSecret = signing.ExportPrivateRaw();
            Assert.False(signingSecret.AsSpan().SequenceEqual(encryption.Key));
            Assert.False(signingSecret.AsSpan().SequenceEqual(index.Key));

            // The index key is never usable for decryption, nor the encryption key for an index.
            Assert.Null(ring.Find(db, index.Id, org.Id, DataKeyPurpose.Encryption));
            Assert.Null(ring.Find(db, encryption.Id, org.Id, DataKeyPurpose.Index));

            var a = fields.BlindIndex(org.Id, "contact", "amina@example.org");
            Assert.Equal(a, fields.BlindIndex(org.Id, "contact", "amina@example.org"));
            Assert.NotEqual(a, fields.BlindIndex(other.Id, "contact", "amina@example.org"));
            Assert.NotEqual(a, fields.BlindIndex(org.Id, "a-number", "amina@example.org"));
            Assert.NotEqual(a, Credentials.Encodings.Base64Url.Encode(System.Security.Cryptography.HMACSHA256.HashData(encryption.Key, Encoding.UTF8.GetBytes("contact\u001famina@example.org"))));
            Assert.NotEqual(a, Credentials.Encodings.Base64Url.Encode(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes("amina@example.org"))));
            return 0;
        });
    }

    [Fact]
    public async Task Dr04_A_rotated_data_key_keeps_old_values_readable_and_a_revoked_one_refuses_them()
    {
        using var app = new OpenLerFactory();
        var org = await app.CreateOrganizationAsync("acme", "admin@acme.test");
        var here = new FieldScope(org.Id, "Clients", "Name", Guid.NewGuid());
        var (old, oldKey) = await app.WithScopeAsync(s =>
        {
            var value = s.GetRequiredService<FieldProtector>().Protect("Amina Yusuf", here)!;
            return Task.FromResult((value, FieldProtector.KeyIdOf(value)!.Value));
        });

        // Rotate: a new encryption key takes over; the old one is retired.
        await app.WithScopeAsync(async s =>
        {
            var db = s.GetRequiredService<AppDbContext>();
            var ring = s.GetRequiredService<DataKeyRing>();
            ring.Create(db, org.Id, DataKeyPurpose.Encryption);
            (await db.Set<DataKey>().FirstAsync(k => k.Id == oldKey)).RetiredAt = DateTime.UtcNow;
            await db.SaveChangesAsync();
            ring.Forget();
            return 0;
        });
        var fresh = await app.WithScopeAsync(s =>
        {
            var fields = s.GetRequiredService<FieldProtector>();
            var value = fields.Protect("Dawit Bekele", here)!;
            Assert.NotEqual(oldKey, FieldProtector.KeyIdOf(value));
            Assert.Equal("Amina Yusuf", fields.Unprotect(old, here));
            return Task.FromResult(value);
        });

        // Revoke the old key: what it encrypted can no longer be read; the new key's values can.
        await app.WithScopeAsync(async s =>
        {
            var db = s.GetRequiredService<AppDbContext>();
            (await db.Set<DataKey>().FirstAsync(k => k.Id == oldKey)).RevokedAt = DateTime.UtcNow;
            await db.SaveChangesAsync();
            s.GetRequiredService<DataKeyRing>().Forget();
            var fields = s.GetRequiredService<FieldProtector>();
            Assert.False(fields.TryUnprotect(old, here, out _));
            Assert.Equal("Dawit Bekele", fields.Unprotect(fresh, here));
            return 0;
        });
    }

    /// <summary>
    /// The other half of DR-06: the same kind of backup restored where the key file is missing. The instance makes itself a
    /// new key file (as a first start does); with it the old key ring, and so the organization's data keys, cannot be read:
    /// every name is refused by Data Protection, none comes back.
    /// </summary>
    [Fact]
    public async Task Dr06_The_same_backup_restored_without_its_key_file_gives_back_no_name()
    {
        var restoreFolder = Directory.CreateTempSubdirectory("openler-restore").FullName;
        try
        {
            using (var app = new OpenLerFactory())
            {
                await app.CreateOrganizationAsync("acme", "admin@acme.test");
                await IssueWithCanariesAsync(app);
                await using var live = new SqliteConnection($"Data Source={Path.Combine(app.DataFolder, "openler.db")}");
                await live.OpenAsync(TestContext.Current.CancellationToken);
                await using var command = live.CreateCommand();
                command.CommandText = $"VACUUM INTO '{Path.Combine(restoreFolder, "openler.db")}'";
                await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
            }

            SqliteConnection.ClearAllPools();
            Assert.False(File.Exists(Path.Combine(restoreFolder, KeyRingProtection.DefaultKeyFileName)));
            using var restored = new OpenLerFactory(settings: new Dictionary<string, string?> { ["Database:DataFolder"] = restoreFolder });
            var outcome = await restored.WithScopeAsync(async s =>
            {
                var db = s.GetRequiredService<AppDbContext>();
                var records = s.GetRequiredService<CaseRecords>();
                var rows = await db.Clients.AsNoTracking().ToListAsync();
                var read = new List<string>();
                foreach (var row in rows)
                {
                    try
                    {
                        read.Add(records.ClientName(row));
                    }
                    catch (Exception ex)
                    {
                        read.Add("refused: " + ex.GetType().Name);
                    }
                }

                return read;
            });
            Assert.NotEmpty(outcome);
            Assert.DoesNotContain(Name, outcome);
            Assert.All(outcome, o => Assert.Equal("refused: CryptographicException", o));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(restoreFolder, recursive: true);
        }
    }

    [Fact]
    public async Task Dr06_A_backup_restored_with_its_key_file_reads_back_and_every_credential_verifies()
    {
        var restoreFolder = Directory.CreateTempSubdirectory("openler-restore").FullName;
        try
        {
            int clients, credentials;
            using (var app = new OpenLerFactory())
            {
                await app.CreateOrganizationAsync("acme", "admin@acme.test");
                await IssueWithCanariesAsync(app);
                (clients, credentials) = await app.WithScopeAsync(async s =>
                {
                    var db = s.GetRequiredService<AppDbContext>();
                    return (await db.Clients.CountAsync(), await db.Credentials.CountAsync());
                });

                // The backup: VACUUM INTO (a consistent copy while the app runs) and the key file kept apart.
                await using (var live = new SqliteConnection($"Data Source={Path.Combine(app.DataFolder, "openler.db")}"))
                {
                    await live.OpenAsync(TestContext.Current.CancellationToken);
                    await using var command = live.CreateCommand();
                    command.CommandText = $"VACUUM INTO '{Path.Combine(restoreFolder, "openler.db")}'";
                    await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
                }

                File.Copy(Path.Combine(app.DataFolder, KeyRingProtection.DefaultKeyFileName), Path.Combine(restoreFolder, KeyRingProtection.DefaultKeyFileName));
            }

            SqliteConnection.ClearAllPools();
            using var restored = new OpenLerFactory(settings: new Dictionary<string, string?> { ["Database:DataFolder"] = restoreFolder });
            var (names, jsons) = await restored.WithScopeAsync(async s =>
            {
                var db = s.GetRequiredService<AppDbContext>();
                var records = s.GetRequiredService<CaseRecords>();
                var rows = await db.Clients.AsNoTracking().ToListAsync();
                var issued = await db.Credentials.AsNoTracking().ToListAsync();
                return (rows.Select(records.ClientName).ToList(), issued.Select(records.CredentialJson).ToList());
            });
            Assert.Equal(clients, names.Count);
            Assert.Equal(credentials, jsons.Count);
            Assert.Contains(Name, names);
            foreach (var json in jsons)
            {
                var result = JsonNode.Parse(await (await restored.Client().PostAsync("/api/verify", new StringContent(json))).Content.ReadAsStringAsync())!;
                Assert.True((bool)result["verified"]!, result.ToJsonString());
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(restoreFolder, recursive: true);
        }
    }
}
