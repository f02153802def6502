namespace Expertennetzwerk.Module.Orders.Queries;

/// <summary>One documentation entry with its attachments.</summary>
/// <param name="Id">Id.</param>
/// <param name="At">When.</param>
/// <param name="UserId">The writing user.</param>
/// <param name="Text">The text.</param>
/// <param name="Attachments">The attached files.</param>
public sealed record OrderDocumentationItem(Guid Id, DateTimeOffset At, Guid UserId, string Text, IReadOnlyList<OrderAttachmentInfo> Attachments);

/// <summary>An attached file's metadata; open its content with <see cref="ExpertOrderQueries.OpenFileAsync"/> and <paramref name="Id"/>, which checks access.</summary>
/// <param name="Id">Attachment id (the id to open it by).</param>
/// <param name="DocumentId">Id in the document store.</param>
/// <param name="FileName">Name.</param>
/// <param name="ContentType">MIME type.</param>
/// <param name="Length">Bytes.</param>
public sealed record OrderAttachmentInfo(Guid Id, Guid DocumentId, string FileName, string ContentType, long Length);
