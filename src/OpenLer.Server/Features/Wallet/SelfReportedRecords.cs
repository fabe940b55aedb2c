using OpenLer.Server.Data;
using OpenLer.Server.Features.Protection;

namespace OpenLer.Server.Features.Wallet;

/// <summary>The person's self-reported entries, encrypted in people's scope.</summary>
public sealed class SelfReportedRecords(FieldProtector fields)
{
    public const string Table = "SelfReported";

    public string Description(SelfReportedExperience entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return fields.Unprotect(entry.DescriptionCipher, FieldScope.Person(Table, "Description", entry.Id)) ?? "";
    }

    public static FieldScope Where(SelfReportedExperience entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return FieldScope.Person(Table, "Description", entry.Id);
    }

    public void SetDescription(SelfReportedExperience entry, string description)
    {
        ArgumentNullException.ThrowIfNull(entry);
        entry.DescriptionCipher = fields.Protect(description, FieldScope.Person(Table, "Description", entry.Id));
    }
}
