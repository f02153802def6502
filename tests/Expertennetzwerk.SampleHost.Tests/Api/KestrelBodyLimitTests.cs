using System.Net;
using System.Text;
using Expertennetzwerk.SampleHost.Demo;
using Expertennetzwerk.SampleHost.Tests.Api.Support;
using Expertennetzwerk.SampleHost.Tests.Support;

namespace Expertennetzwerk.SampleHost.Tests.Api;

/// <summary>
/// The body limit under the real server (Kestrel), signed in through the sample's own cookie sign-in: a declared length
/// over the limit is 413 at once, and a chunked body without a length is stopped by the server at the limit — 413, not
/// read whole.
/// </summary>
public sealed class KestrelBodyLimitTests
{
    [Fact]
    public async Task Kestrel_answers_413_for_a_declared_and_for_a_chunked_oversized_body()
    {
        await using var database = SampleDatabaseFixture.Sqlite();
        await using var host = await RunningSampleHost.StartAsync(database);
        using var signIn = await host.Client.PostAsync(new Uri($"/demo/sign-in/{DemoIds.UserMueller}", UriKind.Relative), null);
        signIn.StatusCode.Should().Be(HttpStatusCode.NoContent, "the sample signs demo users in with a cookie in Development");
        var path = new Uri($"/expertennetzwerk/api/v1/orders/{Guid.NewGuid()}/withdraw", UriKind.Relative);

        using var small = await host.Client.SendAsync(HttpMethod.Post, path, new { reason = "Bitte nicht mehr bearbeiten." });
        await small.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not_found"); // signed in and read: the order is unknown

        using var declared = await host.Client.SendAsync(HttpMethod.Post, path, "{\"reason\":\"" + new string('x', 400 * 1024) + "\"}");
        await declared.ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge, "request_too_large");

        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ChunkedJson(400 * 1024) };
        request.Headers.TransferEncodingChunked = true;
        using var chunked = await host.Client.SendAsync(request);
        await chunked.ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge, "request_too_large");
    }

    /// <summary>A JSON body streamed without a Content-Length.</summary>
    private sealed class ChunkedJson : HttpContent
    {
        private readonly int _length;

        public ChunkedJson(int length)
        {
            _length = length;
            Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            await stream.WriteAsync(Encoding.UTF8.GetBytes("{\"reason\":\""));
            var block = Encoding.UTF8.GetBytes(new string('x', 8 * 1024));
            for (var written = 0; written < _length; written += block.Length)
            {
                await stream.WriteAsync(block);
            }

            await stream.WriteAsync(Encoding.UTF8.GetBytes("\"}"));
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
