using Expertennetzwerk.Module.AspNetCore.Pages;
using Expertennetzwerk.Module.Common;
using Expertennetzwerk.Module.Orders;
using Expertennetzwerk.Module.Orders.Queries;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Expertennetzwerk.Module.AspNetCore.WebUi.Orders;

/// <summary>
/// "Auftragsbeschreibung anzeigen": exactly what the expert receives (<c>GetOrderDescriptionAsync</c>), in the page's
/// language — the description as HTML and as text, and the customer data shared with their categories and legal bases.
/// </summary>
internal sealed class DescriptionModel(ExpertOrderQueries queries, IStringLocalizer<PageTexts> texts) : ModulePageModel
{
    public OrderDescriptionPreview Preview { get; private set; } = null!;

    /// <summary>
    /// The HTML description as a document of its own, for a sandboxed frame without scripts: the core encodes every value
    /// in it, and the frame keeps even the template's own markup (the service's, written by its expert) from running
    /// anything in the module's page.
    /// </summary>
    public string HtmlDocument { get; private set; } = string.Empty;

    public async Task<IActionResult> OnGetAsync(Guid orderId, CancellationToken cancellationToken)
    {
        if (ResolveActor(PartyKind.Broker, PartyKind.Expert) is { } answer)
        {
            return answer;
        }

        var preview = await queries.GetOrderDescriptionAsync(Actor, orderId, Culture.TwoLetterISOLanguageName, cancellationToken);
        if (!preview.IsOk)
        {
            return Failure(preview);
        }

        Preview = preview.Value;
        var language = Preview.Html.Culture is { Length: >= 2 } culture ? culture[..2] : Culture.TwoLetterISOLanguageName;
        HtmlDocument = SandboxedHtml.Document(language, texts["DescriptionTitle"], Preview.Html.Text);
        return Page();
    }
}
