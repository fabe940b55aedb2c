namespace OpenLer.Credentials.Rdf;

/// <summary>
/// Incremental code point comparison of a growing gossip path with the chosen path (RDFC-1.0 §4.8.3 steps 5.4.4.3
/// and 5.4.5.5). A path only grows by appending, so once it differs from the chosen path the order is settled and
/// later checks cost nothing; while it is still a prefix, only the new bytes are compared. This keeps a permutation's
/// cost linear in its length instead of quadratic.
/// </summary>
internal struct PathComparison
{
    private int _matched;
    private int _order;

    public void Reset()
    {
        _matched = 0;
        _order = 0;
    }

    /// <summary>True when path is at least as long as chosen and greater than it in code point order.</summary>
    public bool IsWorse(ReadOnlySpan<byte> path, ReadOnlySpan<byte> chosen)
    {
        if (path.Length < chosen.Length)
        {
            Advance(path, chosen);
            return false;
        }

        Advance(path, chosen);
        return _order > 0 || (_order == 0 && path.Length > chosen.Length);
    }

    private void Advance(ReadOnlySpan<byte> path, ReadOnlySpan<byte> chosen)
    {
        if (_order != 0)
        {
            return;
        }

        var end = Math.Min(path.Length, chosen.Length);
        if (end <= _matched)
        {
            return;
        }

        var a = path[_matched..end];
        var b = chosen[_matched..end];
        var differ = a.CommonPrefixLength(b);
        if (differ < a.Length)
        {
            _order = a[differ] < b[differ] ? -1 : 1;
            _matched += differ;
        }
        else
        {
            _matched = end;
        }
    }
}
