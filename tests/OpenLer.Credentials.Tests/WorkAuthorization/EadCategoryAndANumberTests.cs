using OpenLer.Credentials.WorkAuthorization;

namespace OpenLer.Credentials.Tests.WorkAuthorization;

public sealed class EadCategoryAndANumberTests
{
    [Theory]
    [InlineData("A03", "A03")]
    [InlineData("a3", "A03")]
    [InlineData("(a)(3)", "A03")]
    [InlineData(" C 08 ", "C08")]
    [InlineData("(c)(8)", "C08")]
    [InlineData("C03C", "C03C")]
    [InlineData("(c)(3)(c)", "C03C")]
    [InlineData("(c)(3)(ii)", "C03ii")]
    [InlineData("c17III", "C17iii")]
    [InlineData("C33", "C33")]
    public void Categories_are_read_as_typed_on_the_card_or_the_form(string typed, string code) =>
        Assert.Equal(code, EadCategories.Parse(typed).Value.Code);

    [Theory]
    [InlineData("A01")]
    [InlineData("C13")]
    [InlineData("C03D")]
    [InlineData("A99")]
    [InlineData("C03i")]
    public void An_unknown_category_is_refused_not_guessed(string typed)
    {
        var parsed = EadCategories.Parse(typed);
        Assert.False(parsed.IsSuccess);
        Assert.Equal("EAD_CATEGORY_UNKNOWN", parsed.Error.Code);
    }

    [Theory]
    [InlineData("")]
    [InlineData("B03")]
    [InlineData("A")]
    [InlineData("03")]
    [InlineData("A123")]
    [InlineData("<script>")]
    public void Something_that_is_not_a_category_gets_a_format_error(string typed) =>
        Assert.Equal("EAD_CATEGORY_FORMAT", EadCategories.Parse(typed).Error!.Code);

    [Fact]
    public void The_table_has_unique_codes_that_parse_to_themselves()
    {
        Assert.Equal(EadCategories.All.Count, EadCategories.All.Select(c => c.Code).Distinct(StringComparer.Ordinal).Count());
        Assert.All(EadCategories.All, c => Assert.Equal(c.Code, EadCategories.Parse(c.Code).Value.Code));
        Assert.All(EadCategories.All, c => Assert.Equal(c.Code, EadCategories.Parse(c.FormReference).Value.Code));
    }

    [Theory]
    [InlineData("A246813579", "A246813579")]
    [InlineData("a-246-813-579", "A246813579")]
    [InlineData("A 12345678", "A012345678")]
    [InlineData("A1234567", "A001234567")]
    [InlineData("A٢٤٦٨١٣٥٧٩", "A246813579")]
    public void A_numbers_are_stored_as_A_and_nine_digits(string typed, string normalized) =>
        Assert.Equal(normalized, ANumbers.Normalize(typed).Value);

    [Theory]
    [InlineData("246813579")]
    [InlineData("A123456")]
    [InlineData("A1234567890")]
    [InlineData("A12345678X")]
    [InlineData("")]
    [InlineData("AA12345678")]
    public void Malformed_A_numbers_are_refused(string typed) =>
        Assert.Equal("A_NUMBER_FORMAT", ANumbers.Normalize(typed).Error!.Code);
}
