using System.Text.Json;
using Expertennetzwerk.Module.AspNetCore.Api.Http;
using Expertennetzwerk.Module.Catalog;
using Expertennetzwerk.Module.Common;
using Expertennetzwerk.Module.Consent;
using Expertennetzwerk.Module.Orders;
using Expertennetzwerk.Module.Orders.Queries;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Expertennetzwerk.Module.AspNetCore.Api.Orders;

/// <summary>
/// The order endpoints: create, save and place a draft, the workflow's commands, consent, detail, list and permitted
/// actions. Commands answer the order's new version as <c>ETag</c> and honour <c>If-Match</c> (stale → 412).
/// </summary>
internal static class OrderEndpoints
{
    /// <summary>Header with the operator's purpose for reading an order's details or files (percent-encoded UTF-8 allowed).</summary>
    public const string PurposeHeader = "X-Expertennetzwerk-Purpose";

    public static void MapOrderEndpoints(this RouteGroupBuilder api)
    {
        var orders = api.MapGroup("/orders");
        orders.MapGet("/", ListAsync);
        orders.MapPost("/", CreateAsync).WithIdempotency();
        orders.MapGet("/{orderId:guid}", GetAsync).WithOrderVersion();
        orders.MapGet("/{orderId:guid}/actions", ActionsAsync);
        orders.MapGet("/{orderId:guid}/description", DescriptionAsync);
        orders.MapPut("/{orderId:guid}/draft", SaveDraftAsync).WithOrderVersion();
        orders.MapPost("/{orderId:guid}/place", (Guid orderId, HttpContext http, ExpertOrderService service) =>
            Command(http, service.PlaceAsync(ApiRequest.Actor(http), orderId, ApiRequest.ExpectedVersion(http), http.RequestAborted))).WithOrderVersion();
        orders.MapPost("/{orderId:guid}/withdraw", (Guid orderId, ReasonRequest body, HttpContext http, ExpertOrderService service) =>
            Command(http, service.WithdrawAsync(ApiRequest.Actor(http), orderId, body.Reason ?? string.Empty, ApiRequest.ExpectedVersion(http), http.RequestAborted))).WithOrderVersion();
        orders.MapPost("/{orderId:guid}/accept", (Guid orderId, HttpContext http, ExpertOrderService service) =>
            Command(http, service.AcceptAsync(ApiRequest.Actor(http), orderId, ApiRequest.ExpectedVersion(http), http.RequestAborted))).WithOrderVersion();
        orders.MapPost("/{orderId:guid}/decline", (Guid orderId, ReasonRequest body, HttpContext http, ExpertOrderService service) =>
            Command(http, service.DeclineAsync(ApiRequest.Actor(http), orderId, body.Reason ?? string.Empty, ApiRequest.ExpectedVersion(http), http.RequestAborted))).WithOrderVersion();
        orders.MapPost("/{orderId:guid}/progress", (Guid orderId, ProgressRequest body, HttpContext http, ExpertOrderService service) =>
            Command(http, service.SetProgressStepAsync(ApiRequest.Actor(http), orderId, body.Step ?? string.Empty, ApiRequest.ExpectedVersion(http), http.RequestAborted))).WithOrderVersion();
        orders.MapPost("/{orderId:guid}/information-requests", (Guid orderId, QuestionRequest body, HttpContext http, ExpertOrderService service) =>
            Command(http, service.RequestInformationAsync(ApiRequest.Actor(http), orderId, body.Question ?? string.Empty, ApiRequest.ExpectedVersion(http), http.RequestAborted))).WithOrderVersion();
        orders.MapPost("/{orderId:guid}/information", (Guid orderId, AnswerRequest body, HttpContext http, ExpertOrderService service) =>
            Command(http, service.ProvideInformationAsync(ApiRequest.Actor(http), orderId, body.Answer ?? string.Empty, ApiRequest.ExpectedVersion(http), http.RequestAborted))).WithOrderVersion();
        orders.MapPost("/{orderId:guid}/complete", (Guid orderId, HttpContext http, ExpertOrderService service) =>
            Command(http, service.CompleteAsync(ApiRequest.Actor(http), orderId, ApiRequest.ExpectedVersion(http), http.RequestAborted))).WithOrderVersion();
        orders.MapPost("/{orderId:guid}/cancel", (Guid orderId, ReasonRequest body, HttpContext http, ExpertOrderService service) =>
            Command(http, service.CancelAsync(ApiRequest.Actor(http), orderId, body.Reason ?? string.Empty, ApiRequest.ExpectedVersion(http), http.RequestAborted))).WithOrderVersion();
        orders.MapPost("/{orderId:guid}/disputes", (Guid orderId, ReasonRequest body, HttpContext http, ExpertOrderService service) =>
            Command(http, service.OpenDisputeAsync(ApiRequest.Actor(http), orderId, body.Reason ?? string.Empty, ApiRequest.ExpectedVersion(http), http.RequestAborted))).WithOrderVersion();
        orders.MapPost("/{orderId:guid}/disputes/resolution", ResolveDisputeAsync).WithOrderVersion();
        orders.MapPost("/{orderId:guid}/consents", RequestConsentAsync).WithIdempotency().WithOrderVersion();
        orders.MapPost("/{orderId:guid}/consents/{consentId:guid}/withdrawal", RecordWithdrawalAsync).WithOrderVersion();
        orders.MapGet("/{orderId:guid}/consents", ListConsentsAsync);
        orders.MapPost("/{orderId:guid}/consents/paper", RecordPaperConsentAsync).WithIdempotency().WithUploadBodyLimit().WithOrderVersion();
        orders.MapPost("/{orderId:guid}/documentation", AddDocumentationAsync).WithIdempotency().WithUploadBodyLimit().WithOrderVersion();
        orders.MapGet("/{orderId:guid}/files/{fileId:guid}", DownloadAsync);
    }

