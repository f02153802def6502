using Expertennetzwerk.Module.Ports;
using Expertennetzwerk.Module.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Expertennetzwerk.Module.Tests.Hosting;

/// <summary>The default links are the module's routes under the configured base address.</summary>
public sealed class PublicLinksTests
{
    [Theory]
    [InlineData("https://crm.example.org/")]
    [InlineData("https://crm.example.org")]
    public async Task Links_are_absolute_under_the_base_address(string baseUrl)
    {
        await using var host = await ModuleHost.StartAsync(DatabaseKind.Sqlite, new ModuleHostOptions { Options = o => o.PublicBaseUrl = new Uri(baseUrl) });
        var links = host.Services.GetRequiredService<IPublicLinks>();
        var order = Guid.Parse("0193a4c2-0000-7000-8000-000000000001");

        links.Order(Guid.NewGuid(), order).AbsoluteUri.Should().Be("https://crm.example.org/expertennetzwerk/orders/0193a4c2-0000-7000-8000-000000000001");
        links.Rating(Guid.NewGuid(), order).AbsoluteUri.Should().Be("https://crm.example.org/expertennetzwerk/orders/0193a4c2-0000-7000-8000-000000000001/rating");
        links.Consent("abc-DEF_123").AbsoluteUri.Should().Be("https://crm.example.org/expertennetzwerk/consent/abc-DEF_123");
        links.ConsentWithdrawal("abc").AbsoluteUri.Should().Be("https://crm.example.org/expertennetzwerk/consent/withdraw/abc");
    }

    [Fact]
    public async Task A_base_address_with_a_path_keeps_it()
    {
        await using var host = await ModuleHost.StartAsync(DatabaseKind.Sqlite, new ModuleHostOptions { Options = o => o.PublicBaseUrl = new Uri("https://crm.example.org/app") });

        host.Services.GetRequiredService<IPublicLinks>().Consent("t").AbsoluteUri.Should().Be("https://crm.example.org/app/expertennetzwerk/consent/t");
    }
}
