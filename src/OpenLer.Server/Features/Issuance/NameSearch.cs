using OpenLer.Server.Infrastructure;

namespace OpenLer.Server.Features.Issuance;

/// <summary>
/// Caseload search by name. Names are encrypted per organization, so the database cannot search them: the caseload
/// page decrypts the names of the clients in the staff member's scope (<see cref="StaffScope.ClientsAsync"/>, organization
/// and site in the WHERE) and matches in memory. A blind index would only give exact matches on a whole normalized name,
/// and staff type parts of names ("amin", "yusuf"); a caseload is hundreds to a few thousand rows, which one page load
/// decrypts anyway to list them. Matching folds both sides: compatibility decomposition without combining marks, lower
/// case, every run of other characters as one space ("José" matches "jose", "Nguyễn" matches "nguyen"); every word typed
/// must start a word of the name, in any order.
/// </summary>
public static class NameSearch
{
    public const int MaxQueryLength = 100;

    /// <summary>Whether a client's name matches the typed query (<see cref="SearchText.Matches"/>).</summary>
    public static bool Matches(string name, string? query) => SearchText.Matches(name, query);
}
