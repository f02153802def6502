using System.Security.Claims;
using Expertennetzwerk.Module.AspNetCore;
using Expertennetzwerk.Module.Network;
using Expertennetzwerk.SampleHost.Crm;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;

namespace Expertennetzwerk.SampleHost.Api;

/// <summary>
/// The sample CRM's stand-in for its own sign-in (Development only, no password): signs a demo user in with a cookie
/// that carries the claims the module's API reads — the user, the network and one party claim per membership. A
/// real CRM maps its own identity onto the same claims (or implements <see cref="IActorAccessor"/>).
/// </summary>
public static class DemoSignInEndpoints
{
    /// <summary>Cookie authentication for the demo sign-in; SameSite=Strict keeps other sites' forms from using it.</summary>
    public static IServiceCollection AddDemoSignIn(this IServiceCollection services)
    {
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(cookie =>
            {
                cookie.Cookie.Name = "enw_sample";
                cookie.Cookie.SameSite = SameSiteMode.Strict;
                cookie.Cookie.HttpOnly = true;
                cookie.SlidingExpiration = true;
                // The API answers 401/403 itself; never redirect a JSON client to a login page.
                cookie.Events.OnRedirectToLogin = context => { context.Response.StatusCode = StatusCodes.Status401Unauthorized; return Task.CompletedTask; };
                cookie.Events.OnRedirectToAccessDenied = context => { context.Response.StatusCode = StatusCodes.Status403Forbidden; return Task.CompletedTask; };
            });
        services.AddAuthorization();
        return services;
    }

    /// <summary><c>POST /demo/sign-in/{userId}</c> and <c>POST /demo/sign-out</c>, in Development only.</summary>
    public static IEndpointRouteBuilder MapDemoSignIn(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapPost("/demo/sign-in/{userId:guid}", SignInAsync);
        endpoints.MapPost("/demo/sign-out", async (HttpContext http) =>
        {
            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.NoContent();
        });
        return endpoints;
    }

    /// <summary>The claims of a demo user: its id, its network and every party it is a member of.</summary>
    public static async Task<ClaimsPrincipal?> PrincipalAsync(IDbContextFactory<SampleCrmDbContext> contexts, Guid userId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var user = await db.Set<NetworkUser>().AsNoTracking().SingleOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (user is null)
        {
            return null;
        }

        var parties = await (
                from membership in db.Set<PartyMembership>().AsNoTracking()
                join party in db.Set<Party>().AsNoTracking() on membership.PartyId equals party.Id
                where membership.UserId == userId && membership.NetworkId == user.NetworkId
                select new { party.Id, party.Kind })
            .ToListAsync(cancellationToken);
        var claims = new List<Claim>
        {
            new(ExpertennetzwerkClaimTypes.UserId, user.Id.ToString()),
            new(ExpertennetzwerkClaimTypes.Network, user.NetworkId.ToString()),
            new(ClaimTypes.Name, user.DisplayName),
        };
        claims.AddRange(parties.Select(p => new Claim(ExpertennetzwerkClaimTypes.Party, $"{p.Kind}:{p.Id}")));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme));
    }

    private static async Task<IResult> SignInAsync(Guid userId, HttpContext http, IWebHostEnvironment environment, IDbContextFactory<SampleCrmDbContext> contexts)
    {
        if (!environment.IsDevelopment())
        {
            return Results.NotFound();
        }

        var principal = await PrincipalAsync(contexts, userId, http.RequestAborted);
        if (principal is null)
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unbekannter Demo-Benutzer.");
        }

        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal);
        return Results.NoContent();
    }
}
