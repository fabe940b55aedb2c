using OpenLer.Server.Features.Protection;

namespace OpenLer.Server.Features.Employers;

/// <summary>
/// The encrypted fields of employer users (e-mail, name) and of applications (the name and contact the applicant chose to
/// show, the skills they report), all in people's scope and bound to their row; e-mail addresses are found by a keyed blind index.
/// </summary>
public sealed class EmployerRecords(FieldProtector fields)
{
    public const string EmailPurpose = "employer-email";

    public string EmailIndex(string normalizedEmail) => fields.BlindIndex(FieldScope.People, EmailPurpose, normalizedEmail);

    public string Name(EmployerUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return fields.Unprotect(user.NameCipher, FieldScope.Person(EmployerUser.Table, "Name", user.Id)) ?? "";
    }

    public string Email(EmployerUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return fields.Unprotect(user.EmailCipher, FieldScope.Person(EmployerUser.Table, "Email", user.Id)) ?? "";
    }

    public void SetUser(EmployerUser user, string name, string normalizedEmail)
    {
        ArgumentNullException.ThrowIfNull(user);
        user.EmailIndex = EmailIndex(normalizedEmail);
        user.EmailCipher = fields.Protect(normalizedEmail, FieldScope.Person(EmployerUser.Table, "Email", user.Id));
        user.NameCipher = fields.Protect(name, FieldScope.Person(EmployerUser.Table, "Name", user.Id));
    }

    public string DisplayName(JobApplication application)
    {
        ArgumentNullException.ThrowIfNull(application);
        return fields.Unprotect(application.DisplayNameCipher, Where(application, "DisplayName")) ?? "";
    }

    public string? Contact(JobApplication application)
    {
        ArgumentNullException.ThrowIfNull(application);
        return fields.Unprotect(application.ContactCipher, Where(application, "Contact"));
    }

    /// <summary>The O*NET element IDs the applicant reports without a credential.</summary>
    public IReadOnlyList<string> SelfReported(JobApplication application)
    {
        ArgumentNullException.ThrowIfNull(application);
        var text = fields.Unprotect(application.SelfReportedCipher, Where(application, "SelfReported")) ?? "";
        return text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    public void SetApplicant(JobApplication application, string displayName, string? contact, IEnumerable<string> selfReported)
    {
        ArgumentNullException.ThrowIfNull(application);
        ArgumentNullException.ThrowIfNull(selfReported);
        application.DisplayNameCipher = fields.Protect(displayName, Where(application, "DisplayName"));
        application.ContactCipher = fields.Protect(contact, Where(application, "Contact"));
        application.SelfReportedCipher = fields.Protect(string.Join(',', selfReported), Where(application, "SelfReported"));
    }

    public static FieldScope Where(JobApplication application, string column) => FieldScope.Person(JobApplication.Table, column, application.Id);
}
