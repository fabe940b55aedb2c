using OpenLer.Credentials.OpenBadges;

namespace OpenLer.Server.Features.Organizations;

/// <summary>
/// How practice (staff training) work is named, for people and machines (Features/Practice): the practice organization is
/// "Practice - {organization}", its credentials and their achievements "Practice: {program}", and every achievement it
/// issues carries the <see cref="PracticeMarker.Tag"/> tag (OB 3.0 Achievement.tag) that every verifier of the library reads.
/// </summary>
public static class PracticeNames
{
    /// <summary>The word that starts every practice name (not translated inside credentials: they are signed data).</summary>
    public const string Word = "Practice";

    /// <summary>"Practice - {name}": the practice organization's name (the issuer name of its credentials).</summary>
    public static string OrganizationName(string realName) => $"{Word} - {realName}";

    /// <summary>"Practice: {name}": the name of a practice credential and of its achievement.</summary>
    public static string CredentialName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.StartsWith(Word + ":", StringComparison.Ordinal) ? name : $"{Word}: {name}";
    }
}
