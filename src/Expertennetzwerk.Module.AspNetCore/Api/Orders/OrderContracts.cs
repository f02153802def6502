using System.Text.Json;
using System.Text.Json.Serialization;
using Expertennetzwerk.Module.Catalog;
using Expertennetzwerk.Module.Consent;
using Expertennetzwerk.Module.Orders;

namespace Expertennetzwerk.Module.AspNetCore.Api.Orders;

// The wire shapes of the order endpoints: the API's own, so the core's records can change without breaking clients.
// Every request field is nullable: a missing field reaches the core, which answers it as a field error (400).

internal sealed record CreateOrderRequest(Guid? ServiceId, string? CustomerRef, JsonElement? FormData);

internal sealed record SaveDraftRequest(JsonElement? FormData);

internal sealed record ReasonRequest(string? Reason);

internal sealed record ProgressRequest(string? Step);

internal sealed record QuestionRequest(string? Question);

internal sealed record AnswerRequest(string? Answer);

internal sealed record ResolveDisputeRequest(DisputeResolution? Resolution, string? Note);

internal sealed record RequestConsentRequest(DataSubjectKind? DataSubject, string? Name, string? Email, string? Culture);

internal sealed record RecordWithdrawalRequest(Guid? ConsentId, ConsentChannel? Channel, string? Note);

internal sealed record OrderChangedResponse(Guid Id, string Number, OrderState State, long Version);

internal sealed record ConsentRequestedResponse(Guid ConsentId, Guid OrderId, long OrderVersion, Uri ConsentUrl, Uri WithdrawalUrl, DateTimeOffset ExpiresAt);

internal sealed record PaperConsentResponse(Guid ConsentId, Guid OrderId, long OrderVersion, Uri WithdrawalUrl);

internal sealed record OrderResponse(
    Guid Id,
    string Number,
    OrderState State,
    long Version,
    Guid BrokerPartyId,
    Guid ExpertPartyId,
    Guid ServiceId,
    Guid ServiceVersionId,
    Guid CategoryId,
    string? ServiceTitle,
    string? ProgressStep,
    OrderState? DisputedFromState,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? PlacedAt,
    DateTimeOffset? CompletedAt,
    bool DataProcessingBlocked,
    bool IncludesPersonalData,
    bool TextsHidden,
    string? CustomerRef,
    string? CustomerDisplayName,
    JsonElement? CustomerSnapshot,
    JsonElement? FormData,
    IReadOnlyList<OrderHistoryResponse> History,
    IReadOnlyList<OrderDocumentationResponse> Documentation,
    IReadOnlyList<OrderTrigger> PermittedActions);

internal sealed record OrderHistoryResponse(
    int Sequence, DateTimeOffset At, Guid UserId, Guid PartyId, string PartyKind, string Event, OrderState FromState, OrderState ToState, string? Text, bool TextHidden);

internal sealed record OrderDocumentationResponse(Guid Id, DateTimeOffset At, Guid UserId, string Text, IReadOnlyList<OrderAttachmentResponse> Attachments);

internal sealed record OrderAttachmentResponse(Guid Id, string FileName, string ContentType, long Length, string Href);

internal sealed record OrderListItemResponse(
    Guid Id,
    string Number,
    OrderState State,
    Guid ServiceId,
    Guid CategoryId,
    Guid BrokerPartyId,
    Guid ExpertPartyId,
    string? CustomerDisplayName,
    string? ProgressStep,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

internal sealed record OrderListResponse(IReadOnlyList<OrderListItemResponse> Items, string? NextCursor, IReadOnlyDictionary<string, long>? CountsByState);

internal sealed record PermittedActionsResponse(Guid OrderId, IReadOnlyList<OrderTrigger> Actions);

internal sealed record OrderDescriptionResponse(Guid OrderId, string Text, string Html, IReadOnlyList<SharedDataResponse> SharedData);

internal sealed record SharedDataResponse(string Category, string LegalBasis, string Label, string Value);

internal sealed record ConsentResponse(
    Guid Id,
    DataSubjectKind DataSubject,
    string DataSubjectName,
    ConsentChannel Channel,
    ConsentStatus Status,
    bool IsExpired,
    bool IsStale,
    DateTimeOffset RequestedAt,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? DecidedAt,
    DateTimeOffset? WithdrawnAt,
    ConsentChannel? WithdrawalChannel,
    string Text,
    string? ScanHref);

internal sealed record ConsentListResponse(IReadOnlyList<ConsentResponse> Items);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(CreateOrderRequest))]
[JsonSerializable(typeof(SaveDraftRequest))]
[JsonSerializable(typeof(ReasonRequest))]
[JsonSerializable(typeof(ProgressRequest))]
[JsonSerializable(typeof(QuestionRequest))]
[JsonSerializable(typeof(AnswerRequest))]
[JsonSerializable(typeof(ResolveDisputeRequest))]
[JsonSerializable(typeof(RequestConsentRequest))]
[JsonSerializable(typeof(RecordWithdrawalRequest))]
[JsonSerializable(typeof(OrderChangedResponse))]
[JsonSerializable(typeof(ConsentRequestedResponse))]
[JsonSerializable(typeof(PaperConsentResponse))]
[JsonSerializable(typeof(OrderResponse))]
[JsonSerializable(typeof(OrderListResponse))]
[JsonSerializable(typeof(PermittedActionsResponse))]
[JsonSerializable(typeof(OrderDescriptionResponse))]
[JsonSerializable(typeof(ConsentListResponse))]
internal sealed partial class OrdersJsonContext : JsonSerializerContext;
