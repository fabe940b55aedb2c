namespace OpenLer.Credentials.Taxonomy;

/// <summary>
/// Finds occupations of an <see cref="OnetDatabase"/> by title and alternate title, ignoring case and diacritics
/// ("cafe" finds "Café"), with an inverted index of title words (built once, about 60,000 titles for O*NET 29.2).
/// Every word of the query must begin a word of the title ("nurs aide" finds "Nursing Aide"). Ranking, best first:
/// the title equals the query; the title starts with the query; every query word is a whole word of the title; the
/// rest; within each, an occupation's own title before an alternate title, then fewer words, then shorter titles, then
/// the code. Each occupation appears once, with its best-matching title. A query that looks like an O*NET-SOC code or
/// the start of one ("35-20") finds the occupations whose code starts with it. Thread-safe.
/// </summary>
public sealed class OccupationSearch
{
    /// <summary>Results returned when no limit is given.</summary>
    public const int DefaultLimit = 20;

    private readonly OnetDatabase _database;
    private readonly Entry[] _entries;
    private readonly string[] _words;
    private readonly int[][] _postings;

    internal OccupationSearch(OnetDatabase database)
    {
        _database = database;
        var entries = new List<Entry>();
        var postings = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var o = 0; o < database.Occupations.Count; o++)
        {
            var occupation = database.Occupations[o];
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (title, alternate) in occupation.AlternateTitles.Select(t => (t, true)).Prepend((occupation.Title, false)))
            {
                var folded = TextFolding.Fold(title);
                if (folded.Length == 0 || !seen.Add(folded))
                {
                    continue;
                }

                var words = folded.Split(' ');
                var id = entries.Count;
                entries.Add(new Entry(o, title, folded, alternate, words.Length));
                foreach (var word in words.Distinct(StringComparer.Ordinal))
                {
                    if (!postings.TryGetValue(word, out var list))
                    {
                        postings[word] = list = [];
                    }

                    list.Add(id);
                }
            }
        }

        _entries = [.. entries];
        _words = [.. postings.Keys.Order(StringComparer.Ordinal)];
        _postings = [.. _words.Select(w => postings[w].ToArray())];
    }

    /// <summary>How many titles (own and alternate, after folding duplicates away) the index holds.</summary>
    public int TitleCount => _entries.Length;

    /// <summary>
    /// The occupations matching <paramref name="query"/>, best first, at most <paramref name="limit"/>. An empty or
    /// blank query (or one of punctuation only) finds nothing.
    /// </summary>
    public IReadOnlyList<OccupationMatch> Find(string? query, int limit = DefaultLimit)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        if (string.IsNullOrWhiteSpace(query))
        {
            return [];
        }

        var trimmed = query.Trim();
        if (trimmed.Length >= 2 && char.IsAsciiDigit(trimmed[0]) && char.IsAsciiDigit(trimmed[1]) && trimmed.All(c => char.IsAsciiDigit(c) || c is '-' or '.'))
        {
            return [.. _database.Occupations.Where(o => o.Code.StartsWith(trimmed, StringComparison.Ordinal)).Take(limit)
                .Select(o => new OccupationMatch(o, o.Title, false))];
        }

        var folded = TextFolding.Fold(query);
        if (folded.Length == 0)
        {
            return [];
        }

        var queryWords = folded.Split(' ').Distinct(StringComparer.Ordinal).ToArray();
        var counts = new Dictionary<int, int>();
        for (var q = 0; q < queryWords.Length; q++)
        {
            var (from, to) = PrefixRange(queryWords[q]);
            for (var w = from; w < to; w++)
            {
                foreach (var entry in _postings[w])
                {
                    // An entry counts once per query word, and only if it matched every earlier word.
                    if (q == 0)
                    {
                        counts.TryAdd(entry, 1);
                    }
                    else if (counts.TryGetValue(entry, out var count) && count == q)
                    {
                        counts[entry] = q + 1;
                    }
                }
            }
        }

        var best = new Dictionary<int, (int Rank, Entry Entry)>();
        foreach (var (id, count) in counts)
        {
            if (count != queryWords.Length)
            {
                continue;
            }

            var entry = _entries[id];
            var rank = Tier(entry, folded, queryWords) * 2 + (entry.IsAlternate ? 1 : 0);
            if (!best.TryGetValue(entry.Occupation, out var current) || Compare((rank, entry), current) < 0)
            {
                best[entry.Occupation] = (rank, entry);
            }
        }

        var ranked = best.Values.ToList();
        ranked.Sort(Compare);
        return [.. ranked.Take(limit).Select(r => new OccupationMatch(_database.Occupations[r.Entry.Occupation], r.Entry.Title, r.Entry.IsAlternate))];
    }

    private int Compare((int Rank, Entry Entry) a, (int Rank, Entry Entry) b)
    {
        var c = a.Rank.CompareTo(b.Rank);
        if (c == 0)
        {
            c = a.Entry.WordCount.CompareTo(b.Entry.WordCount);
        }

        if (c == 0)
        {
            c = a.Entry.Folded.Length.CompareTo(b.Entry.Folded.Length);
        }

        if (c == 0)
        {
            c = string.CompareOrdinal(_database.Occupations[a.Entry.Occupation].Code, _database.Occupations[b.Entry.Occupation].Code);
        }

        return c == 0 ? string.CompareOrdinal(a.Entry.Folded, b.Entry.Folded) : c;
    }

    /// <summary>0: the title is the query; 1: it starts with the query; 2: every query word is a whole word; 3: prefixes only.</summary>
    private static int Tier(Entry entry, string folded, string[] queryWords)
    {
        if (entry.Folded == folded)
        {
            return 0;
        }

        if (entry.Folded.StartsWith(folded + " ", StringComparison.Ordinal))
        {
            return 1;
        }

        var words = entry.Folded.Split(' ');
        return queryWords.All(q => words.Contains(q, StringComparer.Ordinal)) ? 2 : 3;
    }

    /// <summary>The index range of the words that start with <paramref name="prefix"/> in the sorted word list.</summary>
    private (int From, int To) PrefixRange(string prefix)
    {
        var from = LowerBound(prefix);
        var to = from;
        while (to < _words.Length && _words[to].StartsWith(prefix, StringComparison.Ordinal))
        {
            to++;
        }

        return (from, to);
    }

    private int LowerBound(string value)
    {
        int lo = 0, hi = _words.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (string.CompareOrdinal(_words[mid], value) < 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    private sealed record Entry(int Occupation, string Title, string Folded, bool IsAlternate, int WordCount);
}
