using System.Globalization;
using Expertennetzwerk.Module.AspNetCore;
using Expertennetzwerk.Module.AspNetCore.Consent;
using Expertennetzwerk.Module.Common;
using Expertennetzwerk.Module.Consent;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

// Lives where users of ASP.NET Core look for endpoint mapping.
// ReSharper disable once CheckNamespace
namespace Microsoft.AspNetCore.Routing;

/// <summary>
/// The pages a data subject reaches through the links of a consent request (docs/design.md, "Consent and personal data"): the consent declaration with
/// "agree" and "decline", and the withdrawal page. Showing a page (GET) never uses a link up — mail scanners fetch links;
/// only the POST of a decision does, once, protected against CSRF. Every invalid, expired or used link gets the same
/// neutral page (404). The routes are those of the module's default links (<c>IPublicLinks</c>).
/// </summary>
public static class ExpertennetzwerkConsentEndpoints
{
    private const string DecisionField = "decision";
    private const string Agree = "agree";
    private const string Decline = "decline";

    /// <summary>
    /// Maps <c>GET/POST {prefix}/{token}</c> and <c>GET/POST {prefix}/withdraw/{token}</c>. Needs
    /// <c>services.AddAntiforgery()</c> (done by <c>AddAspNetCore()</c>) and <c>app.UseAntiforgery()</c>.
    /// </summary>
    /// <param name="endpoints">The host's routes.</param>
    /// <param name="prefix">Where the pages live; the default matches the module's default links.</param>
    /// <returns>The group, to add the host's conventions (rate limiting, a host name).</returns>
    public static RouteGroupBuilder MapExpertennetzwerkConsentPages(this IEndpointRouteBuilder endpoints, string prefix = "/expertennetzwerk/consent")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var group = endpoints.MapGroup(prefix);
        group.AddEndpointFilter(async (context, next) =>
        {
            // The token is in the URL: keep it out of caches, referrers and search engines.
            var headers = context.HttpContext.Response.Headers;
            headers.CacheControl = "no-store";
            headers["Referrer-Policy"] = "no-referrer";
            headers["X-Robots-Tag"] = "noindex, nofollow";
            headers["X-Content-Type-Options"] = "nosniff";
            headers["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'";
            return await next(context).ConfigureAwait(false);
        });

        // A request the framework refuses before the page runs (above all a missing or stale antiforgery token) gets a
        // German page, never the developer exception page with its stack trace.
        ((IEndpointConventionBuilder)group).Add(endpoint =>
        {
            if (endpoint.RequestDelegate is { } inner)
            {
                endpoint.RequestDelegate = http => BadRequestAsPageAsync(http, inner);
            }
        });

        group.MapGet("/{token}", ShowConsentAsync).WithName(ExpertennetzwerkEndpointNames.ConsentPage);
        group.MapPost("/{token}", DecideAsync);
        group.MapGet("/withdraw/{token}", ShowWithdrawalAsync).WithName(ExpertennetzwerkEndpointNames.ConsentWithdrawalPage);
        group.MapPost("/withdraw/{token}", WithdrawAsync);
        return group;
    }

    private static async Task<IResult> ShowConsentAsync(string token, HttpContext http, ConsentService consents, IAntiforgery antiforgery, CancellationToken cancellationToken)
    {
        var page = await consents.OpenAsync(token, cancellationToken).ConfigureAwait(false);
        if (!page.IsOk)
        {
            return Invalid(page);
        }

        var tokens = antiforgery.GetAndStoreTokens(http);
        var action = http.Request.PathBase + http.Request.Path;
        var body =
            "<main>" + page.Value.Html +
            "<p>Bitte entscheiden Sie, ob Sie einwilligen. Sie können Ihre Einwilligung jederzeit widerrufen.</p>" +
            ConsentPageHtml.Form(action, DecisionField, Agree, tokens.FormFieldName, tokens.RequestToken!, "Ich willige ein") +
            ConsentPageHtml.Form(action, DecisionField, Decline, tokens.FormFieldName, tokens.RequestToken!, "Ich willige nicht ein") +
            "</main>";
        return Page("Einwilligungserklärung", body);
    }

    private static async Task<IResult> DecideAsync(string token, [FromForm(Name = DecisionField)] string? decision, ConsentService consents, CancellationToken cancellationToken)
    {
        if (decision is not (Agree or Decline))
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bitte wählen Sie „Ich willige ein“ oder „Ich willige nicht ein“.");
        }

        var decided = await consents.DecideAsync(token, decision == Agree, cancellationToken).ConfigureAwait(false);
        if (!decided.IsOk)
        {
            return Invalid(decided);
        }

