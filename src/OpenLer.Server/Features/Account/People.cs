using Microsoft.EntityFrameworkCore;
using OpenLer.Server.Data;
using OpenLer.Server.Features.Protection;

namespace OpenLer.Server.Features.Account;

/// <summary>People's own accounts: found by a blind index of their contact, with name and contact encrypted (people's scope).</summary>
public sealed class People(AppDbContext db, FieldProtector fields, TimeProvider time)
{
    public const string ContactPurpose = "contact";

    public string ContactIndex(Contact contact)
    {
        ArgumentNullException.ThrowIfNull(contact);
        return fields.BlindIndex(FieldScope.People, ContactPurpose, contact.Value);
    }

    public Task<Jobseeker?> FindAsync(Contact contact, CancellationToken cancellationToken = default)
    {
        var index = ContactIndex(contact);
        return db.Jobseekers.FirstOrDefaultAsync(j => j.ContactIndex == index, cancellationToken);
    }

    /// <summary>A new account (added to the context; the caller saves).</summary>
    public Jobseeker Create(Contact contact, string name, string language, Guid? createdByOrganization)
    {
        var jobseeker = New(contact, name, language, createdByOrganization, null);
        db.Jobseekers.Add(jobseeker);
        return jobseeker;
    }

    /// <summary>
    /// A new account, not added to the context (bulk issuance writes many at once); its name and contact encrypted with
    /// <paramref name="sealer"/> when given (it must hold people's key).
    /// </summary>
    public Jobseeker New(Contact contact, string name, string language, Guid? createdByOrganization, FieldSealer? sealer)
    {
        ArgumentNullException.ThrowIfNull(contact);
        var jobseeker = new Jobseeker
        {
            Id = Guid.NewGuid(),
            ContactIndex = ContactIndex(contact),
            ContactKind = contact.Kind,
            Language = language,
            CreatedByOrganizationId = createdByOrganization,
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        jobseeker.ContactCipher = sealer is null ? fields.Protect(contact.Value, Where(jobseeker.Id, "Contact")) : sealer.Protect(contact.Value, Where(jobseeker.Id, "Contact"));
        jobseeker.NameCipher = sealer is null ? fields.Protect(name, Where(jobseeker.Id, "Name")) : sealer.Protect(name, Where(jobseeker.Id, "Name"));
        return jobseeker;
    }

    public string Name(Jobseeker jobseeker)
    {
        ArgumentNullException.ThrowIfNull(jobseeker);
        return fields.Unprotect(jobseeker.NameCipher, Where(jobseeker.Id, "Name")) ?? "";
    }

    /// <summary>The name of the person <paramref name="jobseekerId"/> from its stored cipher ("" when none).</summary>
    public string Name(Guid jobseekerId, string? nameCipher) => fields.Unprotect(nameCipher, Where(jobseekerId, "Name")) ?? "";

    public void SetName(Jobseeker jobseeker, string name)
    {
        ArgumentNullException.ThrowIfNull(jobseeker);
        jobseeker.NameCipher = fields.Protect(name, Where(jobseeker.Id, "Name"));
    }

    public Contact? ContactOf(Jobseeker jobseeker)
    {
        ArgumentNullException.ThrowIfNull(jobseeker);
        var value = fields.Unprotect(jobseeker.ContactCipher, Where(jobseeker.Id, "Contact"));
        return value is null ? null : new Contact(value, jobseeker.ContactKind);
    }

    /// <summary>A keyed hash of a one-time code (HMAC with people's index key), so a database copy cannot test codes offline.</summary>
    public string CodeHash(string purpose, string code) => fields.BlindIndex(FieldScope.People, purpose, code ?? "");

    public static FieldScope Where(Guid jobseekerId, string column) => FieldScope.Person(Jobseeker.Table, column, jobseekerId);
}
