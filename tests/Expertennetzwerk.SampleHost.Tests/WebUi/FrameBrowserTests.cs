using System.Globalization;
using Expertennetzwerk.Module.Orders;
using Expertennetzwerk.Module.Orders.Queries;
using Expertennetzwerk.SampleHost.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Expertennetzwerk.SampleHost.Tests.WebUi;

/// <summary>The frame around the pages: the document's language, the navigation per acting party, times in the network's zone.</summary>
[Collection(WebUiQualityCollection.Name)]
public sealed class FrameBrowserTests(WebUiHost web)
{
    [SkippableTheory]
    [InlineData("de-DE", "de", "Expertennetzwerk")]
    [InlineData("en-GB", "en", "Expert network")]
    public async Task The_hosts_layout_names_the_language_of_the_request(string locale, string lang, string heading)
    {
        Chromium.SkipUnlessAvailable();
        var (context, page, _) = await web.NewPageAsync(locale);
        await using var _ = context;
        await WebUiHost.SignInAsync(page, "Katrin Müller");

        await page.GotoAsync("/expertennetzwerk/orders");

        (await page.Locator("html").GetAttributeAsync("lang")).Should().Be(lang);
        await page.GotoAsync("/expertennetzwerk");
        (await page.Locator("h1").InnerTextAsync()).Should().Be(heading, "the page itself is in that language");
    }

    [SkippableTheory]
    [InlineData("Katrin Müller", new[] { "Übersicht", "Experten-Dienstleistungen", "Aufträge", "Posteingang" })]
    [InlineData("Michael Vogel", new[] { "Übersicht", "Aufträge", "Posteingang" })]
    [InlineData("Sabine Koch", new[] { "Übersicht", "Aufträge" })]
    public async Task The_navigation_links_the_pages_the_acting_party_may_open_and_each_opens(string user, string[] expected)
    {
        Chromium.SkipUnlessAvailable();
        var (context, page, _) = await web.NewPageAsync();
        await using var _ = context;
        await WebUiHost.SignInAsync(page, user);

        var links = page.Locator("nav.enw-nav > a");
        var names = await links.AllInnerTextsAsync();
        names.Should().Contain(expected);
        foreach (var refused in new[] { "Experten-Dienstleistungen", "Posteingang" }.Except(expected))
        {
            names.Should().NotContain(refused, "{0} would get the 403 page there", user);
        }

        foreach (var href in await links.EvaluateAllAsync<string[]>("els => els.map(e => e.getAttribute('href'))"))
        {
            (await page.GotoAsync(href))!.Status.Should().Be(200, "{0} opens {1} from the navigation", user, href);
        }
    }

    [SkippableFact]
    public async Task The_order_page_shows_times_in_the_networks_zone_not_the_servers()
    {
        Chromium.SkipUnlessAvailable();
        var orderId = await web.Host.InScopeAsync(async services =>
            (await services.GetRequiredService<ExpertOrderQueries>().ListOrdersAsync(WebUiHost.Mueller, new OrderListQuery { States = [OrderState.InProgress] })).Value.Items.First().Id);
        var (context, page, _) = await web.NewPageAsync();
        await using var _ = context;
        await WebUiHost.SignInAsync(page, "Katrin Müller");

        await page.GotoAsync($"/expertennetzwerk/orders/{orderId}");

        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"); // the demo network's zone
        var times = await page.Locator(".enw-history time").EvaluateAllAsync<string[][]>("els => els.map(e => [e.getAttribute('datetime'), e.textContent])");
        times.Should().NotBeEmpty();
        foreach (var time in times)
        {
            var at = DateTimeOffset.Parse(time[0], CultureInfo.InvariantCulture);
            time[1].Should().Be(TimeZoneInfo.ConvertTime(at, berlin).ToString("g", CultureInfo.GetCultureInfo("de-DE")), "{0} is shown in the network's zone", time[0]);
        }
    }
}
