using Expertennetzwerk.Module.AspNetCore.Api.Http;
using Expertennetzwerk.Module.Common;
using Expertennetzwerk.Module.Messaging;
using Expertennetzwerk.Module.Messaging.Queries;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace Expertennetzwerk.Module.AspNetCore.WebUi.Orders;

/// <summary>
/// The order page's message thread (partial <c>_OrderThread.cshtml</c>): the messages with their attachments (downloaded
/// through <c>OnGetFile</c>, access-checked by the core), and sending a message with files (multipart; a refused type or
/// size is shown at the file field, the typed text kept).
/// </summary>
internal sealed partial class OrderModel
{
    public IReadOnlyList<DigitalMessageItem> Thread { get; private set; } = [];

    /// <summary>True when the order's thread is open to the reader (from Placed on), so a message can be sent.</summary>
    public bool ThreadOpen { get; private set; }

    /// <summary>The message typed, kept when the core refuses it.</summary>
    [BindProperty(Name = "message")]
    public string? Message { get; set; }

    /// <summary>Sends a message in the order's thread (broker or expert), with the chosen files.</summary>
    public async Task<IActionResult> OnPostMessageAsync(Guid orderId, CancellationToken cancellationToken)
    {
        var form = await Request.ReadFormAsync(cancellationToken);
        var attachments = await ApiForms.UploadsAsync(form, "attachments", cancellationToken, skipEmpty: true);
        _fieldKey = field => field.StartsWith("attachments", StringComparison.Ordinal) ? "attachments" : null;
        var messaging = HttpContext.RequestServices.GetRequiredService<DigitalMessageService>();
        return await RunAsync(orderId, "message", async () => await messaging.SendAsync(Actor, orderId, Message ?? string.Empty, attachments, cancellationToken), cancellationToken,
            PartyKind.Broker, PartyKind.Expert);
    }

    private async Task LoadThreadAsync(Guid orderId, CancellationToken cancellationToken)
    {
        // The thread exists from Placed on; before, the core refuses it and the page shows none.
        var messages = HttpContext.RequestServices.GetRequiredService<DigitalMessageQueries>();
        var thread = await messages.ListThreadAsync(Actor, orderId, new ThreadQuery { PageSize = 50 }, cancellationToken);
        ThreadOpen = thread.IsOk && Actor.PartyKind is PartyKind.Broker or PartyKind.Expert;
        Thread = thread.IsOk ? thread.Value.Items.OrderBy(m => m.Sequence).ToList() : [];
        if (Thread.Any(m => m.IsUnread) && HttpMethods.IsGet(Request.Method))
        {
            // Shown once as unread (highlighted), then read: the start page's count goes down.
            await HttpContext.RequestServices.GetRequiredService<DigitalMessageService>().MarkReadAsync(Actor, orderId, Thread[^1].Id, cancellationToken);
        }
    }
}
