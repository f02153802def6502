using Expertennetzwerk.Module.AspNetCore.Api.Http;
using Expertennetzwerk.Module.Outbox;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Expertennetzwerk.Module.AspNetCore.Api.DeadLetters;

/// <summary>The operator's dead letters: outbox rows given up on, newest first (keyset pages), and putting one back into delivery.</summary>
internal static class DeadLetterEndpoints
{
    public static void MapDeadLetterEndpoints(this RouteGroupBuilder api)
    {
        var deadLetters = api.MapGroup("/dead-letters").WithTags("Dead letters");
        deadLetters.MapGet("/", ListAsync)
            .Produces<DeadLetterListResponse>();
        deadLetters.MapPost("/{outboxMessageId:guid}/requeue", RequeueAsync)
            .Produces(StatusCodes.Status204NoContent);
    }

    private static async Task<IResult> ListAsync(string? cursor, int? pageSize, HttpContext http, OutboxAdministration outbox)
    {
        var page = await outbox.ListDeadLettersAsync(ApiRequest.Actor(http), cursor, pageSize ?? 25, http.RequestAborted).ConfigureAwait(false);
        return ApiOutcomes.Map(http, page, p => Results.Ok(new DeadLetterListResponse(
            p.Items.Select(d => new DeadLetterResponse(d.Id, d.OrderId, d.EventType, d.IdempotencyKey, d.CreatedAt, d.Attempts, d.FirstAttemptAt, d.LastAttemptAt, d.LastError))
                .ToList(),
            p.NextCursor)));
    }

    private static async Task<IResult> RequeueAsync(Guid outboxMessageId, HttpContext http, OutboxAdministration outbox) =>
        ApiOutcomes.Map(http, await outbox.RequeueAsync(ApiRequest.Actor(http), outboxMessageId, http.RequestAborted).ConfigureAwait(false));
}
