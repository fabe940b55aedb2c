using System.Text.Json;
using System.Text.Json.Nodes;

namespace OpenLer.Cli.Conformance;

/// <summary>
/// "JSON-LD Object comparison" of the test suite README: maps compared member by member, arrays compared without
/// regard to order except values of <c>@list</c>, values by strict equality (numbers by value), and language tags
/// case-insensitively.
/// </summary>
internal static class JsonLdComparison
{
    public static bool Equivalent(JsonNode? expected, JsonNode? actual, bool ordered = false, string? key = null)
    {
        switch (expected)
        {
            case null:
                return actual is null;
            case JsonObject eo:
                if (actual is not JsonObject ao || ao.Count != eo.Count)
                {
                    return false;
                }

                foreach (var (k, v) in eo)
                {
                    if (!ao.TryGetPropertyValue(k, out var av) || !Equivalent(v, av, k == "@list", k))
                    {
                        return false;
                    }
                }

                return true;
            case JsonArray ea:
                if (actual is not JsonArray aa || aa.Count != ea.Count)
                {
                    return false;
                }

                if (ordered)
                {
                    for (var i = 0; i < ea.Count; i++)
                    {
                        if (!Equivalent(ea[i], aa[i], false, key))
                        {
                            return false;
                        }
                    }

                    return true;
                }

                return MatchUnordered(ea, aa, key);
            default:
                return actual is JsonValue av2 && ValuesEqual((JsonValue)expected, av2, key);
        }
    }

    private static bool MatchUnordered(JsonArray expected, JsonArray actual, string? key)
    {
        var used = new bool[actual.Count];
        foreach (var item in expected)
        {
            var found = false;
            for (var i = 0; i < actual.Count; i++)
            {
                if (!used[i] && Equivalent(item, actual[i], false, key))
                {
                    used[i] = true;
                    found = true;
                    break;
                }
            }

            if (!found)
            {
                return false;
            }
        }

        return true;
    }

    private static bool ValuesEqual(JsonValue expected, JsonValue actual, string? key)
    {
        var kind = expected.GetValueKind();
        if (kind != actual.GetValueKind())
        {
            return false;
        }

        return kind switch
        {
            JsonValueKind.String => key == "@language"
                ? string.Equals(expected.GetValue<string>(), actual.GetValue<string>(), StringComparison.OrdinalIgnoreCase)
                : expected.GetValue<string>() == actual.GetValue<string>(),
            JsonValueKind.Number => expected.GetValue<double>() == actual.GetValue<double>(),
            _ => true,
        };
    }
}
