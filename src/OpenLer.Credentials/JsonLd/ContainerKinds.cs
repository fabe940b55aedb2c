namespace OpenLer.Credentials.JsonLd;

/// <summary>A term's container mapping (JSON-LD API §4.2.2 step 19) as a set of flags.</summary>
[Flags]
internal enum ContainerKinds
{
    None = 0,
    Graph = 1,
    Id = 2,
    Index = 4,
    Language = 8,
    List = 16,
    Set = 32,
    Type = 64,
}
