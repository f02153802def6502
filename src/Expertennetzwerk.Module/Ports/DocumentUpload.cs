namespace Expertennetzwerk.Module.Ports;

/// <summary>A file with its name and MIME type.</summary>
/// <param name="FileName">The name as uploaded, e.g. <c>Gutachten.pdf</c>.</param>
/// <param name="ContentType">The MIME type, e.g. <c>application/pdf</c>.</param>
/// <param name="Content">The bytes.</param>
public sealed record DocumentUpload(string FileName, string ContentType, ReadOnlyMemory<byte> Content);
