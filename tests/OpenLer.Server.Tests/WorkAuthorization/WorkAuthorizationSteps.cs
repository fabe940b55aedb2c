using System.Globalization;
using AngleSharp.Html.Dom;
using OpenLer.Server.Tests.Support;

namespace OpenLer.Server.Tests.WorkAuthorization;

/// <summary>Steps a caseworker and a person take through the work-authorization pages, shared by the tests.</summary>
public static class WorkAuthorizationSteps
{
    public const string ANumber = "A246813579";
    public const string DocumentNumber = "SRC9876543210";

    public static string Today => DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string InAYear => DateTime.UtcNow.AddYears(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The work-authorization page of a client whose page is <paramref name="clientPath"/> (/issuance/clients/{id}).</summary>
    public static string PageOf(string clientPath) => "/work-authorization/clients/" + clientPath[(clientPath.LastIndexOf('/') + 1)..];

    /// <summary>An EAD (category A05, asylee) valid for a year, with a document number and an A-number, seen today.</summary>
    public static Dictionary<string, string> Ead(string? validUntil = null, string aNumber = ANumber, string category = "A05") => new()
    {
        ["statusCategory"] = "asylee",
        ["documentType"] = "I-766",
        ["eadCategory"] = category,
        ["documentNumber"] = DocumentNumber,
        ["aNumber"] = aNumber,
        ["validUntil"] = validUntil ?? InAYear,
        ["seenOn"] = Today,
        ["showsAuthorization"] = "true",
    };

    /// <summary>Records the person's consent on the client's work-authorization page; returns the page.</summary>
    public static async Task<IHtmlDocument> ConsentAsync(WebSession staff, string clientPath)
    {
        var page = await staff.GetAsync(PageOf(clientPath));
        Assert.Null(page.QuerySelector("#record-form"));
        page = await staff.SubmitAsync(page, "#consent-form", new Dictionary<string, string> { ["agreed"] = "true" });
        Assert.NotNull(page.QuerySelector("#consent-recorded"));
        return page;
    }

    /// <summary>Consent, an EAD, a preview and issue: the person's wallet then holds the work-authorization credential.</summary>
    public static async Task<IHtmlDocument> RecordAndIssueAsync(WebSession staff, string clientPath, Dictionary<string, string>? document = null)
    {
        var page = await ConsentAsync(staff, clientPath);
        page = await staff.SubmitAsync(page, "#record-form", document ?? Ead());
        Assert.True(page.QuerySelector("#hidden-facts") is not null, page.QuerySelector("main")!.TextContent);
        return await IssueAsync(staff, page);
    }

    public static async Task<IHtmlDocument> IssueAsync(WebSession staff, IHtmlDocument page)
    {
        page = await staff.SubmitAsync(page, "form[action*=Preview]", new Dictionary<string, string>());
        Assert.NotNull(page.QuerySelector("#preview"));
        page = await staff.SubmitAsync(page, "#issue-form", new Dictionary<string, string>());
        Assert.NotNull(page.QuerySelector(".credential-row .verified"));
        return page;
    }

    /// <summary>The id of the work-authorization card in the person's wallet.</summary>
    public static Guid CardId(IHtmlDocument wallet)
    {
        var href = wallet.QuerySelector(".work-authorization a")!.GetAttribute("href")!;
        return Guid.Parse(href[(href.LastIndexOf('/') + 1)..], CultureInfo.InvariantCulture);
    }

    /// <summary>The facts an employer's page lists for the work authorization: label and value.</summary>
    public static List<(string Label, string Value)> EmployerFacts(IHtmlDocument page) =>
        [.. page.QuerySelectorAll(".work-authorization dl.facts dt").Select(dt => (dt.TextContent.Trim(), dt.NextElementSibling!.TextContent.Trim()))];
}
