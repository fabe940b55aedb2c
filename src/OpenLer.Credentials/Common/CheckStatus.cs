namespace OpenLer.Credentials.Common;

/// <summary>The outcome of one verification check.</summary>
public enum CheckStatus
{
    /// <summary>The check ran and the credential satisfied it.</summary>
    Passed,

    /// <summary>The check ran and the credential did not satisfy it.</summary>
    Failed,

    /// <summary>The check does not apply (e.g. no <c>credentialStatus</c>) or was not configured.</summary>
    NotChecked,

    /// <summary>The check applies but could not run (e.g. status list unreachable). Never counts as passed.</summary>
    CouldNotCheck,
}