    private static async Task<IResult> ListAsync(
        HttpContext http,
        ExpertOrderQueries queries,
        OrderState[]? state,
        Guid? serviceId,
        Guid? categoryId,
        string? customerRef,
        DateTimeOffset? createdFrom,
        DateTimeOffset? createdTo,
        DateTimeOffset? updatedFrom,
        DateTimeOffset? updatedTo,
        string? text,
        int? pageSize,
        string? cursor,
        bool? counts)
    {
        var query = new OrderListQuery
        {
            States = state is { Length: > 0 } ? state : null,
            ServiceId = serviceId,
            CategoryId = categoryId,
            CustomerRef = customerRef,
            CreatedFrom = createdFrom,
            CreatedTo = createdTo,
            UpdatedFrom = updatedFrom,
            UpdatedTo = updatedTo,
            Text = text,
            PageSize = pageSize ?? 25,
            Cursor = cursor,
            IncludeCounts = counts ?? true,
        };
        var page = await queries.ListOrdersAsync(ApiRequest.Actor(http), query, http.RequestAborted).ConfigureAwait(false);
        return ApiOutcomes.Map(http, page, p => Results.Ok(new OrderListResponse(
            p.Items.Select(i => new OrderListItemResponse(
                i.Id, i.Number, i.State, i.ServiceId, i.CategoryId, i.BrokerPartyId, i.ExpertPartyId, i.CustomerDisplayName, i.ProgressStep, i.CreatedAt, i.UpdatedAt)).ToList(),
            p.NextCursor,
            p.CountsByState?.ToDictionary(c => c.Key.ToString(), c => c.Value, StringComparer.Ordinal))));
    }

    private static async Task<IResult> CreateAsync(CreateOrderRequest body, HttpContext http, ExpertOrderService service)
    {
        var command = new CreateDraftCommand(body.ServiceId ?? Guid.Empty, body.CustomerRef ?? string.Empty, FormDataJson(body.FormData));
        var created = await service.CreateDraftAsync(ApiRequest.Actor(http), command, http.RequestAborted).ConfigureAwait(false);
        return ApiOutcomes.Map(http, created, changed =>
        {
            ApiETag.Set(http, changed.Version);
            return Results.Created(OrderPath(http, changed.OrderId), Changed(changed));
        });
    }

    private static async Task<IResult> GetAsync(Guid orderId, HttpContext http, ExpertOrderQueries queries)
    {
        var detail = await queries.GetOrderAsync(ApiRequest.Actor(http), orderId, Purpose(http), http.RequestAborted).ConfigureAwait(false);
        return ApiOutcomes.Map(http, detail, order =>
        {
            ApiETag.Set(http, order.Version);
            return Results.Ok(ToResponse(http, order));
        });
    }

    private static async Task<IResult> ActionsAsync(Guid orderId, HttpContext http, ExpertOrderQueries queries)
    {
        var actions = await queries.GetPermittedActionsAsync(ApiRequest.Actor(http), orderId, http.RequestAborted).ConfigureAwait(false);
        return ApiOutcomes.Map(http, actions, list => Results.Ok(new PermittedActionsResponse(orderId, list)));
    }

    private static async Task<IResult> DescriptionAsync(Guid orderId, string? culture, HttpContext http, ExpertOrderQueries queries)
    {
        var preview = await queries.GetOrderDescriptionAsync(ApiRequest.Actor(http), orderId, culture ?? ApiCulture.Of(http).Name, http.RequestAborted)
            .ConfigureAwait(false);
        return ApiOutcomes.Map(http, preview, p => Results.Ok(new OrderDescriptionResponse(
            p.OrderId, p.Text.Text, p.Html.Text, p.SharedData.Select(d => new SharedDataResponse(d.Category, d.LegalBasis, d.Label, d.Value)).ToList())));
    }

