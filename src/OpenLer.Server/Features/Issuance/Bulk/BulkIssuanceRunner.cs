using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenLer.Credentials.DataIntegrity;
using OpenLer.Credentials.Json;
using OpenLer.Credentials.Keys;
using OpenLer.Server.Data;
using OpenLer.Server.Features.Account;
using OpenLer.Server.Features.Audit;
using OpenLer.Server.Features.Organizations;
using OpenLer.Server.Features.Protection;
using OpenLer.Server.Features.StatusLists;
using OpenLer.Server.Infrastructure.Localization;
using OpenLer.Server.Infrastructure.Observability;

namespace OpenLer.Server.Features.Issuance.Bulk;

/// <summary>
/// Runs one bulk issuance job: claims it with a lease (a conditional update, so one worker at a time across instances),
/// then issues its pending rows in batches. Each batch: reads what it needs in a few queries (completions already issued,
/// clients and accounts by their blind indexes), takes all its status-list indexes in one allocation
/// (<see cref="StatusIndexAllocator"/>), builds and signs the credentials (eddsa-rdfc-2022) in parallel, then writes people,
/// clients, enrollments, credentials, wallet keys, idempotency keys and row states in one transaction, together with the
/// job's counters and its lease renewal: a batch is issued entirely or not at all, and a worker that stops (crash, restart)
/// leaves only whole batches behind; the next worker carries on with the rows still pending.
/// </summary>
public sealed class BulkIssuanceRunner(AppDbContext db, FieldProtector fields, People people, Caseload caseload, CaseRecords records, WalletKeys walletKeys,
    OrganizationKeys keys, CredentialIssuer issuer, StatusIndexAllocator allocator, AuditTrail audit, BulkRows bulk, OpenLerMetrics metrics,
    IOptions<BulkIssuanceOptions> options, TimeProvider time, ILogger<BulkIssuanceRunner> logger)
{
    private static readonly string Unreadable = L.Key("This row could not be read back. Upload the file again.");
    private static readonly string NoProgram = L.Key("No program of your organization has this name.");
    private static readonly string Invited = L.Key("This person already has an account: we sent them an invitation. Issue the credential from their page when they accept.");
    private static readonly string WaitingForAcceptance = L.Key("This person has not accepted your organization's invitation yet. Issue the credential from their page when they accept.");
    private static readonly string Declined = L.Key("This person said no to your invitation. You cannot issue credentials to their wallet.");
    private static readonly string NotSigned = L.Key("The credential could not be signed. Try again later.");

    private static readonly string[] RowColumns = [nameof(BulkImportRow.State), nameof(BulkImportRow.Problem), nameof(BulkImportRow.CredentialId), nameof(BulkImportRow.PayloadCipher), nameof(BulkImportRow.DoneAt)];

    private enum Act { Skip, Fail, IssueNew, Issue, InviteNew, Wait }

    private sealed class Work(BulkImportRow row, RowPayload? payload)
    {
        public BulkImportRow Row { get; } = row;
        public RowPayload? Payload { get; } = payload;
        public Act Act { get; set; }
        public string? Problem { get; set; }
        public string ClientIndex { get; set; } = "";
        public Client? Client { get; set; }
        public Jobseeker? Jobseeker { get; set; }
        public Work? SamePersonAs { get; set; }
        public IssuedCredential? Credential { get; set; }
        public Data.Enrollment? Enrollment { get; set; }
        public string? Json { get; set; }
        public Jobseeker? NewPerson { get; set; }
        public bool NewClient { get; set; }
        public WalletKey? WalletKey { get; set; }

        public bool Issues => Act is Act.IssueNew or Act.Issue;
    }

    /// <summary>
    /// Claims the job for <paramref name="owner"/> (queued, or running with an expired lease, or already this owner's) and
    /// issues every pending row; <paramref name="progress"/> sees the job after each batch. Returns the job as it ends, or null
    /// when another worker holds it or this worker lost its lease.
    /// </summary>
    public async Task<BulkImport?> RunAsync(Guid importId, string owner, Func<BulkImport, Task>? progress = null, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var until = now + options.Value.Lease;
        var claimed = await db.Set<BulkImport>()
            .Where(i => i.Id == importId && (i.State == BulkImportStates.Queued || (i.State == BulkImportStates.Running && (i.LeaseUntil < now || i.LeaseOwner == owner))))
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.State, BulkImportStates.Running).SetProperty(i => i.LeaseOwner, owner).SetProperty(i => i.LeaseUntil, until)
                .SetProperty(i => i.StartedAt, i => i.StartedAt ?? now), cancellationToken);
        if (claimed != 1)
        {
            return null;
        }

        var job = await db.Set<BulkImport>().AsNoTracking().FirstAsync(i => i.Id == importId, cancellationToken);
        var actor = (AuditActors.System, (string?)"bulk-issuance");
        await audit.RecordAsync(AuditActions.BulkImportStarted, "bulk-import", job.Id, job.OrganizationId, detail: BulkImports.Counts(job), actor: actor, cancellationToken: cancellationToken);
        logger.LogInformation("Bulk issuance {ImportId} claimed: {Done} of {Total} rows done", job.Id, job.Done, job.TotalRows);
        var conflicts = 0;
        while (true)
        {
            db.ChangeTracker.Clear();
            int? handled;
            try
            {
                handled = await BatchAsync(job, owner, cancellationToken);
                conflicts = 0;
            }
            catch (DbUpdateException) when (++conflicts <= 5)
            {
                // Another job or instance made the same person, client or completion at the same moment (unique indexes):
                // the batch was rolled back; its next reading sees what the other one wrote.
                logger.LogInformation("Bulk issuance {ImportId}: a concurrent write to the same people; batch retried", job.Id);
                continue;
            }

            if (handled is null)
            {
                logger.LogWarning("Bulk issuance {ImportId}: lease lost; another worker carries on", job.Id);
                return null;
            }

            job = await db.Set<BulkImport>().AsNoTracking().FirstAsync(i => i.Id == importId, cancellationToken);
            if (handled == 0)
            {
                break;
            }

            if (progress is not null)
            {
                await progress(job);
            }
        }

        var finishedAt = time.GetUtcNow().UtcDateTime;
        await using (var transaction = await db.Database.BeginOrJoinAsync(cancellationToken))
        {
            var finished = await db.Set<BulkImport>().Where(i => i.Id == importId && i.LeaseOwner == owner)
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.State, BulkImportStates.Finished).SetProperty(i => i.FinishedAt, finishedAt)
                    .SetProperty(i => i.LeaseOwner, (string?)null).SetProperty(i => i.LeaseUntil, (DateTime?)null), cancellationToken);
            if (finished != 1)
            {
                return null;
            }

            await audit.RecordAsync(AuditActions.BulkImportFinished, "bulk-import", job.Id, job.OrganizationId, job.Failed == 0 ? AuditOutcomes.Ok : AuditOutcomes.Failed,
                BulkImports.Counts(job), actor, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        logger.LogInformation("Bulk issuance {ImportId} finished: issued {Issued}, skipped {Skipped}, failed {Failed}", job.Id, job.Issued, job.Skipped, job.Failed);
        return await db.Set<BulkImport>().AsNoTracking().FirstAsync(i => i.Id == importId, cancellationToken);
    }

    /// <summary>One batch; returns the rows handled (0: none pending), or null when the lease was lost (nothing written).</summary>
    private async Task<int?> BatchAsync(BulkImport job, string owner, CancellationToken cancellationToken)
    {
        var org = job.OrganizationId;
        var rows = await db.Set<BulkImportRow>().AsNoTracking().Where(r => r.ImportId == job.Id && r.State == BulkRowStates.Pending)
            .OrderBy(r => r.Line).Take(options.Value.BatchSize).ToListAsync(cancellationToken);
        if (rows.Count == 0)
        {
            return 0;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var work = rows.Select(r => new Work(r, Read(r))).ToList();
        var programs = await db.Programs.Where(p => p.OrganizationId == org).ToDictionaryAsync(p => p.Id, cancellationToken);
        var keysWanted = work.Select(w => w.Row.IdempotencyKey).OfType<string>().ToList();
        var issued = await db.Set<BulkIssuanceKey>().AsNoTracking().Where(k => k.OrganizationId == org && keysWanted.Contains(k.Key))
            .ToDictionaryAsync(k => k.Key, k => k.CredentialId, cancellationToken);
        foreach (var w in work.Where(w => w.Payload is not null))
        {
            w.ClientIndex = records.ClientContactIndex(org, w.Payload!.Contact);
        }

        var clientIndexes = work.Select(w => w.ClientIndex).Where(i => i.Length > 0).Distinct().ToList();
        var clients = await db.Clients.Where(c => c.OrganizationId == org && clientIndexes.Contains(c.ContactIndex!)).ToDictionaryAsync(c => c.ContactIndex!, cancellationToken);
        var personIndexes = work.Where(w => w.Payload is not null && !clients.ContainsKey(w.ClientIndex))
            .Select(w => people.ContactIndex(Contacts.Normalize(w.Payload!.Contact)!)).Distinct().ToList();
        var accounts = await db.Jobseekers.Where(j => personIndexes.Contains(j.ContactIndex!)).ToDictionaryAsync(j => j.ContactIndex!, cancellationToken);

        // What each row will do, decided from what the database holds now (nothing is written before the transaction).
        var planned = new Dictionary<string, Work>(StringComparer.Ordinal);
        foreach (var w in work)
        {
            if (w.Payload is not { } p)
            {
                (w.Act, w.Problem) = (Act.Fail, Unreadable);
            }
            else if (w.Row.IdempotencyKey is { } key && issued.TryGetValue(key, out var credentialId))
            {
                (w.Act, w.Problem) = (Act.Skip, BulkImports.AlreadyIssued);
                w.Row.CredentialId = credentialId;
            }
            else if (!programs.ContainsKey(p.ProgramId))
            {
                (w.Act, w.Problem) = (Act.Fail, NoProgram);
            }
            else if (clients.TryGetValue(w.ClientIndex, out var client))
            {
                w.Client = client;
                (w.Act, w.Problem) = client.Link switch
                {
                    ClientLinks.Created or ClientLinks.Linked when client.JobseekerId is not null => (Act.Issue, null),
                    ClientLinks.Invited => (Act.Wait, WaitingForAcceptance),
                    _ => (Act.Fail, Declined),
                };
            }
            else if (planned.TryGetValue(w.ClientIndex, out var earlier))
            {
                w.SamePersonAs = earlier;
                (w.Act, w.Problem) = earlier.Act == Act.IssueNew ? (Act.Issue, (string?)null) : (Act.Wait, WaitingForAcceptance);
            }
            else
            {
                var contact = Contacts.Normalize(p.Contact)!;
                w.Jobseeker = accounts.GetValueOrDefault(people.ContactIndex(contact));
                (w.Act, w.Problem) = w.Jobseeker is null ? (Act.IssueNew, (string?)null) : (Act.InviteNew, Invited);
                planned[w.ClientIndex] = w;
            }
        }

        // Every index this batch needs, in one allocation (its own short transaction: a rolled-back batch leaves them unused).
        var signingKey = await keys.ActiveKeyAsync(org, cancellationToken);
        var issuing = work.Where(w => w.Issues).ToList();
        var slots = issuing.Count == 0 ? [] : await allocator.AllocateAsync(signingKey, CredentialIssuer.StatusPurpose, issuing.Count, cancellationToken);
        var organization = await db.Organizations.AsNoTracking().FirstAsync(o => o.Id == org, cancellationToken);

        // Issuing rows are written with BulkRows (COPY on PostgreSQL, prepared INSERTs on SQLite); invitations and the
        // enrollments of rows that wait for one go through the change tracker (they are few, and Caseload makes them).
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var sealer = fields.Sealer(org, FieldScope.People);
        var slot = 0;
        foreach (var w in work)
        {
            var p = w.Payload;
            switch (w.Act)
            {
                case Act.IssueNew:
                    var contact = Contacts.Normalize(p!.Contact)!;
                    w.NewPerson = people.New(contact, p.Name, p.Language, org, sealer);
                    w.Client = NewClient(job, w, p, now, ClientLinks.Created, w.NewPerson.Id, sealer);
                    w.NewClient = true;
                    break;
                case Act.InviteNew:
                    w.Client = NewClient(job, w, p!, now, ClientLinks.Invited, null, null);
                    db.Clients.Add(w.Client);
                    await caseload.InviteAsync(w.Client, w.Jobseeker!, Contacts.Normalize(p!.Contact)!, now, cancellationToken);
                    break;
                case Act.Issue or Act.Wait when w.SamePersonAs is not null:
                    w.Client = w.SamePersonAs.Client;
                    break;
            }

            if (w.Act is Act.IssueNew or Act.Issue or Act.InviteNew or Act.Wait)
            {
                var program = programs[p!.ProgramId];
                var enrollment = new Data.Enrollment
                {
                    Id = Guid.NewGuid(),
                    OrganizationId = org,
                    ClientId = w.Client!.Id,
                    ProgramId = program.Id,
                    Program = program,
                    Cohort = "",
                    EnrolledAt = now,
                    CompletedAt = p.CompletedOn.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
                    EnglishLevel = p.EnglishLevel,
                };
                records.SetEvidence(enrollment, p.Evidence, sealer);
                if (!w.Issues)
                {
                    db.Enrollments.Add(enrollment);
                }

                w.Enrollment = enrollment;
            }

            if (w.Issues)
            {
                var s = slots[slot++];
                w.Credential = new IssuedCredential
                {
                    Id = Guid.NewGuid(),
                    OrganizationId = org,
                    EnrollmentId = w.Enrollment!.Id,
                    JobseekerId = w.Client!.JobseekerId!.Value,
                    AchievementName = organization.PracticeOf is null ? programs[p!.ProgramId].Name : PracticeNames.CredentialName(programs[p!.ProgramId].Name),
                    IssuedAt = now,
                    StatusPurpose = CredentialIssuer.StatusPurpose,
                    StatusListNumber = s.ListNumber,
                    StatusListIndex = s.Index,
                    SigningKeyId = signingKey.Id,
                };
            }
        }

        Sign(issuing, organization, signingKey, now, sealer, cancellationToken);

        var counts = (Issued: 0, Skipped: 0, Failed: 0);
        var issuedKeys = new List<BulkIssuanceKey>(issuing.Count);
        foreach (var w in work)
        {
            if (w.Issues && w.Json is not null)
            {
                issuedKeys.Add(new BulkIssuanceKey { Id = Guid.NewGuid(), OrganizationId = org, Key = w.Row.IdempotencyKey!, CredentialId = w.Credential!.Id, IssuedAt = now });
                w.Row.State = BulkRowStates.Issued;
                w.Row.CredentialId = w.Credential.Id;
                counts.Issued++;
            }
            else if (w.Issues)
            {
                (w.Row.State, w.Row.Problem) = (BulkRowStates.Failed, NotSigned);
                counts.Failed++;
            }
            else
            {
                w.Row.State = w.Act == Act.Fail ? BulkRowStates.Failed : BulkRowStates.Skipped;
                w.Row.Problem = w.Problem;
                if (w.Act == Act.Fail)
                {
                    counts.Failed++;
                }
                else
                {
                    counts.Skipped++;
                }
            }

            w.Row.PayloadCipher = null;
            w.Row.DoneAt = now;
        }

        // People before their clients, clients before enrollments, enrollments before credentials, credentials before their
        // wallet keys and idempotency keys (foreign keys). A unique index (idempotency key, client, account) refused by a
        // concurrent writer raises DbUpdateException: the transaction is disposed without commit and RunAsync tries again.
        var signed = work.Where(w => w.Issues && w.Json is not null).ToList();
        await bulk.InsertAsync([.. work.Select(w => w.NewPerson).OfType<Jobseeker>()], cancellationToken);
        await bulk.InsertAsync([.. work.Where(w => w.NewClient).Select(w => w.Client!)], cancellationToken);
        await bulk.InsertAsync([.. signed.Select(w => w.Enrollment!)], cancellationToken);
        await bulk.InsertAsync([.. signed.Select(w => w.Credential!)], cancellationToken);
        await bulk.InsertAsync([.. signed.Select(w => w.WalletKey!)], cancellationToken);
        await bulk.InsertAsync(issuedKeys, cancellationToken);
        await bulk.UpdateAsync(rows, RowColumns, cancellationToken);

        // The audit record's save also writes what the change tracker holds (invitations, their clients and enrollments).
        var first = rows[0].Line.ToString(CultureInfo.InvariantCulture);
        var last = rows[^1].Line.ToString(CultureInfo.InvariantCulture);
        await audit.RecordAsync(AuditActions.CredentialsIssuedInBulk, "bulk-import", job.Id, org, detail: $"lines {first}-{last} issued={counts.Issued} skipped={counts.Skipped} failed={counts.Failed}",
            actor: (AuditActors.System, "bulk-issuance"), cancellationToken: cancellationToken);

        var until = time.GetUtcNow().UtcDateTime + options.Value.Lease;
        var renewed = await db.Set<BulkImport>().Where(i => i.Id == job.Id && i.LeaseOwner == owner)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.LeaseUntil, until).SetProperty(i => i.Issued, i => i.Issued + counts.Issued)
                .SetProperty(i => i.Skipped, i => i.Skipped + counts.Skipped).SetProperty(i => i.Failed, i => i.Failed + counts.Failed), cancellationToken);
        if (renewed != 1)
        {
            await transaction.RollbackAsync(cancellationToken);
            return null;
        }

        await transaction.CommitAsync(cancellationToken);
        if (counts.Issued > 0)
        {
            metrics.CredentialsIssued(counts.Issued, "ob3-ldp-vc");
        }

        return rows.Count;
    }

    /// <summary>Builds and signs the batch's credentials on every core: a holder key each, one signing key and signer per thread.</summary>
    private void Sign(List<Work> issuing, Organization organization, OrganizationKey signingKey, DateTime now, FieldSealer sealer, CancellationToken cancellationToken)
    {
        if (issuing.Count == 0)
        {
            return;
        }

        var identity = keys.Identity(organization, signingKey);
        var failures = new ConcurrentBag<string>();

        // One proof time for the batch (its issuance time), so that the credentials of one shape share a SigningTemplate:
        // the credential's RDF is made once per shape and batch, each credential then only substitutes its own values
        // (SigningTemplate checks the rest is the template's, and refuses what JSON-LD could read differently: then the
        // full DataIntegritySigner path signs it, with the same options).
        var proofOptions = new ProofOptions
        {
            Cryptosuite = CredentialIssuer.Cryptosuite,
            VerificationMethod = identity.VerificationMethod,
            Created = new DateTimeOffset(DateTime.SpecifyKind(now, DateTimeKind.Utc)),
        };
        var templates = new ConcurrentDictionary<(Guid Program, bool Result, bool Evidence), Lazy<SigningTemplate?>>();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken };
        Parallel.ForEach(Partitioner.Create(0, issuing.Count, Math.Max(8, issuing.Count / (Environment.ProcessorCount * 4))), parallel,
            () => (Key: keys.SigningKey(signingKey), Signer: new DataIntegritySigner(Cryptosuites.Default, time)),
            (range, _, local) =>
            {
                for (var i = range.Item1; i < range.Item2; i++)
                {
                    var w = issuing[i];
                    // The holder key is stored at once (encrypted) and not used here: a seed and its public key, without
                    // the guarded memory (mmap, mprotect, munmap) a KeyPair takes.
                    var (seed, holder) = Ed25519Seed.Generate();
                    w.Credential!.HolderDid = holder.ToDidKey();
                    var unsigned = issuer.Build(w.Credential, organization, w.Enrollment!, w.Payload!.Evidence, identity, w.Credential.HolderDid, now);
                    var shape = (w.Enrollment!.ProgramId, unsigned["credentialSubject"]?["result"] is not null, unsigned["evidence"] is not null);
                    var key = local.Key;
                    var template = templates.GetOrAdd(shape, _ => new Lazy<SigningTemplate?>(() => Template(unsigned, key, proofOptions, cancellationToken))).Value;
                    var signed = template?.TrySign(unsigned, local.Key, cancellationToken) ?? local.Signer.Sign(unsigned, local.Key, proofOptions);
                    if (signed.IsSuccess)
                    {
                        w.Json = StrictJson.Serialize(signed.Value, indented: true);
                        records.SetCredentialJson(w.Credential, w.Json, sealer);
                        w.WalletKey = walletKeys.New(w.Credential.JobseekerId, w.Credential.Id, holder, Ed25519Seed.ToPrivateMultibase(seed), sealer);
                    }
                    else
                    {
                        failures.Add(signed.Error.Code);
                    }

                    System.Security.Cryptography.CryptographicOperations.ZeroMemory(seed);
                }

                return local;
            },
            local => local.Key.Dispose());
        foreach (var code in failures.Distinct())
        {
            logger.LogError("Bulk issuance: signing failed: {Code}", code);
        }
    }

    /// <summary>The string values that differ between the credentials of one shape (CredentialIssuer.Build).</summary>
    private static readonly string[] CredentialSlots =
        ["/id", "/credentialSubject/id", "/credentialStatus/id", "/credentialStatus/statusListIndex", "/credentialStatus/statusListCredential"];

    private SigningTemplate? Template(JsonObject example, KeyPair key, ProofOptions proofOptions, CancellationToken cancellationToken)
    {
        var slots = new List<string>(CredentialSlots);
        if (example["credentialSubject"]?["result"] is not null)
        {
            slots.AddRange(["/credentialSubject/result/0/achievedLevel", "/credentialSubject/result/0/value"]);
        }

        if (example["evidence"] is not null)
        {
            slots.Add("/evidence/0/narrative");
        }

        var template = SigningTemplate.Prepare(Cryptosuites.Default, example, slots, key.Type, proofOptions, cancellationToken);
        if (!template.IsSuccess)
        {
            logger.LogWarning("Bulk issuance: no signing template, each credential is signed in full: {Code}", template.Error.Code);
            return null;
        }

        return template.Value;
    }

    private Client NewClient(BulkImport job, Work w, RowPayload p, DateTime now, string link, Guid? jobseekerId, FieldSealer? sealer)
    {
        var client = new Client
        {
            Id = Guid.NewGuid(),
            OrganizationId = job.OrganizationId,
            SiteId = job.SiteId,
            ContactIndex = w.ClientIndex,
            Language = p.Language,
            CreatedAt = now,
            Link = link,
            JobseekerId = jobseekerId,
        };
        records.SetClient(client, p.Name, p.Contact, sealer);
        return client;
    }

    private RowPayload? Read(BulkImportRow row)
    {
        try
        {
            return fields.TryUnprotect(row.PayloadCipher ?? "", BulkImports.Where(row), out var json) ? RowPayload.FromJson(json) : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
