using Expertennetzwerk.Module.AspNetCore.Api.Http;
using Expertennetzwerk.Module.AspNetCore.Api.Orders;
using Expertennetzwerk.Module.Messaging;
using Expertennetzwerk.Module.Messaging.Queries;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Expertennetzwerk.Module.AspNetCore.Api.Messages;

/// <summary>
/// Digital messages: an order's thread (keyset pages, newest first), sending with attachments (multipart, with
/// <c>Idempotency-Key</c>), read marks, the party's inbox and unread counts, and the consent requests sent for an order.
/// The operator reads threads and consent requests only with a purpose (<see cref="OrderEndpoints.PurposeHeader"/>),
/// which the core records in the order's history.
/// </summary>
internal static class MessageEndpoints
{
    /// <summary>The multipart field of a message's text.</summary>
    public const string TextField = "text";

    /// <summary>The multipart field of a message's files (repeatable; the core names its errors <c>attachments[i]</c>).</summary>
    public const string FilesField = "attachments";

    public static void MapMessageEndpoints(this RouteGroupBuilder api)
    {
        var thread = api.MapGroup("/orders/{orderId:guid}").WithTags("Messages");
        thread.MapGet("/messages", ThreadAsync)
            .Produces<MessageThreadResponse>();
        thread.MapPost("/messages", SendAsync)
            .Produces<SentMessageResponse>(StatusCodes.Status201Created)
            .WithIdempotency()
            .WithUploadBodyLimit();
        thread.MapPost("/messages/read", MarkReadAsync)
            .Produces<ThreadReadResponse>();
        thread.MapGet("/consent-requests", ConsentRequestsAsync)
            .Produces<ConsentRequestListResponse>();

        var messages = api.MapGroup("/messages").WithTags("Messages");
        messages.MapGet("/inbox", InboxAsync)
            .Produces<InboxResponse>();
        messages.MapGet("/unread-counts", UnreadCountsAsync)
            .Produces<UnreadCountsResponse>();
    }

    private static async Task<IResult> ThreadAsync(Guid orderId, int? pageSize, string? cursor, HttpContext http, DigitalMessageQueries queries)
    {
        var query = new ThreadQuery { PageSize = pageSize ?? 25, Cursor = cursor, OperatorAccessPurpose = OrderEndpoints.Purpose(http) };
        var page = await queries.ListThreadAsync(ApiRequest.Actor(http), orderId, query, http.RequestAborted).ConfigureAwait(false);
        return ApiOutcomes.Map(http, page, p => Results.Ok(new MessageThreadResponse(p.Items.Select(m => Message(ApiBase(http, 3), m)).ToList(), p.NextCursor, p.UnreadCount)));
    }

    private static async Task<IResult> SendAsync(Guid orderId, HttpContext http, DigitalMessageService service)
    {
        var (form, failure) = await ApiForms.ReadAsync(http).ConfigureAwait(false);
        if (failure is not null)
        {
            return failure;
        }

        var uploads = await ApiForms.UploadsAsync(form!, FilesField, http.RequestAborted).ConfigureAwait(false);
        var sent = await service.SendAsync(ApiRequest.Actor(http), orderId, ApiForms.Text(form!, TextField) ?? string.Empty, uploads, http.RequestAborted)
            .ConfigureAwait(false);
        return ApiOutcomes.Map(http, sent, s =>
            Results.Created(ApiBase(http, 3) + "/orders/" + orderId.ToString("D") + "/messages", new SentMessageResponse(s.MessageId, s.OrderId, s.Sequence, s.SentAt)));
    }

    private static async Task<IResult> MarkReadAsync(Guid orderId, MarkReadRequest? body, HttpContext http, DigitalMessageService service)
    {
        var marked = await service.MarkReadAsync(ApiRequest.Actor(http), orderId, body?.UpToMessageId, http.RequestAborted).ConfigureAwait(false);
        return ApiOutcomes.Map(http, marked, r => Results.Ok(new ThreadReadResponse(r.OrderId, r.ReadUpToSequence, r.Unread)));
    }

    private static async Task<IResult> ConsentRequestsAsync(Guid orderId, HttpContext http, DigitalMessageQueries queries)
    {
        var list = await queries.ListConsentRequestsAsync(ApiRequest.Actor(http), orderId, OrderEndpoints.Purpose(http), http.RequestAborted).ConfigureAwait(false);
        return ApiOutcomes.Map(http, list, items => Results.Ok(new ConsentRequestListResponse(items.Select(m => Message(ApiBase(http, 3), m)).ToList())));
    }

    private static async Task<IResult> InboxAsync(bool? unreadOnly, int? pageSize, string? cursor, HttpContext http, DigitalMessageQueries queries)
    {
        var query = new InboxQuery { UnreadOnly = unreadOnly ?? false, PageSize = pageSize ?? 25, Cursor = cursor };
        var page = await queries.ListInboxAsync(ApiRequest.Actor(http), query, http.RequestAborted).ConfigureAwait(false);
        return ApiOutcomes.Map(http, page, p => Results.Ok(new InboxResponse(p.Items.Select(m => Message(ApiBase(http, 2), m)).ToList(), p.NextCursor, p.UnreadTotal)));
    }

    private static async Task<IResult> UnreadCountsAsync(HttpContext http, DigitalMessageQueries queries)
    {
        var counts = await queries.GetUnreadCountsAsync(ApiRequest.Actor(http), http.RequestAborted).ConfigureAwait(false);
        return ApiOutcomes.Map(http, counts, c => Results.Ok(new UnreadCountsResponse(
            c.Total, c.ByOrder.Select(o => new OrderUnreadResponse(o.OrderId, o.Unread, o.LastReceivedAt)).ToList())));
    }

    /// <summary>The API group's path (the prefix the host chose): the request's path without the route's last <paramref name="segments"/>.</summary>
    private static string ApiBase(HttpContext http, int segments)
    {
        var path = ((http.Request.PathBase + http.Request.Path).Value ?? string.Empty).TrimEnd('/');
        for (var i = 0; i < segments && path.LastIndexOf('/') is var at and >= 0; i++)
        {
            path = path[..at];
        }

        return path;
    }

    private static MessageResponse Message(string apiBase, DigitalMessageItem m)
    {
        // Attachments open through the order's access-checked file endpoint.
        var files = apiBase + "/orders/" + m.OrderId.ToString("D") + "/files/";
        return new MessageResponse(
            m.Id, m.OrderId, m.OrderNumber, m.Sequence, m.Kind, m.SentAt, m.SenderUserId, m.SenderPartyId, m.SenderPartyKind, m.RecipientPartyId,
            m.RecipientName, m.RecipientAddress, m.Subject, m.Text, m.IsUnread,
            m.Attachments.Select(a => new MessageAttachmentResponse(a.Id, a.FileName, a.ContentType, a.Length, files + a.Id.ToString("D"))).ToList());
    }
}
