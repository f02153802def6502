using System.Net;
using System.Net.Http.Headers;
using Expertennetzwerk.SampleHost.Demo;
using Expertennetzwerk.SampleHost.Tests.Api.Support;

namespace Expertennetzwerk.SampleHost.Tests.Api;

/// <summary>Every outcome of the core as HTTP, on SQLite and PostgreSQL: status, ProblemDetails, codes, language, ETag.</summary>
[Collection(ApiCollection.Name)]
public sealed class ApiOutcomeTests(ApiHosts hosts)
{
    [SkippableTheory]
    [InlineData(ApiDatabase.Sqlite)]
    [InlineData(ApiDatabase.PostgreSQL)]
    public async Task Creating_a_draft_answers_201_with_location_and_etag_and_the_detail_carries_the_same_etag(ApiDatabase database)
    {
        var host = await hosts.For(database);
        var client = host.Client(ApiActor.OwningBroker);

        using var created = await client.SendAsync(HttpMethod.Post, host.Path("orders"),
            new { serviceId = ApiActors.Service, customerRef = ApiActors.CustomerRef, formData = new { anzahlFahrzeuge = 3 } });

        created.StatusCode.Should().Be(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var body = await created.JsonAsync();
        var id = body.GetProperty("id").GetGuid();
        body.GetProperty("state").GetString().Should().Be("Draft", "enums are strings on the wire");
        created.Headers.Location!.OriginalString.Should().Be($"{host.Prefix}/orders/{id}");
        created.ETag().Should().Be($"\"{body.GetProperty("version").GetInt64()}\"");

        using var detail = await client.GetAsync(created.Headers.Location);
        detail.StatusCode.Should().Be(HttpStatusCode.OK);
        detail.ETag().Should().Be(created.ETag());
        var order = await detail.JsonAsync();
        order.GetProperty("formData").GetProperty("anzahlFahrzeuge").GetInt32().Should().Be(3, "form data is JSON on the wire, not a string");
        order.GetProperty("customerRef").GetString().Should().Be(ApiActors.CustomerRef);
        detail.Headers.CacheControl!.NoStore.Should().BeTrue("orders carry personal data");
    }

    [SkippableTheory]
    [InlineData(ApiDatabase.Sqlite)]
    [InlineData(ApiDatabase.PostgreSQL)]
    public async Task Invalid_input_is_400_validation_problem_details_with_field_names_and_codes(ApiDatabase database)
    {
        var host = await hosts.For(database);
        var (id, _) = await host.CreateDraftAsync();

        using var response = await host.Client(ApiActor.AssignedExpert).SendAsync(HttpMethod.Post, host.Path($"orders/{id}/decline"), new { reason = "" });
        // The draft is not the expert's yet (404); the broker's own withdrawal with an empty reason is a field error.
        response.StatusCode.Should().Be(HttpStatusCode.NotFound);

        using var invalid = await host.Client(ApiActor.OwningBroker).SendAsync(HttpMethod.Post, host.Path($"orders/{id}/withdraw"), new { reason = "  " });
        var problem = await invalid.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        problem.GetProperty("errors").GetProperty("reason").EnumerateArray().Should().NotBeEmpty();
        problem.GetProperty("codes").GetProperty("reason").EnumerateArray().Select(c => c.GetString()).Should().Contain("required");
    }

    [SkippableTheory]
    [InlineData(ApiDatabase.Sqlite)]
    [InlineData(ApiDatabase.PostgreSQL)]
    public async Task A_refusal_is_409_with_its_stable_code_and_the_text_in_the_callers_language(ApiDatabase database)
    {
        var host = await hosts.For(database);
        var id = await host.OrderInStateAsync("Placed");
        var client = host.Client(ApiActor.AssignedExpert);

        using var german = await client.SendAsync(HttpMethod.Post, host.Path($"orders/{id}/complete"));
        var de = await german.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        var code = de.GetProperty("code").GetString();
        code.Should().StartWith("order.");

        using var request = new HttpRequestMessage(HttpMethod.Post, host.Path($"orders/{id}/complete"));
        request.Headers.AcceptLanguage.Clear();
        request.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue("en-GB"));
        request.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue("de", 0.5));
        using var english = await client.SendAsync(request);
        var en = await english.ShouldBeProblemAsync(HttpStatusCode.Conflict, code);
        en.GetProperty("title").GetString().Should().NotBe(de.GetProperty("title").GetString(), "the English text differs from the German one");
    }

    [SkippableTheory]
    [InlineData(ApiDatabase.Sqlite)]
    [InlineData(ApiDatabase.PostgreSQL)]
    public async Task A_stale_if_match_is_412_and_a_current_one_or_none_is_honoured(ApiDatabase database)
    {
        var host = await hosts.For(database);
        var (id, etag) = await host.CreateDraftAsync();
        var client = host.Client(ApiActor.OwningBroker);

        using var saved = await client.SendAsync(HttpMethod.Put, host.Path($"orders/{id}/draft"), $$"""{"formData":{{ApiActors.FleetFormData.Replace("7", "9", StringComparison.Ordinal)}}}""", ("If-Match", etag));
        saved.StatusCode.Should().Be(HttpStatusCode.OK, await saved.Content.ReadAsStringAsync());
        saved.ETag().Should().NotBe(etag, "saving makes a new version");

        using var stale = await client.SendAsync(HttpMethod.Post, host.Path($"orders/{id}/place"), null, ("If-Match", etag));
        await stale.ShouldBeProblemAsync(HttpStatusCode.PreconditionFailed, "precondition_failed");

        using var garbage = await client.SendAsync(HttpMethod.Post, host.Path($"orders/{id}/place"), null, ("If-Match", "\"not-a-version\""));
        await garbage.ShouldBeProblemAsync(HttpStatusCode.PreconditionFailed, "precondition_failed");

        using var current = await client.SendAsync(HttpMethod.Post, host.Path($"orders/{id}/place"), null, ("If-Match", saved.ETag()));
        current.StatusCode.Should().Be(HttpStatusCode.OK, await current.Content.ReadAsStringAsync());

        using var conditionalGet = await client.SendAsync(HttpMethod.Get, host.Path($"orders/{id}"), null, ("If-None-Match", current.ETag()));
        conditionalGet.StatusCode.Should().Be(HttpStatusCode.OK, "the API never answers 304: messages and consents change what a reader sees without a new version");
    }

    [SkippableTheory]
    [InlineData(ApiDatabase.Sqlite)]
    [InlineData(ApiDatabase.PostgreSQL)]
    public async Task Of_two_racing_accepts_one_wins_and_the_other_is_409(ApiDatabase database)
    {
        var host = await hosts.For(database);
        var id = await host.OrderInStateAsync("Placed");
        var krause = host.Client(ApiActor.AssignedExpert);
        var hartmann = host.Client(Module.Common.Actor.Expert(DemoIds.Network, DemoIds.ExpertHartmannSpezial, DemoIds.UserHartmann));

        var responses = await Task.WhenAll(
            krause.SendAsync(HttpMethod.Post, host.Path($"orders/{id}/accept")),
            hartmann.SendAsync(HttpMethod.Post, host.Path($"orders/{id}/accept")));

        responses.Select(r => r.StatusCode).Should().BeEquivalentTo([HttpStatusCode.OK, HttpStatusCode.Conflict]);
        var loser = responses.Single(r => r.StatusCode == HttpStatusCode.Conflict);
        var problem = await loser.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        problem.GetProperty("code").GetString().Should().NotBeNullOrEmpty();
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [SkippableTheory]
    [InlineData(ApiDatabase.Sqlite)]
    [InlineData(ApiDatabase.PostgreSQL)]
    public async Task Unknown_routes_bad_json_and_unknown_ids_are_problem_details_without_a_stack_trace(ApiDatabase database)
    {
        var host = await hosts.For(database);
        var client = host.Client(ApiActor.OwningBroker);

        using var unknownRoute = await client.GetAsync(host.Path("no-such-thing/at/all"));
        await unknownRoute.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not_found");

        using var anonymousUnknown = await host.Client(ApiActor.Anonymous).GetAsync(host.Path("no-such-thing"));
        await anonymousUnknown.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not_found");

        using var notAGuid = await client.GetAsync(host.Path("orders/not-a-guid"));
        await notAGuid.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not_found");

        using var unknownOrder = await client.GetAsync(host.Path($"orders/{Guid.NewGuid()}"));
        await unknownOrder.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not_found");

        using var malformed = await client.SendAsync(HttpMethod.Post, host.Path("orders"), """{"serviceId": "x", """);
        await malformed.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "bad_request");

        using var wrongType = await client.SendAsync(HttpMethod.Post, host.Path("orders"), """{"serviceId": 17, "customerRef": []}""");
        await wrongType.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "bad_request");

        using var request = new HttpRequestMessage(HttpMethod.Post, host.Path("orders")) { Content = new StringContent("serviceId=1", System.Text.Encoding.UTF8, "application/x-www-form-urlencoded") };
        using var wrongMediaType = await client.SendAsync(request);
        // No JSON endpoint takes a form, so the request reaches the group's unknown-route answer.
        await wrongMediaType.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [SkippableTheory]
    [InlineData(ApiDatabase.Sqlite)]
    [InlineData(ApiDatabase.PostgreSQL)]
    public async Task A_body_over_the_endpoints_limit_is_413_before_it_is_read(ApiDatabase database)
    {
        var host = await hosts.For(database);
        var (id, _) = await host.CreateDraftAsync();
        var huge = "{\"reason\":\"" + new string('x', 400 * 1024) + "\"}";

        using var response = await host.Client(ApiActor.OwningBroker).SendAsync(HttpMethod.Post, host.Path($"orders/{id}/withdraw"), huge);

        await response.ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge, "request_too_large");
    }
}
