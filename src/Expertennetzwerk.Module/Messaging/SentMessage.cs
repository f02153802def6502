namespace Expertennetzwerk.Module.Messaging;

/// <summary>A message that was sent and committed.</summary>
/// <param name="MessageId">The message.</param>
/// <param name="OrderId">Its order.</param>
/// <param name="Sequence">Its order history sequence.</param>
/// <param name="SentAt">When it was sent.</param>
public sealed record SentMessage(Guid MessageId, Guid OrderId, int Sequence, DateTimeOffset SentAt);

/// <summary>How far a user has read an order's thread after marking it read.</summary>
/// <param name="OrderId">The order.</param>
/// <param name="ReadUpToSequence">Every message up to this sequence is read.</param>
/// <param name="Unread">Messages still unread on the order.</param>
public sealed record ThreadReadState(Guid OrderId, int ReadUpToSequence, int Unread);