    private static Task<IResult> SaveDraftAsync(Guid orderId, SaveDraftRequest body, HttpContext http, ExpertOrderService service) =>
        Command(http, service.SaveDraftAsync(ApiRequest.Actor(http), orderId, FormDataJson(body.FormData) ?? string.Empty, ApiRequest.ExpectedVersion(http), http.RequestAborted));

    private static Task<IResult> ResolveDisputeAsync(Guid orderId, ResolveDisputeRequest body, HttpContext http, ExpertOrderService service)
    {
        if (body.Resolution is not { } resolution)
        {
            return Task.FromResult(ApiOutcomes.Failure(http, Result.Invalid([InputErrors.Required("resolution")])));
        }

        return Command(http, service.ResolveDisputeAsync(ApiRequest.Actor(http), orderId, resolution, body.Note ?? string.Empty, ApiRequest.ExpectedVersion(http), http.RequestAborted));
    }

    private static async Task<IResult> RequestConsentAsync(Guid orderId, RequestConsentRequest body, HttpContext http, ConsentService consents)
    {
        if (body.DataSubject is not { } subject)
        {
            return ApiOutcomes.Failure(http, Result.Invalid([InputErrors.Required("dataSubject")]));
        }

        var requested = await consents.RequestConsentAsync(
                ApiRequest.Actor(http), orderId, new RequestConsentCommand(subject, body.Name, body.Email, body.Culture), ApiRequest.ExpectedVersion(http), http.RequestAborted)
            .ConfigureAwait(false);
        return ApiOutcomes.Map(http, requested, r =>
        {
            ApiETag.Set(http, r.OrderVersion);
            return Results.Created(OrderPath(http, orderId), new ConsentRequestedResponse(r.ConsentId, r.OrderId, r.OrderVersion, r.ConsentUrl, r.WithdrawalUrl, r.ExpiresAt));
        });
    }

    private static Task<IResult> RecordWithdrawalAsync(Guid orderId, Guid consentId, RecordWithdrawalRequest body, HttpContext http, ConsentService consents)
    {
        if (body.Channel is not { } channel)
        {
            return Task.FromResult(ApiOutcomes.Failure(http, Result.Invalid([InputErrors.Required("channel")])));
        }

        return Command(http, consents.RecordWithdrawalAsync(ApiRequest.Actor(http), orderId, consentId, channel, body.Note, ApiRequest.ExpectedVersion(http), http.RequestAborted));
    }

    private static async Task<IResult> ListConsentsAsync(Guid orderId, HttpContext http, ConsentService consents)
    {
        var list = await consents.ListAsync(ApiRequest.Actor(http), orderId, http.RequestAborted).ConfigureAwait(false);
        var files = OrderPath(http, orderId) + "/files/";
        return ApiOutcomes.Map(http, list, items => Results.Ok(new ConsentListResponse(items.Select(c => new ConsentResponse(
            c.Id, c.DataSubject, c.DataSubjectName, c.Channel, c.Status, c.IsExpired, c.IsStale, c.RequestedAt, c.ExpiresAt, c.DecidedAt, c.WithdrawnAt,
            c.WithdrawalChannel, c.Text, c.ScanDocumentId is null ? null : files + c.Id.ToString("D"))).ToList())));
    }

    private static async Task<IResult> RecordPaperConsentAsync(Guid orderId, HttpContext http, ConsentService consents)
    {
        var (form, failure) = await ApiForms.ReadAsync(http).ConfigureAwait(false);
        if (failure is not null)
        {
            return failure;
        }

        var errors = new List<FieldError>();
        if (!Enum.TryParse<DataSubjectKind>(ApiForms.Text(form!, "dataSubject"), ignoreCase: false, out var subject) || !Enum.IsDefined(subject))
        {
            errors.Add(InputErrors.Required("dataSubject"));
        }

        var scans = await ApiForms.UploadsAsync(form!, "scan", http.RequestAborted).ConfigureAwait(false);
        if (scans.Count > 1)
        {
            errors.Add(InputErrors.NotAllowed("scan"));
        }

        if (errors.Count > 0)
        {
            return ApiOutcomes.Failure(http, Result.Invalid(errors));
        }

        var command = new RecordPaperConsentCommand(
            subject, scans.Count == 1 ? scans[0] : null!, ApiForms.Text(form!, "name"), ApiForms.Text(form!, "note"), ApiForms.Text(form!, "culture"));
        var recorded = await consents.RecordPaperConsentAsync(ApiRequest.Actor(http), orderId, command, ApiRequest.ExpectedVersion(http), http.RequestAborted)
            .ConfigureAwait(false);
        return ApiOutcomes.Map(http, recorded, r =>
        {
            ApiETag.Set(http, r.OrderVersion);
            return Results.Created(OrderPath(http, orderId) + "/consents", new PaperConsentResponse(r.ConsentId, r.OrderId, r.OrderVersion, r.WithdrawalUrl));
        });
    }

