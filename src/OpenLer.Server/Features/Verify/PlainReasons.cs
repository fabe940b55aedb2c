using OpenLer.Credentials.Common;
using OpenLer.Server.Infrastructure.Localization;

namespace OpenLer.Server.Features.Verify;

/// <summary>
/// Plain-language, translatable sentences for the library's checks (resource keys, from <see cref="CheckNames"/> and
/// <see cref="ErrorCodes"/>); the library's own message and code stay as technical detail.
/// </summary>
public static class PlainReasons
{
    /// <summary>The resource key explaining a failed or unchecked required check (the reason verification failed).</summary>
    public static string For(CheckResult? problem) => problem switch
    {
        null => L.Key("We could not check this credential."),
        { Code: ErrorCodes.DocumentTooLarge or ErrorCodes.DocumentTooDeep or ErrorCodes.DocumentTooManyNodes or ErrorCodes.ArrayTooLong
            or ErrorCodes.JsonLdLimitExceeded or ErrorCodes.RdfDatasetTooLarge or ErrorCodes.RdfcWorkLimitExceeded } =>
            L.Key("This file is too large or too complex for us to check."),
        { Name: CheckNames.Format } => L.Key("This is not a credential we can read."),
        { Name: CheckNames.Practice } => L.Key("It is a practice credential, made for staff training: not a real credential."),
        { Code: ErrorCodes.UnknownContext or ErrorCodes.RemoteContextRefused or ErrorCodes.InlineContext } =>
            L.Key("The credential uses a vocabulary this service does not know, so we could not check its signature."),
        { Code: ErrorCodes.UnsupportedCryptosuite or ErrorCodes.UnsupportedAlgorithm or ErrorCodes.UnsupportedDidMethod } =>
            L.Key("The credential is signed in a way this service cannot check."),
        { Code: ErrorCodes.DidResolution or ErrorCodes.RemoteDocumentFetch or ErrorCodes.ForbiddenNetworkAddress or ErrorCodes.VerificationMethodUnconfirmed } =>
            L.Key("We could not reach the issuer to confirm its key."),
        { Code: ErrorCodes.StatusRetrieval or ErrorCodes.UnsupportedStatus or ErrorCodes.StatusListLength or ErrorCodes.StatusRange
            or ErrorCodes.StatusVerification or ErrorCodes.StatusListIssuerMismatch } =>
            L.Key("We could not read the issuer's list of revoked credentials."),
        { Code: ErrorCodes.CredentialSuspended } => L.Key("The issuer has suspended this credential."),
        { Code: ErrorCodes.CredentialNotYetValid } => L.Key("The credential is not valid yet."),
        { Code: ErrorCodes.CredentialExpired } => L.Key("The credential has expired."),
        { Status: CheckStatus.CouldNotCheck } => L.Key("We could not check this part, so do not rely on the credential."),
        { Name: CheckNames.Proof or CheckNames.VerificationMethod } =>
            L.Key("The signature does not match: the credential was changed or was not made by its issuer."),
        { Name: CheckNames.ValidityPeriod } => L.Key("The credential has expired or is not valid yet."),
        { Name: CheckNames.Status } => L.Key("The issuer has revoked this credential."),
        { Name: CheckNames.IssuerTrust } => L.Key("We do not know this issuer: it is not on this service's trust list."),
        { Name: CheckNames.HolderBinding } =>
            L.Key("The credential was not presented for this link: it may have been copied from somewhere else."),
        { Name: CheckNames.Disclosures } => L.Key("A fact of the credential was changed or added: it is not what the issuer signed."),
        { Name: CheckNames.NestedCredentials } => L.Key("A credential inside this one is not genuine."),
        _ => L.Key("One of the checks failed."),
    };

    /// <summary>
    /// The resource key explaining a data-model note (a check that is not required and did not pass), shown beside a genuine
    /// result: the credential is still genuine (docs/adr/genuine-vs-notes.md).
    /// </summary>
    public static string ForNote(CheckResult note) => note switch
    {
        { Code: "MISSING_SUBJECT_IDENTIFIER_ERROR" } => L.Key("This badge does not say who it was given to. Ask the person to show that it is theirs."),
        { Name: CheckNames.OpenBadges } => L.Key("This badge does not follow every rule of the Open Badges format. Its signature and issuer were checked."),
        { Name: CheckNames.Schema } => L.Key("This credential does not match the format its issuer published. Its signature and issuer were checked."),
        { Name: CheckNames.Endorsements } => L.Key("An endorsement inside this credential could not be confirmed. The credential itself is genuine."),
        { Status: CheckStatus.CouldNotCheck } => L.Key("A detail of this credential could not be checked. The credential itself is genuine."),
        _ => L.Key("A detail of this credential does not follow the rules. The credential itself is genuine."),
    };

    /// <summary>The resource key of one line of "Every check": what this check found, in plain words, whatever its outcome.</summary>
    public static string ForCheck(CheckResult check)
    {
        ArgumentNullException.ThrowIfNull(check);
        return check.Status switch
        {
            CheckStatus.Passed => Passed(check.Name),
            CheckStatus.NotChecked => NotChecked(check.Name),
            _ when !check.Required => ForNote(check),
            _ => For(check),
        };
    }

    private static string Passed(string name) => name switch
    {
        CheckNames.Format => L.Key("It is a credential we can read."),
        CheckNames.Proof => L.Key("The signature matches: nothing was changed since it was signed."),
        CheckNames.VerificationMethod => L.Key("The key that signed it belongs to the issuer."),
        CheckNames.ValidityPeriod => L.Key("Today is within its dates."),
        CheckNames.OpenBadges => L.Key("It follows the rules of the Open Badges format."),
        CheckNames.NestedCredentials => L.Key("Every credential inside it is genuine."),
        CheckNames.Endorsements => L.Key("Every endorsement inside it was confirmed."),
        CheckNames.Status => L.Key("The issuer has not revoked or suspended it."),
        CheckNames.Schema => L.Key("It matches the format its issuer published."),
        CheckNames.IssuerTrust => L.Key("The issuer is on this service's list of trusted issuers."),
        CheckNames.HolderBinding => L.Key("It was presented by the person it was issued to."),
        CheckNames.Disclosures => L.Key("Every fact shown is one the issuer signed."),
        _ => L.Key("This check passed."),
    };

    private static string NotChecked(string name) => name switch
    {
        CheckNames.ValidityPeriod => L.Key("It has no dates to check."),
        CheckNames.OpenBadges => L.Key("It is not an Open Badge, so these rules do not apply."),
        CheckNames.NestedCredentials => L.Key("It holds no other credentials."),
        CheckNames.Endorsements => L.Key("It has no endorsements."),
        CheckNames.Status => L.Key("The issuer does not publish a revocation list for it."),
        CheckNames.Schema => L.Key("Its issuer did not publish a format to compare it with. This is usual."),
        CheckNames.IssuerTrust => L.Key("This service has no list of trusted issuers."),
        CheckNames.HolderBinding => L.Key("It was not presented by its holder, so this does not apply."),
        CheckNames.Disclosures => L.Key("It has no hidden facts."),
        _ => L.Key("This check does not apply to this credential."),
    };
}