        // This link is used up now: the page itself shows the working withdrawal link, and the mail (when the request had an
        // address) carries it with the full text.
        var page = decided.Value;
        var mailed = page.ConfirmationMailed ? " Eine Bestätigung mit dem vollständigen Text der Erklärung haben wir Ihnen per E-Mail gesendet." : string.Empty;
        var text = page.Status == ConsentStatus.Given
            ? $"Vielen Dank. Ihre Einwilligung für den Auftrag {page.OrderNumber} an {page.BrokerName} ist erteilt.{mailed}"
            : $"Sie haben nicht eingewilligt. {page.BrokerName} übermittelt Ihre Daten für den Auftrag {page.OrderNumber} nicht.{mailed}";
        var body = ConsentPageHtml.Notice("Ihre Entscheidung ist gespeichert", text);
        if (page.WithdrawalUrl is { } withdrawal)
        {
            var link = ConsentPageHtml.Encode(withdrawal.AbsoluteUri);
            body = body.Replace("</main>",
                "<p>Sie können Ihre Einwilligung jederzeit mit Wirkung für die Zukunft widerrufen (Art. 7 Abs. 3 DSGVO). Bitte bewahren Sie dazu diesen Link auf:</p>" +
                $"<p><a href=\"{link}\">{link}</a></p></main>", StringComparison.Ordinal);
        }

        return Page("Ihre Entscheidung", body);
    }

    private static async Task<IResult> ShowWithdrawalAsync(string token, HttpContext http, ConsentService consents, IAntiforgery antiforgery, CancellationToken cancellationToken)
    {
        var page = await consents.OpenWithdrawalAsync(token, cancellationToken).ConfigureAwait(false);
        if (!page.IsOk)
        {
            return Invalid(page);
        }

        var tokens = antiforgery.GetAndStoreTokens(http);
        var given = page.Value.GivenOn is { } day
            ? " vom " + day.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture)
            : string.Empty;
        var body =
            "<main><h1>Einwilligung widerrufen</h1><p>" +
            ConsentPageHtml.Encode($"{page.Value.DataSubjectName}, Sie können Ihre Einwilligung{given} gegenüber {page.Value.BrokerName} für den Auftrag {page.Value.OrderNumber} widerrufen. Der Widerruf wirkt für die Zukunft (Art. 7 Abs. 3 DSGVO).") +
            "</p>" +
            ConsentPageHtml.Form(http.Request.PathBase + http.Request.Path, DecisionField, "withdraw", tokens.FormFieldName, tokens.RequestToken!, "Einwilligung widerrufen") +
            "</main>";
        return Page("Einwilligung widerrufen", body);
    }

    private static async Task<IResult> WithdrawAsync(string token, [FromForm(Name = DecisionField)] string? decision, ConsentService consents, CancellationToken cancellationToken)
    {
        _ = decision; // binding the form is what makes ASP.NET Core check the antiforgery token
        var withdrawn = await consents.WithdrawAsync(token, cancellationToken).ConfigureAwait(false);
        return withdrawn.IsOk
            ? Page("Einwilligung widerrufen", ConsentPageHtml.Notice("Ihre Einwilligung ist widerrufen",
                $"{withdrawn.Value.BrokerName} verarbeitet Ihre Daten für den Auftrag {withdrawn.Value.OrderNumber} nicht weiter."))
            : Invalid(withdrawn);
    }

    // Every failure shows the one neutral text, as the host's RefusalDescriber gave it when the service answered it.
    private static IResult Invalid(Result failure) =>
        Results.Content(
            ConsentPageHtml.Document("Link ungültig", ConsentPageHtml.Notice("Link ungültig",
                (failure.Refusal is { } refusal && refusal.Code == ConsentRefusals.InvalidLink.Code ? refusal : ConsentRefusals.InvalidLink).Text.German)),
            "text/html; charset=utf-8",
            statusCode: StatusCodes.Status404NotFound);

    private static async Task BadRequestAsPageAsync(HttpContext http, RequestDelegate inner)
    {
        try
        {
            await inner(http).ConfigureAwait(false);
        }
        catch (BadHttpRequestException) when (!http.Response.HasStarted)
        {
            http.Response.Clear();
            http.Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        if (http.Response is { StatusCode: StatusCodes.Status400BadRequest, HasStarted: false, ContentType: null })
        {
            http.Response.Headers.CacheControl = "no-store";
            http.Response.Headers.XContentTypeOptions = "nosniff";
            await Results.Content(
                    ConsentPageHtml.Document("Anfrage ungültig", ConsentPageHtml.Notice("Anfrage ungültig",
                        "Ihre Entscheidung konnte nicht gespeichert werden, weil die Seite abgelaufen ist oder unvollständig gesendet wurde. " +
                        "Bitte öffnen Sie den Link aus Ihrer E-Mail erneut und entscheiden Sie dort.")),
                    "text/html; charset=utf-8",
                    statusCode: StatusCodes.Status400BadRequest)
                .ExecuteAsync(http).ConfigureAwait(false);
        }
    }

    private static IResult Page(string title, string body) => Results.Content(ConsentPageHtml.Document(title, body), "text/html; charset=utf-8");
}
