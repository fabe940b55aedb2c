using System.Text.Json;

namespace OpenLer.Server.Features.Issuance.Bulk;

/// <summary>What a pending row carries to the job, encrypted for the organization (<see cref="BulkImportRow.PayloadCipher"/>).</summary>
public sealed record RowPayload(string Contact, string Name, Guid ProgramId, DateOnly CompletedOn, string? Evidence, string? EnglishLevel, string Language)
{
    public string ToJson() => JsonSerializer.Serialize(this);

    public static RowPayload? FromJson(string? json) => json is null ? null : JsonSerializer.Deserialize<RowPayload>(json);
}
