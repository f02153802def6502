using System.Security.Claims;
using System.Text.Encodings.Web;
using Expertennetzwerk.Module.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Expertennetzwerk.SampleHost.Tests.Api.Support;

/// <summary>
/// The tests' sign-in: a request carrying <see cref="UserHeader"/> is signed in with the claims the headers name
/// (user, optional network, one party claim per <see cref="PartyHeader"/> value); without it the request is anonymous.
/// The claims are exactly what a CRM's sign-in would put in the cookie, so the module's own checks are what is tested.
/// </summary>
public sealed class TestAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Test";
    public const string UserHeader = "X-Test-User";
    public const string NetworkHeader = "X-Test-Network";
    public const string PartyHeader = "X-Test-Party";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var user = Request.Headers[UserHeader].ToString();
        if (user.Length == 0)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var claims = new List<Claim> { new(ExpertennetzwerkClaimTypes.UserId, user) };
        if (Request.Headers[NetworkHeader].ToString() is { Length: > 0 } network)
        {
            claims.Add(new Claim(ExpertennetzwerkClaimTypes.Network, network));
        }

        claims.AddRange(Request.Headers[PartyHeader]
            .SelectMany(v => (v ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(p => new Claim(ExpertennetzwerkClaimTypes.Party, p)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
    }
}
