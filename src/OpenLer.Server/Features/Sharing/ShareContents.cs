using System.Text.Json.Nodes;
using OpenLer.Server.Data;
using OpenLer.Server.Features.WorkAuthorization;

namespace OpenLer.Server.Features.Sharing;

/// <summary>
/// What a share shows an employer, resolved from the holder's own data: the credentials, the work authorization with only
/// the chosen facts (<see cref="Disclosed"/>: exactly the claims the presentation discloses), and the self-reported entries.
/// </summary>
public sealed record ShareContents(List<IssuedCredential> Credentials, IssuedWorkAuthorization? WorkAuthorization, IReadOnlyList<string> Facts,
    JsonObject? Disclosed, List<(Guid Id, string Kind, string Text)> SelfReported)
{
    public override string ToString() => "ShareContents { protected }";
}
