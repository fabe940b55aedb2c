using OpenLer.Server.Infrastructure.Localization;

namespace OpenLer.Server.Features.Issuance.Bulk;

/// <summary>The words staff read for a bulk issuance's state.</summary>
public static class StateText
{
    public static string Of(string state) => state switch
    {
        BulkImportStates.Preview => L.Key("Checked, not issued yet"),
        BulkImportStates.Queued => L.Key("Waiting to start"),
        BulkImportStates.Running => L.Key("Issuing"),
        _ => L.Key("Finished"),
    };
}
