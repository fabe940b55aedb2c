using Microsoft.EntityFrameworkCore;
using OpenLer.Server.Data;
using OpenLer.Server.Infrastructure;

namespace OpenLer.Server.Features.Employers;

/// <summary>
/// What the signed-in employer user may see: their company's vacancies, and the applications to them that the applicants
/// submitted (never a suggestion the person has not agreed to). The company condition is part of the WHERE of every
/// query; another company's vacancy or application is not found (the page answers 404).
/// </summary>
public sealed class EmployerScope(IHttpContextAccessor http, AppDbContext db)
{
    private System.Security.Claims.ClaimsPrincipal User => http.HttpContext?.User ?? throw new InvalidOperationException("No request.");

    public Guid CompanyId => User.EmployerCompanyId();

    public Guid UserId => User.EmployerUserId();

    public IQueryable<JobVacancy> Vacancies()
    {
        var company = CompanyId;
        return db.Set<JobVacancy>().Where(v => v.CompanyId == company);
    }

    /// <summary>Submitted applications to the company's vacancies.</summary>
    public IQueryable<JobApplication> Applications()
    {
        var company = CompanyId;
        return db.Set<JobApplication>().Where(a => a.CompanyId == company && a.Stage == ApplicationStages.Applied);
    }

    public Task<JobVacancy?> FindVacancyAsync(Guid id, CancellationToken cancellationToken = default) =>
        Vacancies().Include(v => v.Skills).FirstOrDefaultAsync(v => v.Id == id, cancellationToken);

    public Task<JobApplication?> FindApplicationAsync(Guid id, CancellationToken cancellationToken = default) =>
        Applications().FirstOrDefaultAsync(a => a.Id == id, cancellationToken);

    public Task<EmployerCompany> CompanyAsync(CancellationToken cancellationToken = default)
    {
        var company = CompanyId;
        return db.Set<EmployerCompany>().AsNoTracking().FirstAsync(c => c.Id == company, cancellationToken);
    }
}