    private static async Task<IResult> AddDocumentationAsync(Guid orderId, HttpContext http, ExpertOrderService service)
    {
        var (form, failure) = await ApiForms.ReadAsync(http).ConfigureAwait(false);
        if (failure is not null)
        {
            return failure;
        }

        var attachments = await ApiForms.UploadsAsync(form!, "attachments", http.RequestAborted).ConfigureAwait(false);
        var result = await service.AddDocumentationAsync(
                ApiRequest.Actor(http), orderId, ApiForms.Text(form!, "text") ?? string.Empty, attachments, ApiRequest.ExpectedVersion(http), http.RequestAborted)
            .ConfigureAwait(false);
        return ApiOutcomes.Map(http, result, changed =>
        {
            ApiETag.Set(http, changed.Version);
            return Results.Created(OrderPath(http, orderId), Changed(changed));
        });
    }

    private static async Task<IResult> DownloadAsync(Guid orderId, Guid fileId, HttpContext http, ExpertOrderQueries queries)
    {
        var opened = await queries.OpenFileAsync(ApiRequest.Actor(http), orderId, fileId, Purpose(http), http.RequestAborted).ConfigureAwait(false);
        if (!opened.IsOk)
        {
            return ApiOutcomes.Failure(http, opened);
        }

        // The stored type was checked against the allowed types on upload; always a download, never rendered inline.
        var file = opened.Value;
        return Results.Stream(file.Content, file.ContentType, fileDownloadName: file.FileName);
    }

    /// <summary>A workflow command's answer: 200 with the order's new state and version (also as <c>ETag</c>).</summary>
    internal static async Task<IResult> Command(HttpContext http, Task<Result<OrderChanged>> command)
    {
        var result = await command.ConfigureAwait(false);
        return ApiOutcomes.Map(http, result, changed =>
        {
            ApiETag.Set(http, changed.Version);
            return Results.Ok(Changed(changed));
        });
    }

    private static OrderChangedResponse Changed(OrderChanged changed) => new(changed.OrderId, changed.Number, changed.State, changed.Version);

    private static string OrderPath(HttpContext http, Guid orderId)
    {
        // The group's own path (the prefix the host chose), not a hard-coded one.
        var path = http.Request.PathBase + http.Request.Path;
        var value = path.Value ?? string.Empty;
        var at = value.IndexOf("/orders", StringComparison.Ordinal);
        return (at >= 0 ? value[..at] : value) + "/orders/" + orderId.ToString("D");
    }

    private static string? FormDataJson(JsonElement? formData) =>
        formData is { ValueKind: not JsonValueKind.Null and not JsonValueKind.Undefined } element ? element.GetRawText() : null;

    internal static string? Purpose(HttpContext http)
    {
        var value = http.Request.Headers[PurposeHeader].ToString();
        if (value.Length == 0)
        {
            return null;
        }

        try
        {
            return Uri.UnescapeDataString(value);
        }
        catch (UriFormatException)
        {
            return value;
        }
    }

    private static OrderResponse ToResponse(HttpContext http, OrderDetail order)
    {
        var files = OrderPath(http, order.Id) + "/files/";
        return new OrderResponse(
            order.Id, order.Number, order.State, order.Version, order.BrokerPartyId, order.ExpertPartyId, order.ServiceId, order.ServiceVersionId, order.CategoryId,
            order.ServiceTitle, order.ProgressStep, order.DisputedFromState, order.CreatedAt, order.UpdatedAt, order.PlacedAt, order.CompletedAt, order.DataProcessingBlocked,
            order.IncludesPersonalData, order.TextsHidden, order.CustomerRef, order.CustomerDisplayName, ParseJson(order.CustomerSnapshotJson), ParseJson(order.FormDataJson),
            order.History.Select(h => new OrderHistoryResponse(h.Sequence, h.At, h.UserId, h.PartyId, h.PartyKind.ToString(), h.Event, h.FromState, h.ToState, h.Text, h.TextHidden)).ToList(),
            order.Documentation.Select(d => new OrderDocumentationResponse(d.Id, d.At, d.UserId, d.Text,
                d.Attachments.Select(a => new OrderAttachmentResponse(a.Id, a.FileName, a.ContentType, a.Length, files + a.Id.ToString("D"))).ToList())).ToList(),
            order.PermittedActions);
    }

    private static JsonElement? ParseJson(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }

        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
