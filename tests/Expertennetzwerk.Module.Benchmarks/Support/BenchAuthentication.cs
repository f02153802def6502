using System.Collections.Concurrent;
using System.Security.Claims;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Expertennetzwerk.Module.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Expertennetzwerk.Module.Benchmarks.Support;

/// <summary>
/// Signs the benchmark user in for the party named in <see cref="HttpBenchHost.ActorHeader"/> (<c>{kind}:{partyId}</c>),
/// with one cached ticket per header value: the cheapest authentication that gives the module's claims accessor what a
/// host's cookie or JWT handler gives it. A real host's authentication costs more than this; it is not measured here.
/// </summary>
internal sealed class BenchAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Bench";

    private static readonly ConcurrentDictionary<string, AuthenticationTicket> Tickets = new(StringComparer.Ordinal);

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var value = Request.Headers[HttpBenchHost.ActorHeader].ToString();
        if (value.Length == 0)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var ticket = Tickets.GetOrAdd(value, static party => new AuthenticationTicket(
            new ClaimsPrincipal(new ClaimsIdentity(
                [
                    new Claim(ExpertennetzwerkClaimTypes.UserId, BenchNetwork.UserId.ToString()),
                    new Claim(ExpertennetzwerkClaimTypes.Network, BenchNetwork.NetworkId.ToString()),
                    new Claim(ExpertennetzwerkClaimTypes.Party, party),
                ],
                SchemeName)),
            SchemeName));
        return Task.FromResult(AuthenticateResult.Success(ticket));
    }
}

/// <summary>The list page's JSON shape, for the plain endpoint that serializes a cached object (states as strings).</summary>
internal sealed record PlainListResponse(IReadOnlyList<PlainListItem> Items, string? NextCursor, IReadOnlyDictionary<string, long>? CountsByState);

/// <summary>One row of <see cref="PlainListResponse"/>.</summary>
internal sealed record PlainListItem(
    Guid Id,
    string Number,
    string State,
    Guid ServiceId,
    Guid CategoryId,
    Guid BrokerPartyId,
    Guid ExpertPartyId,
    string? CustomerDisplayName,
    string? ProgressStep,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(PlainListResponse))]
internal sealed partial class PlainJsonContext : JsonSerializerContext;
