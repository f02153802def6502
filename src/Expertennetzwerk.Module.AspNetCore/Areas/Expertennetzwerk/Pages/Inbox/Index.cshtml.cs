using Expertennetzwerk.Module.AspNetCore.Pages;
using Expertennetzwerk.Module.Common;
using Expertennetzwerk.Module.Messaging;
using Expertennetzwerk.Module.Messaging.Queries;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Expertennetzwerk.Module.AspNetCore.WebUi.Inbox;

/// <summary>
/// The inbox of the acting user's party (brokers and experts): the digital messages and the network's notices of all its
/// orders, newest first, unread ones marked, optionally only those; opening one marks its order's thread read up to it.
/// </summary>
internal sealed class IndexModel(DigitalMessageQueries queries, DigitalMessageService messages, IStringLocalizer<PageTexts> texts) : ModulePageModel
{
    public const int PageSize = 20;

    [BindProperty(SupportsGet = true, Name = "unread")]
    public string? UnreadValue { get; set; }

    [BindProperty(SupportsGet = true, Name = "cursor")]
    public string? Cursor { get; set; }

    public bool UnreadOnly => UnreadValue is "1" or "true" or "on";

    public InboxPage Messages { get; private set; } = new([], null, 0);

    public string? NextPageUrl { get; private set; }

    /// <summary>The clear message for a next-page link that is broken or tampered with.</summary>
    public string? CursorProblem { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (ResolveActor() is { } answer)
        {
            return answer;
        }

        await LoadZoneAsync(cancellationToken);
        var query = new InboxQuery { PageSize = PageSize, UnreadOnly = UnreadOnly, Cursor = string.IsNullOrEmpty(Cursor) ? null : Cursor };
        var page = await queries.ListInboxAsync(Actor, query, cancellationToken);
        if (page.Status == ResultStatus.ValidationFailed && query.Cursor is not null)
        {
            CursorProblem = texts["CursorInvalid"].Value;
            page = await queries.ListInboxAsync(Actor, query with { Cursor = null }, cancellationToken);
        }

        if (!page.IsOk)
        {
            return Failure(page);
        }

        Messages = page.Value;
        if (Messages.NextCursor is { } next)
        {
            var builder = new QueryBuilder();
            if (UnreadOnly)
            {
                builder.Add("unread", "1");
            }

            builder.Add("cursor", next);
            NextPageUrl = Url.Page("/Inbox/Index") + builder.ToString();
        }

        return Page();
    }

    /// <summary>Opens a message: its order's thread is marked read up to it, then the order's page.</summary>
    public async Task<IActionResult> OnPostOpenAsync(Guid orderId, Guid messageId, CancellationToken cancellationToken)
    {
        if (ResolveActor() is { } answer)
        {
            return answer;
        }

        var marked = await messages.MarkReadAsync(Actor, orderId, messageId, cancellationToken);
        if (marked.Status is ResultStatus.Ok or ResultStatus.Conflict)
        {
            // A conflict is the same user marking read elsewhere at the same moment: the message is read either way.
            return RedirectToPage("/Orders/Order", new { orderId });
        }

        return marked.Status == ResultStatus.ValidationFailed ? StatusPage(StatusCodes.Status404NotFound) : Failure(marked);
    }
}
