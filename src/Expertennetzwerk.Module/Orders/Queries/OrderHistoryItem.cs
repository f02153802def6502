using Expertennetzwerk.Module.Common;

namespace Expertennetzwerk.Module.Orders.Queries;

/// <summary>One history line as shown to a party.</summary>
/// <param name="Sequence">1, 2, 3, …</param>
/// <param name="At">When.</param>
/// <param name="UserId">Who.</param>
/// <param name="PartyId">For which party.</param>
/// <param name="PartyKind">What kind of party.</param>
/// <param name="Event">What happened.</param>
/// <param name="FromState">State before.</param>
/// <param name="ToState">State after.</param>
/// <param name="Text">Reason, question, answer, step or purpose; null when there is none or it is hidden from the reader.</param>
/// <param name="TextHidden">
/// True when the entry has a text the reader may not see now (the operator without a recorded purpose): a UI can say
/// "text hidden — state a purpose".
/// </param>
public sealed record OrderHistoryItem(
    int Sequence, DateTimeOffset At, Guid UserId, Guid PartyId, PartyKind PartyKind, string Event, OrderState FromState, OrderState ToState, string? Text,
    bool TextHidden = false);
