using Expertennetzwerk.Module.Common;
using Expertennetzwerk.Module.Network;
using Expertennetzwerk.SampleHost.Api;
using Expertennetzwerk.SampleHost.Crm;
using Expertennetzwerk.SampleHost.Demo;
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
    public sealed record DemoUser(Guid Id, string Name, IReadOnlyList<(PartyKind Kind, string Party)> Parties)
    {
        /// <summary>What the user does in the demo, beyond the parties (e.g. the language of the mails).</summary>
        public string? Note { get; init; }
    }

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
                select new { membership.UserId, party.Kind, party.Name, party.BrokerKind })
            .ToListAsync(cancellationToken);
        Users = users
            .Select(u => new DemoUser(u.Id, u.DisplayName, memberships.Where(m => m.UserId == u.Id).Select(m => (m.Kind, m.Name + BrokerKindText(m.BrokerKind))).OrderBy(p => p.Kind).ToList())
            {
                Note = Notes.GetValueOrDefault(u.Id),
            })
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

    /// <summary>What each demo user is there to show.</summary>
    private static readonly Dictionary<Guid, string> Notes = new()
    {
        [DemoIds.UserMueller] = "Maklerin mit § 34d und § 34f: bestellt für ihre Kunden, die meisten Demo-Aufträge sind ihre.",
        [DemoIds.UserHartmann] = "Makler und zugleich Experte (eigene Firma): wählt oben „Handeln als“, für welche Partei er handelt.",
        [DemoIds.UserSchneider] = "Versicherungsberaterin (§ 34d Abs. 2): darf keine Dienstleistung mit Beteiligung bestellen.",
        [DemoIds.UserVogel] = "Experte für Geldanlage und Nettolohnoptimierung: nimmt Aufträge an und dokumentiert.",
        [DemoIds.UserKrause] = "Expertin (bAV, BU-Voranfragen); ihre Mails kommen auf Englisch.",
        [DemoIds.UserKoch] = "Netzwerkorganisation: sieht die Metadaten aller Aufträge und entscheidet Reklamationen.",
    };

    private static string BrokerKindText(BrokerKind? kind) => kind switch
    {
        BrokerKind.InsuranceBroker => " (Versicherungsmakler)",
        BrokerKind.InsuranceAdvisor => " (Versicherungsberater)",
        _ => string.Empty,
    };

    public static string Role(PartyKind kind) => kind switch
    {
        PartyKind.Broker => "Vermittler",
        PartyKind.Expert => "Experte",
        PartyKind.Operator => "Betreiber",
        _ => kind.ToString(),
    };
}
