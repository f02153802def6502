// The README's embedding example, verbatim between the markers, so it keeps compiling (docs/embedding-snippet.md holds
// the same block; a test in tests/Expertennetzwerk.SampleHost.Tests fails when the two drift apart and runs it, and
// PackageTests builds it against the packed packages).
// <embedding-example>
using Expertennetzwerk.Module.Common;
using Expertennetzwerk.Module.Hosting;
using Expertennetzwerk.Module.Orders;
using Expertennetzwerk.Module.Ports;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MyCrm;

// Your CRM's own context: the module's tables join its model and its migrations.
public class CrmDbContext(DbContextOptions<CrmDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.ApplyExpertennetzwerkModel();
}

// How the module finds your customers: look the reference up in your customer table (here one fixed customer).
public sealed class CrmCustomerDirectory : ICustomerDirectory
{
    public Task<CustomerRecord?> FindAsync(Guid networkId, Guid brokerPartyId, string customerRef, CancellationToken cancellationToken = default) =>
        Task.FromResult(customerRef == "K-10001"
            ? new CustomerRecord(customerRef, "Dr. Erika Mustermann", new Dictionary<string, string?> { ["birthDate"] = "1961-04-12" })
            : null);
}

public static class CrmSetup
{
    // Start-up: your context factory with the module's interceptors, then the module on top of it.
    public static void AddCrm(IServiceCollection services, string connectionString) => services
        .AddDbContextFactory<CrmDbContext>(db => db.UseSqlite(connectionString).AddExpertennetzwerkInterceptors())
        .AddExpertennetzwerk(options => options.PublicBaseUrl = new Uri("https://crm.example.org/")) // links in mails
        .UseDbContext<CrmDbContext>()
        .UseCustomerDirectory<CrmCustomerDirectory>() // your ICustomerDirectory over your customer table
        .UseDevelopmentMailbox() // mails kept in memory; in production .UseMailSender<YourMailSender>() (e.g. SMTP)
        .AddAspNetCore(); // the HTTP edge (Expertennetzwerk.Module.AspNetCore): actor from claims, antiforgery

    // The web host: the database is prepared once before serving (safe when several instances start together).
    public static async Task<WebApplication> BuildAppAsync(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        AddCrm(builder.Services, builder.Configuration.GetConnectionString("Crm") ?? "Data Source=crm.db");
        var app = builder.Build();
        await app.Services.PrepareExpertennetzwerkDatabaseAsync(); // your migrations (or the schema), under a lock
        app.UseAntiforgery();
        app.MapExpertennetzwerkConsentPages(); // where the consent links in the data subjects' mails lead
        app.MapExpertennetzwerkApi(); // the JSON API under /expertennetzwerk/api/v1 for your signed-in users
        app.UseStaticFiles(); // the web UI's stylesheet (a static web asset of the package)
        app.MapExpertennetzwerkPages(); // the web UI under /expertennetzwerk (Razor Pages, framed by your _Layout)
        return app;
    }

    // In a migration after your first `dotnet ef migrations add`: migrationBuilder.AddExpertennetzwerkSearch();

    // A use case: who acts (network, party, user), then the command.
    public static Task<Result<OrderChanged>> OrderAsync(ExpertOrderService orders, Guid networkId, Guid brokerPartyId, Guid userId, Guid serviceId) =>
        orders.CreateDraftAsync(Actor.Broker(networkId, brokerPartyId, userId), new CreateDraftCommand(serviceId, "K-10001"));
}
// </embedding-example>
