namespace OpenLer.Credentials.Taxonomy;

/// <summary>
/// An O*NET content model element that occupations are rated on, such as "2.A.1.a" Reading Comprehension (a skill) or
/// "2.C.1.e" Customer and Personal Service (knowledge). <see cref="Description"/> is O*NET's own text from
/// <c>Content Model Reference.txt</c> (CC BY 4.0).
/// </summary>
public sealed record OnetElement(string Id, OnetDomain Domain, string Name, string Description);
