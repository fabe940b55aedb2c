namespace OpenLer.Credentials.Rdf;

/// <summary>
/// Enumerates every permutation of <c>0..n-1</c> in Steinhaus–Johnson–Trotter order (each step swaps two adjacent
/// elements), starting from the identity. Used by RDFC-1.0 §4.8.3 step 5.4 ("for each permutation"); the order only
/// matters for ties between equal gossip paths, where it decides which equivalent issuer is kept.
/// </summary>
internal sealed class Permutations
{
    private readonly int[] _current;
    private readonly int[] _position;
    private readonly bool[] _left;
    private bool _started;

    public Permutations(int count)
    {
        _current = new int[count];
        _position = new int[count];
        _left = new bool[count];
        for (var i = 0; i < count; i++)
        {
            _current[i] = i;
            _position[i] = i;
            _left[i] = true;
        }
    }

    public ReadOnlySpan<int> Current => _current;

    /// <summary>Moves to the next permutation; false after the last.</summary>
    public bool MoveNext()
    {
        if (!_started)
        {
            _started = true;
            return true;
        }

        // Find the largest mobile element: one whose direction points at an adjacent smaller element.
        var n = _current.Length;
        var mobile = -1;
        for (var element = n - 1; element >= 0 && mobile < 0; element--)
        {
            var at = _position[element];
            var next = _left[element] ? at - 1 : at + 1;
            if (next >= 0 && next < n && _current[next] < element)
            {
                mobile = element;
            }
        }

        if (mobile < 0)
        {
            return false;
        }

        var from = _position[mobile];
        var to = _left[mobile] ? from - 1 : from + 1;
        var other = _current[to];
        _current[to] = mobile;
        _current[from] = other;
        _position[mobile] = to;
        _position[other] = from;
        for (var element = mobile + 1; element < n; element++)
        {
            _left[element] = !_left[element];
        }

        return true;
    }
}
