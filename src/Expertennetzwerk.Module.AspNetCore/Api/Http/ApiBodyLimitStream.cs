namespace Expertennetzwerk.Module.AspNetCore.Api.Http;

/// <summary>
/// The request body of an API endpoint, cut off at its limit: reading past it throws
/// <see cref="ApiBodyTooLargeException"/>, which the pipeline answers with 413. The server's own limit is set too, but
/// the framework's JSON binding treats the server's exception as a broken connection and answers no status of its own.
/// </summary>
internal sealed class ApiBodyLimitStream(Stream inner, long limit) : Stream
{
    private long _read;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _read;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Count(await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private int Count(int read)
    {
        _read += read;
        return _read > limit ? throw new ApiBodyTooLargeException() : read;
    }
}

/// <summary>The request body passed its endpoint's limit (answered 413).</summary>
internal sealed class ApiBodyTooLargeException : Exception
{
    public ApiBodyTooLargeException()
        : base("The request body is larger than the endpoint's limit.")
    {
    }

    public ApiBodyTooLargeException(string message)
        : base(message)
    {
    }

    public ApiBodyTooLargeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
