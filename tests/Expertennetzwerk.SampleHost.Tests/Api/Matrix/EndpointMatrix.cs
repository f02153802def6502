using System.Net;
using System.Text;
using Expertennetzwerk.SampleHost.Tests.Api.Support;

namespace Expertennetzwerk.SampleHost.Tests.Api.Matrix;

/// <summary>What a matrix row's request is aimed at: the order made for it (<see cref="Guid.Empty"/> when the row needs none), a consent or a file of it.</summary>
public sealed record MatrixTarget(Guid OrderId, Guid ConsentId = default, Guid FileId = default);

/// <summary>
/// One endpoint of an authorization matrix: how to make its target (a fresh order in some state), the request, and the
/// expected status for each <see cref="ApiActor"/>, in the order of <see cref="EndpointMatrix.Actors"/>. The expectations
/// are literals in the table files — written from the design (who may do what), never computed from the code.
/// </summary>
public sealed record MatrixRow(
    string Endpoint,
    Func<ApiHost, Task<MatrixTarget>> Arrange,
    HttpMethod Method,
    Func<MatrixTarget, string> Path,
    Func<MatrixTarget, object?> Body,
    int[] Expected);

/// <summary>Runs a matrix: every row × every actor, and one failure listing every cell that differs (with the actual table, for review).</summary>
public static class EndpointMatrix
{
    public static readonly ApiActor[] Actors =
    [
        ApiActor.OwningBroker, ApiActor.OtherBroker, ApiActor.AssignedExpert, ApiActor.OtherExpert, ApiActor.OperatorWithoutPurpose,
        ApiActor.OperatorWithPurpose, ApiActor.OtherNetworkUser, ApiActor.ForeignPartyClaim, ApiActor.Anonymous,
    ];

    /// <summary>A target without an order (catalogue, list, create).</summary>
    public static Task<MatrixTarget> NoOrder(ApiHost host) => Task.FromResult(new MatrixTarget(Guid.Empty));

    /// <summary>A fresh order of the matrix in <paramref name="state"/> (see <see cref="ApiCalls.OrderInStateAsync"/>).</summary>
    public static Func<ApiHost, Task<MatrixTarget>> Order(string state) =>
        async host => new MatrixTarget(await host.OrderInStateAsync(state));

    /// <summary>A fresh order in progress with one documentation entry carrying a PDF (its attachment is the target's file).</summary>
    public static async Task<MatrixTarget> DocumentedOrder(ApiHost host)
    {
        var orderId = await host.OrderInStateAsync("InProgress");
        return new MatrixTarget(orderId, FileId: await host.DocumentAsync(orderId));
    }

    /// <summary>A fresh PKV draft of the owning broker (its service needs the customer's consent).</summary>
    public static async Task<MatrixTarget> ConsentDraft(ApiHost host) => new(await host.ConsentDraftAsync());

    /// <summary>A fresh PKV draft whose customer consented through the consent page (the target's consent).</summary>
    public static async Task<MatrixTarget> GivenConsent(ApiHost host)
    {
        var orderId = await host.ConsentDraftAsync();
        return new MatrixTarget(orderId, ConsentId: await host.GiveConsentAsync(orderId));
    }

    public static async Task RunAsync(ApiHost host, IReadOnlyList<MatrixRow> rows)
    {
        var mismatches = new List<string>();
        var actual = new StringBuilder();
        foreach (var row in rows)
        {
            row.Expected.Should().HaveCount(Actors.Length, "row {0} needs one status per actor", row.Endpoint);
            var statuses = new int[Actors.Length];

            // Cells expected to fail leave the target as it was, so they share one; each expected success gets its own.
            var shared = await row.Arrange(host);
            foreach (var failing in Enumerable.Range(0, Actors.Length).Where(i => row.Expected[i] >= 300).Concat(Enumerable.Range(0, Actors.Length).Where(i => row.Expected[i] < 300)))
            {
                var target = row.Expected[failing] < 300 ? await row.Arrange(host) : shared;
                using var response = await host.Client(Actors[failing]).SendAsync(row.Method, host.Path(row.Path(target)), row.Body(target));
                statuses[failing] = (int)response.StatusCode;
                if (statuses[failing] >= 400)
                {
                    await response.ShouldBeProblemAsync((HttpStatusCode)statuses[failing]);
                }

                if (statuses[failing] != row.Expected[failing])
                {
                    mismatches.Add($"{row.Endpoint} as {Actors[failing]}: expected {row.Expected[failing]}, got {statuses[failing]} ({await response.Content.ReadAsStringAsync()})");
                }
            }

            actual.Append("            [").Append(string.Join(", ", statuses)).Append("], // ").AppendLine(row.Endpoint);
        }

        mismatches.Should().BeEmpty("every cell answers as the table says; the actual table was:\n{0}", actual.ToString());
    }
}
