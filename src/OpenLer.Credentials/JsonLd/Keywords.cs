namespace OpenLer.Credentials.JsonLd;

/// <summary>The keywords of JSON-LD 1.1 §1.7 (framing keywords are not keywords here: frame expansion is not supported).</summary>
internal static class Keywords
{
    public const string Base = "@base";
    public const string Container = "@container";
    public const string Context = "@context";
    public const string Default = "@default";
    public const string Direction = "@direction";
    public const string Graph = "@graph";
    public const string Id = "@id";
    public const string Import = "@import";
    public const string Included = "@included";
    public const string Index = "@index";
    public const string Json = "@json";
    public const string Language = "@language";
    public const string List = "@list";
    public const string Nest = "@nest";
    public const string None = "@none";
    public const string Prefix = "@prefix";
    public const string Propagate = "@propagate";
    public const string Protected = "@protected";
    public const string Reverse = "@reverse";
    public const string Set = "@set";
    public const string Type = "@type";
    public const string Value = "@value";
    public const string Version = "@version";
    public const string Vocab = "@vocab";
    public const string Any = "@any";

    public static bool IsKeyword(string value) => value.Length > 1 && value[0] == '@' && value switch
    {
        Base or Container or Context or Direction or Graph or Id or Import or Included or Index or Json or Language
            or List or Nest or None or Prefix or Propagate or Protected or Reverse or Set or Type or Value or Version
            or Vocab => true,
        _ => false,
    };

    /// <summary>The ABNF <c>"@" 1*ALPHA</c> of JSON-LD API §4.2.2 step 5: reserved for future keywords, ignored.</summary>
    public static bool HasKeywordForm(string value)
    {
        if (value.Length < 2 || value[0] != '@')
        {
            return false;
        }

        for (var i = 1; i < value.Length; i++)
        {
            if (!char.IsAsciiLetter(value[i]))
            {
                return false;
            }
        }

        return true;
    }
}
