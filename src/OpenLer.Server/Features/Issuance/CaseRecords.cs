using OpenLer.Server.Data;
using OpenLer.Server.Features.Protection;

namespace OpenLer.Server.Features.Issuance;

/// <summary>
/// Reads and writes the encrypted fields of an organization's records (client name and contact, completion evidence,
/// issued credentials and why they were revoked), each bound to its organization's key and its row.
/// </summary>
public sealed class CaseRecords(FieldProtector fields)
{
    public const string CredentialsTable = "Credentials";
    public const string EnrollmentsTable = "Enrollments";

    public string ClientName(Client client)
    {
        ArgumentNullException.ThrowIfNull(client);
        return fields.Unprotect(client.NameCipher, Where(client, "Name")) ?? "";
    }

    public string? ClientContact(Client client)
    {
        ArgumentNullException.ThrowIfNull(client);
        return fields.Unprotect(client.ContactCipher, Where(client, "Contact"));
    }

    /// <summary>Encrypts a client's name and contact (with <paramref name="sealer"/> when given: bulk work on several threads).</summary>
    public void SetClient(Client client, string name, string contact, FieldSealer? sealer = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        client.NameCipher = Protect(name, Where(client, "Name"), sealer);
        client.ContactCipher = Protect(contact, Where(client, "Contact"), sealer);
    }

    public string ClientContactIndex(Guid organizationId, string normalizedContact) =>
        fields.BlindIndex(organizationId, "client-contact", normalizedContact);

    public string? Evidence(Enrollment enrollment)
    {
        ArgumentNullException.ThrowIfNull(enrollment);
        return fields.Unprotect(enrollment.EvidenceCipher, EvidenceWhere(enrollment));
    }

    public void SetEvidence(Enrollment enrollment, string? evidence, FieldSealer? sealer = null)
    {
        ArgumentNullException.ThrowIfNull(enrollment);
        enrollment.EvidenceCipher = Protect(evidence, EvidenceWhere(enrollment), sealer);
    }

    public string CredentialJson(IssuedCredential credential)
    {
        ArgumentNullException.ThrowIfNull(credential);
        return fields.Unprotect(credential.JsonCipher, CredentialWhere(credential)) ?? "";
    }

    public void SetCredentialJson(IssuedCredential credential, string json, FieldSealer? sealer = null)
    {
        ArgumentNullException.ThrowIfNull(credential);
        credential.JsonCipher = Protect(json, CredentialWhere(credential), sealer);
    }

    public string? RevocationReason(IssuedCredential credential)
    {
        ArgumentNullException.ThrowIfNull(credential);
        return fields.Unprotect(credential.RevocationReasonCipher, RevocationReasonWhere(credential));
    }

    public void SetRevocationReason(IssuedCredential credential, string? reason)
    {
        ArgumentNullException.ThrowIfNull(credential);
        credential.RevocationReasonCipher = fields.Protect(reason, RevocationReasonWhere(credential));
    }

    public static FieldScope RevocationReasonWhere(IssuedCredential credential)
    {
        ArgumentNullException.ThrowIfNull(credential);
        return new(credential.OrganizationId, CredentialsTable, "RevocationReason", credential.Id);
    }

    public static FieldScope CredentialWhere(IssuedCredential credential)
    {
        ArgumentNullException.ThrowIfNull(credential);
        return new(credential.OrganizationId, CredentialsTable, "Json", credential.Id);
    }

    public static FieldScope EvidenceWhere(Enrollment enrollment)
    {
        ArgumentNullException.ThrowIfNull(enrollment);
        return new(enrollment.OrganizationId, EnrollmentsTable, "Evidence", enrollment.Id);
    }

    public static FieldScope Where(Client client, string column)
    {
        ArgumentNullException.ThrowIfNull(client);
        return new(client.OrganizationId, Client.Table, column, client.Id);
    }

    private string? Protect(string? value, FieldScope where, FieldSealer? sealer) => sealer is null ? fields.Protect(value, where) : sealer.Protect(value, where);
}
