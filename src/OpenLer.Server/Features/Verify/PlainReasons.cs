using OpenLer.Credentials.Common;

namespace OpenLer.Server.Features.Verify;

/// <summary>Plain-language, translatable explanations of why a credential is not genuine (the library's message stays as detail).</summary>
public static class PlainReasons
{
    /// <summary>The resource key explaining a failed or unchecked required check.</summary>
    public static string For(CheckResult? problem) => problem switch
    {
        null => "We could not check this credential.",
        { Status: CheckStatus.CouldNotCheck } => "We could not check this part, so do not rely on the credential.",
        { Name: CheckNames.Format } => "This is not a credential we can read.",
        { Name: CheckNames.Proof or CheckNames.VerificationMethod } => "The signature does not match: the credential was changed or was not made by its issuer.",
        { Name: CheckNames.ValidityPeriod } => "The credential has expired or is not valid yet.",
        { Name: CheckNames.Status } => "The issuer has revoked this credential.",
        { Name: CheckNames.IssuerTrust } => "We do not know this issuer: it is not on this service's trust list.",
        { Name: CheckNames.HolderBinding } => "The credential was not presented for this link: it may have been copied from somewhere else.",
        { Name: CheckNames.Disclosures } => "A fact of the credential was changed or added: it is not what the issuer signed.",
        _ => "One of the checks failed.",
    };

    /// <summary>
    /// The resource key explaining a data-model note (a check that is not required and did not pass), shown beside a genuine
    /// result: the credential is still genuine (docs/adr/genuine-vs-notes.md).
    /// </summary>
    public static string ForNote(CheckResult note) => note switch
    {
        { Code: "MISSING_SUBJECT_IDENTIFIER_ERROR" } => "This badge does not say who it was given to. Ask the person to show that it is theirs.",
        { Name: CheckNames.OpenBadges } => "This badge does not follow every rule of the Open Badges format. Its signature and issuer were checked.",
        { Name: CheckNames.Schema } => "This credential does not match the format its issuer published. Its signature and issuer were checked.",
        { Name: CheckNames.Endorsements } => "An endorsement inside this credential could not be confirmed. The credential itself is genuine.",
        { Status: CheckStatus.CouldNotCheck } => "A detail of this credential could not be checked. The credential itself is genuine.",
        _ => "A detail of this credential does not follow the rules. The credential itself is genuine.",
    };
}
