using Expertennetzwerk.Module.Common;
using Expertennetzwerk.Module.Network;
using Expertennetzwerk.SampleHost.Api;
using Expertennetzwerk.SampleHost.Crm;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Expertennetzwerk.SampleHost.Pages.Demo;

/// <summary>
/// The sample CRM's stand-in for its sign-in (Development only, no password): choose a demo user from the list that
/// says who is who; the cookie carries the claims the module reads (<see cref="DemoSignInEndpoints.PrincipalAsync"/>).
/// </summary>
public sealed class IndexModel(IDbContextFactory<SampleCrmDbContext> contexts, IWebHostEnvironment environment) : PageModel
{
    public sealed record DemoUser(Guid Id, string Name, IReadOnlyList<(PartyKind Kind, string Party)> Parties);

    public IReadOnlyList<DemoUser> Users { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!environment.IsDevelopment())
        {
            return NotFound();
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var users = await db.Set<NetworkUser>().AsNoTracking().ToListAsync(cancellationToken);
        var memberships = await (
                from membership in db.Set<PartyMembership>().AsNoTracking()
                join party in db.Set<Party>().AsNoTracking() on membership.PartyId equals party.Id
                select new { membership.UserId, party.Kind, party.Name })
            .ToListAsync(cancellationToken);
        Users = users
            .Select(u => new DemoUser(u.Id, u.DisplayName, memberships.Where(m => m.UserId == u.Id).Select(m => (m.Kind, m.Name)).OrderBy(p => p.Kind).ToList()))
            .OrderBy(u => u.Parties.Count == 0 ? 9 : (int)u.Parties[0].Kind).ThenBy(u => u.Name, StringComparer.CurrentCulture)
            .ToList();
        return Page();
    }

    public async Task<IActionResult> OnPostSignInAsync(Guid userId, CancellationToken cancellationToken)
    {
        if (!environment.IsDevelopment())
        {
            return NotFound();
        }

        var principal = await DemoSignInEndpoints.PrincipalAsync(contexts, userId, cancellationToken);
        if (principal is null)
        {
            return NotFound();
        }

        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal);
        return LocalRedirect("/expertennetzwerk");
    }

    public async Task<IActionResult> OnPostSignOutAsync()
    {
        await HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return LocalRedirect("/demo");
    }

    public static string Role(PartyKind kind) => kind switch
    {
        PartyKind.Broker => "Vermittler",
        PartyKind.Expert => "Experte",
        PartyKind.Operator => "Betreiber",
        _ => kind.ToString(),
    };
}
