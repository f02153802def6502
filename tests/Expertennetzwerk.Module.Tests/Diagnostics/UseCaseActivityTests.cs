using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;
using System.Runtime.CompilerServices;
using Expertennetzwerk.Module.Catalog;
using Expertennetzwerk.Module.Common;
using Expertennetzwerk.Module.Consent;
using Expertennetzwerk.Module.Diagnostics;
using Expertennetzwerk.Module.Messaging;
using Expertennetzwerk.Module.Notifications;
using Expertennetzwerk.Module.Orders;
using Expertennetzwerk.Module.Outbox;
using Expertennetzwerk.Module.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Expertennetzwerk.Module.Tests.Diagnostics;

/// <summary>
/// Every public use case taking an actor is exactly one activity with an outcome: each is called by reflection with an
/// actor whose user is no member of its party, so each answers Forbidden — and a use case added later without its
/// activity fails here.
/// </summary>
public sealed class UseCaseActivityTests
{
    private static readonly Type[] Services =
    [
        typeof(ExpertOrderService), typeof(ExpertOrderQueries), typeof(ConsentService), typeof(DigitalMessageService), typeof(DigitalMessageQueries),
        typeof(ServiceCatalog), typeof(ServiceAdministration), typeof(NotificationPreferences), typeof(OutboxAdministration),
    ];

    [Fact]
    public async Task Every_use_case_with_an_actor_is_one_activity_tagged_Forbidden_for_an_unverified_actor()
    {
        await using var host = await ModuleHost.StartAsync(DatabaseKind.Sqlite);
        var stranger = Actor.Broker(host.Network.NetworkId, host.Network.BrokerPartyId, Guid.CreateVersion7());
        var activities = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == ExpertennetzwerkDiagnostics.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a =>
            {
                if (Equals(a.GetTagItem(ExpertennetzwerkDiagnostics.NetworkTag), host.Network.NetworkId))
                {
                    activities.Enqueue(a);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);

        var useCases = Services.SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Where(m => m.GetParameters() is [{ ParameterType: var first }, ..] && first == typeof(Actor))
            .ToList();
        useCases.Should().HaveCountGreaterThan(30);
        var missing = new List<string>();
        foreach (var method in useCases)
        {
            activities.Clear();
            var service = host.Services.GetRequiredService(method.DeclaringType!);
            var arguments = method.GetParameters().Select(p => p.ParameterType == typeof(Actor) ? stranger : Placeholder(p)).ToArray();
            var result = await ((Task<Result>)Upcast((Task)method.Invoke(service, arguments)!));
            result.Status.Should().Be(ResultStatus.Forbidden, method.Name);
            if (activities.Count != 1 || !Equals(activities.Single().GetTagItem(ExpertennetzwerkDiagnostics.OutcomeTag), "Forbidden"))
            {
                missing.Add($"{method.DeclaringType!.Name}.{method.Name}: {activities.Count} activities");
            }
        }

        missing.Should().BeEmpty();
    }

    private static object? Placeholder(ParameterInfo parameter)
    {
        var type = parameter.ParameterType;
        if (parameter.HasDefaultValue && type != typeof(CancellationToken))
        {
            return parameter.DefaultValue;
        }

        return type switch
        {
            _ when type == typeof(CancellationToken) => CancellationToken.None,
            _ when type == typeof(Guid) => Guid.CreateVersion7(),
            _ when type == typeof(string) => "x",
            _ when type.IsValueType => Activator.CreateInstance(type),
            _ when type.IsAbstract || type.IsInterface => null,
            _ => RuntimeHelpers.GetUninitializedObject(type),
        };
    }

    private static async Task<Result> Upcast(Task task)
    {
        await task;
        return (Result)task.GetType().GetProperty("Result")!.GetValue(task)!;
    }
}
