using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Expertennetzwerk.Module.Hosting;

/// <summary>Runs <see cref="ExpertennetzwerkConfigurationCheck.ValidateExpertennetzwerk"/> when the host starts.</summary>
internal sealed class ExpertennetzwerkStartupCheck(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        services.ValidateExpertennetzwerk();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
