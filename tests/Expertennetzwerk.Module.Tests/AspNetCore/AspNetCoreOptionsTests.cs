using System.Security.Claims;
using Expertennetzwerk.Module.AspNetCore;
using Expertennetzwerk.Module.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Expertennetzwerk.Module.Tests.AspNetCore;

/// <summary>The default network belongs to the HTTP edge's options, checked at start.</summary>
public sealed class AspNetCoreOptionsTests
{
    [Fact]
    public void The_core_options_have_no_default_network()
    {
        typeof(ExpertennetzwerkOptions).GetProperty("DefaultNetworkId").Should().BeNull("only the HTTP edge maps a request to a network");
    }

    [Fact]
    public async Task An_empty_DefaultNetworkId_stops_the_host_and_says_what_to_do()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddExpertennetzwerk().AddAspNetCore(o => o.DefaultNetworkId = Guid.Empty);
        using var host = builder.Build();

        var thrown = await FluentActions.Awaiting(() => host.StartAsync()).Should().ThrowAsync<OptionsValidationException>();

        thrown.Which.Failures.Should().Contain(f => f.Contains("DefaultNetworkId is the empty Guid", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("//evil.example/customers")]
    [InlineData("/\\evil.example")]
    [InlineData("crm/customers")]
    [InlineData("")]
    [InlineData("ftp://example.org/customers")]
    public async Task A_customers_or_sign_in_link_that_is_no_path_or_http_address_stops_the_host(string link)
    {
        foreach (var configure in new Action<ExpertennetzwerkAspNetCoreOptions>[] { o => o.CustomersUrl = link, o => o.SignInUrl = link })
        {
            var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
            builder.Services.AddExpertennetzwerk().AddAspNetCore(configure);
            using var host = builder.Build();

            var thrown = await FluentActions.Awaiting(() => host.StartAsync()).Should().ThrowAsync<OptionsValidationException>();

            thrown.Which.Failures.Should().ContainSingle(f => f.Contains("must be a path of the host", StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData("/crm/customers")]
    [InlineData("/kunden?sort=name")]
    [InlineData("https://crm.example.org/customers")]
    public void A_host_path_or_http_address_is_a_valid_link(string link)
    {
        var options = new ExpertennetzwerkAspNetCoreOptions { CustomersUrl = link, SignInUrl = link };

        new ExpertennetzwerkAspNetCoreOptionsValidator().Validate(null, options).Succeeded.Should().BeTrue();
    }

    [Fact]
    public void The_claims_accessor_takes_the_configured_default_network()
    {
        var network = Guid.CreateVersion7();
        var user = Guid.CreateVersion7();
        var party = Guid.CreateVersion7();
        var services = new ServiceCollection();
        services.AddExpertennetzwerk().AddAspNetCore(o => o.DefaultNetworkId = network);
        using var provider = services.BuildServiceProvider();
        provider.GetRequiredService<IHttpContextAccessor>().HttpContext = new DefaultHttpContext
        {
            User = new ClaimsPrincipal(new ClaimsIdentity(
                [new Claim(ExpertennetzwerkClaimTypes.UserId, user.ToString()), new Claim(ExpertennetzwerkClaimTypes.Party, $"Broker:{party}")], "test")),
        };

        using var scope = provider.CreateScope();
        var actor = scope.ServiceProvider.GetRequiredService<IActorAccessor>().Resolve().Actor;

        actor.Should().NotBeNull();
        actor!.NetworkId.Should().Be(network);
        actor.PartyId.Should().Be(party);
    }
}
