using Expertennetzwerk.Module.Common;
using Expertennetzwerk.Module.Hosting;
using Expertennetzwerk.Module.Ports;

namespace Expertennetzwerk.Module.Documents;

/// <summary>
/// The checks every upload passes before it reaches the <see cref="IDocumentStore"/>: how many, a file name, not empty,
/// at most <see cref="ExpertennetzwerkOptions.MaxAttachmentBytes"/>, a MIME type of
/// <see cref="ExpertennetzwerkOptions.AllowedAttachmentContentTypes"/>. Same rules and codes as the documentation's
/// attachments.
/// </summary>
internal static class AttachmentValidation
{
    public static IEnumerable<FieldError> Validate(IReadOnlyList<DocumentUpload> attachments, int maxCount, ExpertennetzwerkOptions options, string field = "attachments")
    {
        if (attachments.Count > maxCount)
        {
            yield return InputErrors.OutOfRange(field, 0, maxCount);
            yield break;
        }

        for (var i = 0; i < attachments.Count; i++)
        {
            var name = $"{field}[{i}]";
            var attachment = attachments[i];
            if (attachment is null)
            {
                yield return InputErrors.Required(name);
                continue;
            }

            if (InputText.Check(attachment.FileName, name + ".fileName", 255, required: true, singleLine: true, out _) is { } fileNameError)
            {
                yield return fileNameError;
            }

            if (attachment.Content.Length == 0)
            {
                yield return InputErrors.Required(name);
            }
            else if (attachment.Content.Length > options.MaxAttachmentBytes)
            {
                yield return InputErrors.FileTooLarge(name, options.MaxAttachmentBytes);
            }

            if (string.IsNullOrWhiteSpace(attachment.ContentType) || !options.AllowedAttachmentContentTypes.Contains(attachment.ContentType.Trim()))
            {
                yield return InputErrors.FileTypeRefused(name);
            }
        }
    }
}
