namespace OpenLer.Credentials.Rdf;

/// <summary>
/// RDFC-1.0 §4.3 Blank Node Identifier Issuer State and §4.5 Issue Identifier: issues <c>prefix + counter</c> to blank
/// nodes (here: their index in the dataset) in order, remembering the issued identifiers map in issue order.
/// Only the counter value is stored; the prefix is the caller's ("c14n" canonical, "b" temporary).
/// </summary>
internal sealed class IdentifierIssuer
{
    private readonly Dictionary<int, int> _issued;
    private readonly List<int> _order;

    public IdentifierIssuer()
    {
        _issued = [];
        _order = [];
    }

    private IdentifierIssuer(IdentifierIssuer other)
    {
        _issued = new Dictionary<int, int>(other._issued);
        _order = new List<int>(other._order);
    }

    /// <summary>Blank nodes in the order identifiers were issued to them (the ordered issued identifiers map's keys).</summary>
    public IReadOnlyList<int> Order => _order;

    public int Count => _order.Count;

    public bool TryGet(int blank, out int number) => _issued.TryGetValue(blank, out number);

    /// <summary>§4.5: returns the existing identifier number or issues the next one.</summary>
    public int Issue(int blank)
    {
        if (_issued.TryGetValue(blank, out var existing))
        {
            return existing;
        }

        var number = _order.Count;
        _issued.Add(blank, number);
        _order.Add(blank);
        return number;
    }

    public IdentifierIssuer Clone() => new(this);
}
