namespace OpenLer.Credentials.Common;

/// <summary>
/// One check in a verification. <paramref name="Required"/> checks must pass for the credential to be verified;
/// optional checks (e.g. schema when the verifier has no schema) may be <see cref="CheckStatus.NotChecked"/>.
/// </summary>
public sealed record CheckResult(string Name, CheckStatus Status, string? Code, string? Message, bool Required)
{
    public static CheckResult Pass(string name, string? message = null) =>
        new(name, CheckStatus.Passed, null, message, true);

    public static CheckResult Fail(string name, string code, string message) =>
        new(name, CheckStatus.Failed, code, message, true);

    /// <summary>The check applies but could not run; a required check in this state makes verification fail.</summary>
    public static CheckResult Unavailable(string name, string code, string message) =>
        new(name, CheckStatus.CouldNotCheck, code, message, true);

    /// <summary>The check does not apply or is not configured; it does not count either way.</summary>
    public static CheckResult Skipped(string name, string message) =>
        new(name, CheckStatus.NotChecked, null, message, false);

    public static CheckResult FromError(string name, Common.CredentialError error) =>
        Fail(name, error.Code, error.Message);
}
