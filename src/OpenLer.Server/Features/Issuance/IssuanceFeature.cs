using OpenLer.Server.Features.Issuance.Bulk;
using OpenLer.Server.Features.Organizations;
using OpenLer.Server.Features.Protection;
using OpenLer.Server.Infrastructure.Commands;

namespace OpenLer.Server.Features.Issuance;

/// <summary>The caseload (clients, enrollments, completions) and issuing and revoking credentials.</summary>
public static class IssuanceFeature
{
    public static IServiceCollection AddIssuance(this IServiceCollection services)
    {
        services.AddOptions<BulkIssuanceOptions>().BindConfiguration(BulkIssuanceOptions.Section);
        services.AddScoped<BulkImports>();
        services.AddScoped<BulkIssuanceRunner>();
        services.AddSingleton<BulkIssuanceSignal>();
        services.AddHostedService<BulkIssuanceWorker>();
        services.AddServerCommand<ImportCompletionsCommand>();
        services.AddProtectedColumn<BulkImportRow>(nameof(BulkImportRow.PayloadCipher), BulkImports.Where);
        services.AddScoped<CredentialIssuer>();
        services.AddScoped<Programs.ProgramTexts>();
        services.AddScoped<Caseload>();
        services.AddScoped<CaseRecords>();
        services.AddScoped<StaffScope>();
        services.AddProtectedColumn<Client>(nameof(Client.NameCipher), c => CaseRecords.Where(c, "Name"));
        services.AddProtectedColumn<Client>(nameof(Client.ContactCipher), c => CaseRecords.Where(c, "Contact"));
        services.AddProtectedColumn<Data.Enrollment>(nameof(Data.Enrollment.EvidenceCipher), CaseRecords.EvidenceWhere);
        services.AddProtectedColumn<Data.IssuedCredential>(nameof(Data.IssuedCredential.JsonCipher), CaseRecords.CredentialWhere);
        services.AddProtectedColumn<Data.IssuedCredential>(nameof(Data.IssuedCredential.RevocationReasonCipher), CaseRecords.RevocationReasonWhere);
        services.AddScoped<Infrastructure.IStartupStep, LegacyCaseUpgrade>();
        services.AddScoped<Infrastructure.IStartupStep, ClientPhoneRenormalization>();

        // A revocation changes how a credential verifies on every instance (caches key on the organization's stamp).
        services.AddOrganizationStamp<Data.IssuedCredential>(c => c.OrganizationId, properties: nameof(Data.IssuedCredential.RevokedAt));
        return services;
    }
}
