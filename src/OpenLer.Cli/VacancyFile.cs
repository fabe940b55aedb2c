using System.Text.Json.Nodes;
using OpenLer.Credentials.Common;
using OpenLer.Credentials.Json;
using OpenLer.Credentials.Matching;

namespace OpenLer.Cli;

/// <summary>
/// Reads <c>openler match</c>'s VACANCY.json: <c>{"skills": [{"code": "2.A.1.b", "weight": 3, "mustHave": true}, ...],
/// "requiresWorkAuthorization": false}</c>. <c>weight</c> is an integer from 1 to 3 (nice-to-have 1, important 2,
/// must-have 3); <c>mustHave</c> (default false) needs weight 3; <c>requiresWorkAuthorization</c> is optional. Codes are
/// O*NET skill or knowledge element IDs of the embedded O*NET table.
/// </summary>
internal static class VacancyFile
{
    public static Outcome<Vacancy> Read(byte[] bytes)
    {
        var parsed = StrictJson.ParseObject(bytes);
        if (!parsed.IsSuccess)
        {
            return Outcome.Error(parsed.Error.Code, "not a JSON object: " + parsed.Error.Message);
        }

        var json = parsed.Value;
        if (json["skills"] is not JsonArray array)
        {
            return Outcome.Error(MatchingErrors.NoSkills, "\"skills\" must be an array of {\"code\", \"weight\", \"mustHave\"} objects.");
        }

        var requires = false;
        if (json["requiresWorkAuthorization"] is { } node && !(node is JsonValue value && value.TryGetValue(out requires)))
        {
            return Outcome.Error(ErrorCodes.MalformedValue, "\"requiresWorkAuthorization\" must be true or false.");
        }

        var skills = new List<VacancySkill>(array.Count);
        for (var i = 0; i < array.Count; i++)
        {
            if (array[i] is not JsonObject item || item["code"] is not JsonValue codeValue || !codeValue.TryGetValue<string>(out var code))
            {
                return Outcome.Error(ErrorCodes.MalformedValue, $"skills[{i}] must be an object with a \"code\" string.");
            }

            if (item["weight"] is not JsonValue weightValue || !weightValue.TryGetValue<int>(out var weight))
            {
                return Outcome.Error(MatchingErrors.InvalidWeight, $"skills[{i}] ({VacancyFile.Shorten(code)}): \"weight\" must be the integer 1 (nice-to-have), 2 (important) or 3 (must-have).");
            }

            var mustHave = false;
            if (item["mustHave"] is { } must && !(must is JsonValue mustValue && mustValue.TryGetValue(out mustHave)))
            {
                return Outcome.Error(ErrorCodes.MalformedValue, $"skills[{i}] ({VacancyFile.Shorten(code)}): \"mustHave\" must be true or false.");
            }

            skills.Add(new VacancySkill(code, weight, mustHave));
        }

        return Vacancy.Create(skills, requires);
    }

    /// <summary>A value for a message: at most 40 characters.</summary>
    internal static string Shorten(string value) => value.Length <= 40 ? value : value[..40] + "...";
}
