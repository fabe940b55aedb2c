using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json.Nodes;
using System.Text.Unicode;
using Microsoft.EntityFrameworkCore;
using OpenLer.Credentials.Matching;
using OpenLer.Server.Data;
using OpenLer.Server.Features.Wallet;
using OpenLer.Server.Infrastructure;
using OpenLer.Server.Infrastructure.Localization;
using OpenLer.Server.Infrastructure.Printing;

namespace OpenLer.Server.Features.Employers;

/// <summary>
/// A one-page printable resume of what an applicant shared, in one language (the applicant's, or English for the
/// employer): the name they chose, the job, skills proven by a credential that verifies now (with the credential and its
/// issuer), skills they report themselves (labeled so), each credential with its verification, and self-reported work.
/// Plain HTML with its own style and no outside resources, printed to PDF by <see cref="ChromiumPdf"/>. Text the person
/// wrote keeps its own direction (dir="auto").
/// </summary>
public sealed class Resumes(AppDbContext db, EmployerRecords records, SelfReportedRecords selfReported, TextCatalog catalog, TimeProvider time)
{
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    public async Task<string> RenderAsync(ApplicantEvidence evidence, JobVacancy vacancy, string language, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        ArgumentNullException.ThrowIfNull(vacancy);
        var lang = Languages.Find(language);
        var culture = Languages.Culture(lang.Code);
        string T(string key, params object[] args) =>
            Html.Encode(string.Format(culture, catalog.Find(lang.Code, key) ?? catalog.Find("en", key) ?? key, args));
        string E(string? text) => Html.Encode(text ?? "");
        string Date(DateTime date) => E(Languages.FormatDate(date, lang, culture));

        var application = evidence.Application;
        var company = await db.Set<EmployerCompany>().Where(c => c.Id == vacancy.CompanyId).Select(c => c.Name).FirstAsync(cancellationToken);
        var experience = application.ShareExperience && evidence.ShareState == Sharing.ShareState.Open
            ? (await db.SelfReported.AsNoTracking().Where(e => e.JobseekerId == application.JobseekerId && e.Kind == "work").OrderBy(e => e.CreatedAt).ToListAsync(cancellationToken))
                .Select(selfReported.Description).ToList()
            : [];
        var contact = records.Contact(application);
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"<!DOCTYPE html><html lang=\"{lang.Code}\" dir=\"{lang.Direction}\"><head><meta charset=\"utf-8\"><title>")
            .Append(E(records.DisplayName(application))).Append("</title><style>")
            .Append("@page{size:letter;margin:14mm}*{box-sizing:border-box}body{margin:0;font-family:\"Noto Sans\",\"Noto Sans Arabic\",\"Noto Naskh Arabic\",sans-serif;font-size:10pt;line-height:1.4;color:#111}")
            .Append("h1{font-size:18pt;margin:0 0 2mm}h2{font-size:11.5pt;margin:5mm 0 1.5mm;border-block-end:1px solid #999}p{margin:0 0 1.5mm}ul{margin:0;padding-inline-start:5mm}li{margin-block-end:1mm}")
            .Append(".verified{color:#0a5c2d;font-weight:700}.not-verified{color:#a4161a;font-weight:700}.self{color:#6b4c00;font-weight:700}.small{font-size:8.5pt;color:#333}.ltr{direction:ltr;unicode-bidi:isolate}")
            .Append("</style></head><body>");
        html.Append("<h1 dir=\"auto\">").Append(E(records.DisplayName(application))).Append("</h1>");
        if (contact is not null)
        {
            html.Append("<p><span class=\"ltr\">").Append(E(contact)).Append("</span></p>");
        }

        html.Append("<p>").Append(T(L.Key("Applied for {0} at {1} on {2}."), vacancy.Title, company, Languages.FormatDate(application.AppliedAt ?? application.CreatedAt, lang, culture))).Append("</p>");

        html.Append("<h2>").Append(T(L.Key("Skills proven by credentials"))).Append("</h2>");
        var verified = evidence.Profile.VerifiedCodes;
        if (verified.Count == 0)
        {
            html.Append("<p>").Append(T(L.Key("None."))).Append("</p>");
        }
        else
        {
            html.Append("<ul>");
            foreach (var code in verified)
            {
                var proofs = evidence.Profile.ProofsFor(code).Select(evidence.Find).OfType<SharedCredentialCheck>().Select(c => T(L.Key("{0}, issued by {1}"), c.Name, c.IssuerName));
                html.Append("<li><span class=\"verified\">✔ ").Append(E(OnetNames.Skill(code, culture).Text)).Append("</span> · ").Append(string.Join("; ", proofs)).Append("</li>");
            }

            html.Append("</ul>");
        }

        var self = evidence.SelfReported.Where(c => evidence.Profile.EvidenceFor(c) == EvidenceKind.SelfReported).ToList();
        if (self.Count > 0)
        {
            html.Append("<h2>").Append(T(L.Key("Skills the person reports (self-reported, not verified)"))).Append("</h2><ul>");
            foreach (var code in self)
            {
                html.Append("<li><span class=\"self\">").Append(T(L.Key("Self-reported"))).Append("</span> · ").Append(E(OnetNames.Skill(code, culture).Text)).Append("</li>");
            }

            html.Append("</ul>");
        }

        html.Append("<h2>").Append(T(L.Key("Credentials"))).Append("</h2>");
        if (evidence.Credentials.Count == 0)
        {
            html.Append("<p>").Append(T(L.Key("The person stopped sharing their credentials."))).Append("</p>");
        }
        else
        {
            html.Append("<ul>");
            foreach (var credential in evidence.Credentials)
            {
                var view = CredentialView.From(JsonNode.Parse(credential.Json)!.AsObject());
                html.Append("<li><strong dir=\"auto\">").Append(E(credential.Name)).Append("</strong> · ").Append(T(L.Key("Issued by {0}"), credential.IssuerName));
                if (view.ValidFrom is { } from)
                {
                    html.Append(" · ").Append(Date(from));
                }

                html.Append(credential.Result.Verified
                    ? " · <span class=\"verified\">✔ " + T(L.Key("Verified: this credential is genuine.")) + "</span>"
                    : " · <span class=\"not-verified\">✘ " + T(L.Key("Not verified: do not rely on this credential.")) + "</span>");
                html.Append("</li>");
            }

            html.Append("</ul>");
        }

        if (experience.Count > 0)
        {
            html.Append("<h2>").Append(T(L.Key("Experience the person reports (self-reported)"))).Append("</h2><ul>");
            foreach (var entry in experience.Take(8))
            {
                html.Append("<li><span class=\"self\">").Append(T(L.Key("Self-reported"))).Append("</span> · <span dir=\"auto\">").Append(E(entry)).Append("</span></li>");
            }

            html.Append("</ul>");
        }

        html.Append("<p class=\"small\" style=\"margin-block-start:6mm\">")
            .Append(T(L.Key("Checked by OpenLER on {0}: each credential's signature, issuer and status were verified at that time."), Languages.FormatDate(time.GetUtcNow().UtcDateTime, lang, culture)))
            .Append(' ').Append(T(L.Key("Skills from O*NET® (U.S. Department of Labor), used under the CC BY 4.0 licence.")))
            .Append("</p></body></html>");
        return html.ToString();
    }
}
