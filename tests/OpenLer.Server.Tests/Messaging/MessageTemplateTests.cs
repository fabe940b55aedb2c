using System.Text.RegularExpressions;
using OpenLer.Credentials.Tests.Support;
using OpenLer.Server.Features.Messaging;
using OpenLer.Server.Infrastructure;
using OpenLer.Server.Infrastructure.Localization;

namespace OpenLer.Server.Tests.Messaging;

/// <summary>Templates: one per kind, translated into every language with the same placeholders, short SMS texts, safe values.</summary>
public sealed partial class MessageTemplateTests
{
    private static readonly string StringsFolder = Path.Combine(SharedFolder.RepositoryRoot, "src", "OpenLer.Server", "Resources", "Strings");

    private static readonly Dictionary<string, string> SampleValues = new()
    {
        [MessageValues.Code] = "482913",
        [MessageValues.Organization] = "International Rescue Committee",
        [MessageValues.Link] = "https://ler.example.org/account/sign-in",
        [MessageValues.Credential] = "Warehouse Basics",
        [MessageValues.Label] = "For Dana",
    };

    [Fact]
    public void Every_kind_has_a_template_whose_placeholders_match_its_values()
    {
        foreach (var kind in Enum.GetValues<MessageKind>())
        {
            var template = MessageTemplates.For(kind);
            Assert.Equal(template.Values.Count, template.Values.Distinct(StringComparer.Ordinal).Count());
            var emailPlaceholders = template.Paragraphs.Prepend(template.Subject).SelectMany(Placeholders).ToHashSet();
            Assert.Equal(Enumerable.Range(0, template.Values.Count), emailPlaceholders.Order());
            Assert.All(Placeholders(template.Sms), p => Assert.InRange(p, 0, template.Values.Count - 1));
        }

        Assert.Equal(Enum.GetValues<MessageKind>().Length, MessageTemplates.All.Count);
    }

    [Fact]
    public void Every_message_text_is_translated_into_every_language_with_the_same_placeholders()
    {
        string[] partialKeys = ["Demo outbox", "In demo mode, messages are shown here instead of being sent.", "Code in this message:", "By e-mail", "By text message (SMS)", "Shown here until {0}."];
        var keys = MessageTemplates.Keys.Concat(partialKeys).ToList();
        Assert.True(keys.Count > 20);
        foreach (var language in Languages.All)
        {
            var file = Path.Combine(StringsFolder, language.Code + ".tsv");
            var entries = TextCatalog.Parse(File.ReadAllText(file), file);
            foreach (var key in keys)
            {
                Assert.True(entries.TryGetValue(key, out var text) && !string.IsNullOrWhiteSpace(text), $"{language.Code}.tsv lacks '{key}'");
                Assert.Equal(Placeholders(key).Order(), Placeholders(text).Order());
                if (language.Code != "en")
                {
                    Assert.NotEqual(key, text);
                }
            }
        }
    }

    [Fact]
    public void Strings_files_stay_sorted_by_key()
    {
        foreach (var language in Languages.All)
        {
            var keys = File.ReadAllLines(Path.Combine(StringsFolder, language.Code + ".tsv")).Where(l => l.Length > 0 && !l.StartsWith('#')).Select(l => l[..l.IndexOf('\t', StringComparison.Ordinal)]).ToList();
            Assert.Equal(keys.Order(StringComparer.Ordinal), keys);
        }
    }

    [Fact]
    public void Sms_texts_are_short_and_codes_fit_one_segment_in_every_language()
    {
        var renderer = new MessageRenderer(TextCatalog.Embedded);
        foreach (var language in Languages.All)
        {
            foreach (var template in MessageTemplates.All)
            {
                var payload = new MessagePayload("+15205550142", language.Code, template.Values.ToDictionary(v => v, v => SampleValues[v]));
                var sms = renderer.Render(Guid.NewGuid(), template.Kind, MessageChannel.Sms, payload).Sms;
                Assert.Contains(SampleValues[template.Values[0]], sms, StringComparison.Ordinal);
                Assert.True(sms.Length <= 160, $"{language.Code} {template.Kind}: {sms.Length} characters");
                if (template.Kind is MessageKind.SignInCode or MessageKind.EmployerSignInCode)
                {
                    // One UCS-2 segment (70 characters; 3GPP TS 23.038) holds the code message even in Arabic.
                    Assert.True(sms.Length <= 70, $"{language.Code} {template.Kind}: {sms.Length} characters");
                }
            }
        }
    }

    [Fact]
    public void Arabic_email_is_right_to_left_with_values_isolated_and_escaped()
    {
        var renderer = new MessageRenderer(TextCatalog.Embedded);
        var payload = new MessagePayload("amina@example.org", "ar", new Dictionary<string, string>
        {
            [MessageValues.Organization] = "<b>Org</b>\u202E evil\nline",
            [MessageValues.Credential] = "Warehouse Basics",
            [MessageValues.Link] = "https://ler.example.org/wallet?a=1&b=2",
        });
        var message = renderer.Render(Guid.NewGuid(), MessageKind.CredentialIssued, MessageChannel.Email, payload);
        Assert.Equal("لديك شهادة جديدة: \u2068Warehouse Basics\u2069", message.Subject);
        Assert.Contains("أصدرت لك جهة \u2068<b>Org</b> evil line\u2069 شهادة", message.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain('\u202E', message.TextBody);
        Assert.Contains("<html lang=\"ar\" dir=\"rtl\">", message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("<bdi>&lt;b&gt;Org&lt;/b&gt; evil line</bdi>", message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://ler.example.org/wallet?a=1&amp;b=2\" dir=\"ltr\">", message.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", message.HtmlBody, StringComparison.Ordinal);

        var english = renderer.Render(Guid.NewGuid(), MessageKind.SignInCode, MessageChannel.Email, new MessagePayload("a@example.org", "xx", new() { [MessageValues.Code] = "482913" }));
        Assert.Equal("en", english.Language.Code);
        Assert.Equal("Your sign-in code is 482913. It works for 10 minutes.\n\nIf you did not ask for a code, you can ignore this message.", english.TextBody);
        Assert.Contains("<html lang=\"en\" dir=\"ltr\">", english.HtmlBody, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("amina@example.org", MessageChannel.Email)]
    [InlineData("+15205550142", MessageChannel.Sms)]
    [InlineData("+442071838750", MessageChannel.Sms)]
    [InlineData("Amina@Example.org", null)]
    [InlineData(" amina@example.org", null)]
    [InlineData("amina@localhost", null)]
    [InlineData("Amina <amina@example.org>", null)]
    [InlineData("a@b@example.org", null)]
    [InlineData("5205550142", null)]
    [InlineData("+1 520 555 0142", null)]
    [InlineData("+0123456789", null)]
    [InlineData("+1234567890123456", null)]
    [InlineData("", null)]
    public void A_contact_chooses_its_channel_or_is_refused(string contact, MessageChannel? expected) =>
        Assert.Equal(expected, MessageContacts.ChannelOf(contact));

    private static IEnumerable<int> Placeholders(string text) =>
        Placeholder().Matches(text).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).Distinct();

    [GeneratedRegex(@"\{(\d+)\}")]
    private static partial Regex Placeholder();
}
