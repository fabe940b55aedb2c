using OpenLer.Credentials.Matching;
using OpenLer.Server.Infrastructure.Localization;

namespace OpenLer.Server.Features.Employers;

/// <summary>The words pages show for states, categories, evidence and outcomes (catalog keys; pages translate them).</summary>
public static class VacancyLabels
{
    public static string State(string state) => state switch
    {
        VacancyStates.Open => L.Key("Open: taking applications"),
        VacancyStates.Closed => L.Key("Closed"),
        _ => L.Key("Draft: not published"),
    };

    public static string Category(int category) => category switch
    {
        3 => L.Key("Must-have"),
        2 => L.Key("Important"),
        _ => L.Key("Nice to have"),
    };

    public static string Evidence(EvidenceKind evidence) => evidence switch
    {
        EvidenceKind.Verified => L.Key("Proven"),
        EvidenceKind.SelfReported => L.Key("Self-reported"),
        _ => L.Key("Missing"),
    };

    public static string Outcome(string outcome) => outcome switch
    {
        ApplicationOutcomes.Seen => L.Key("Seen"),
        ApplicationOutcomes.Interviewed => L.Key("Interviewed"),
        ApplicationOutcomes.Hired => L.Key("Hired"),
        ApplicationOutcomes.NotSelected => L.Key("Not selected"),
        _ => L.Key("Not looked at yet"),
    };

    public static string Stage(string stage) => stage switch
    {
        ApplicationStages.Suggested => L.Key("Suggested: waiting for the person"),
        ApplicationStages.Declined => L.Key("The person said no"),
        ApplicationStages.Withdrawn => L.Key("Withdrawn"),
        _ => L.Key("Applied"),
    };
}
