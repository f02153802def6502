using System.Text.Encodings.Web;
using System.Text.Unicode;
using Expertennetzwerk.Module.Hosting;
using Expertennetzwerk.SampleHost.Api;
using Expertennetzwerk.SampleHost.Crm;
using Expertennetzwerk.SampleHost.Demo;
using Expertennetzwerk.SampleHost.Mailbox;
using Scalar.AspNetCore;

namespace Expertennetzwerk.SampleHost;

/// <summary>
/// Builds and prepares the sample CRM host. <c>Program.cs</c> and the tests use the same two calls, so the tests boot
/// exactly what <c>dotnet run</c> boots.
/// </summary>
public static class SampleHostApp
{
    /// <summary>
    /// Configures the host: the CRM's own context for the configured provider (<c>Database:Provider</c>), the module
    /// mapped into it, the sample's customer directory, the development mailbox, the demo seeder and the endpoints.
    /// </summary>
    public static WebApplication Build(string[] args)
    {
        // The sample's own name even when a test process hosts it: its Razor Pages and static web assets are found by it.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ApplicationName = typeof(SampleHostApp).Assembly.GetName().Name });

        // 1. The CRM's own context, with the module's interceptors (checked at start).
        builder.Services.AddSampleCrmDatabase(builder.Configuration, builder.Environment.ContentRootPath);

        // 2. The module stores its data through that context and finds customers in the CRM's table.
        var expertennetzwerk = builder.Services
            .AddExpertennetzwerk(options =>
            {
                options.PublicBaseUrl = new Uri(builder.Configuration["Expertennetzwerk:PublicBaseUrl"] ?? "http://127.0.0.1:5080/");
                options.CursorProtectionKey = builder.Configuration["Expertennetzwerk:CursorProtectionKey"];
                builder.Configuration.GetSection("Expertennetzwerk:Outbox").Bind(options.Outbox); // e.g. short leases and retries in the load harness
            })
            .UseDbContext<SampleCrmDbContext>()
            .UseCustomerDirectory<SampleCustomerDirectory>()
            .UseDevelopmentMailbox() // mails are never sent: kept in memory ...
            .UseMailSender<StoredMailbox>() // ... and in the sample's database, for the mailbox page (/mailbox), across restarts
            .AddHostEventHandler<CustomerTimelineWriter>() // order events onto the customer's timeline, after the commit
            .AddAspNetCore(edge =>
            {
                edge.DefaultNetworkId = DemoIds.Network; // the HTTP edge: actor from claims (one network), antiforgery for the consent pages
                edge.SignInUrl = "/demo"; // where the web UI sends a visitor who is not signed in
                edge.CustomersUrl = "/kunden"; // the CRM's own customer pages, linked from the module's start page
            });

        // Mail:Smtp:Host set: mails go to that SMTP server through the module's SMTP package instead of the mailbox above.
        var smtp = builder.Configuration.GetSection("Mail:Smtp");
        if (!string.IsNullOrEmpty(smtp["Host"]))
        {
            expertennetzwerk.UseSmtp(smtp);
        }

        // Health: the module's database reachable and migrated, its outbox flowing (GET /health).
        builder.Services.AddHealthChecks().AddExpertennetzwerkHealthChecks();

        builder.Services.AddScoped<DemoSeeder>();
        builder.Services.AddScoped<DemoReset>(); // "Demo zurücksetzen" on the mailbox page (Development only)
        builder.Services.AddDemoSignIn(); // the CRM's own sign-in stands in here: a cookie with the claims the module's API reads

        // Readable JSON for people looking at the sample: umlauts as they are, indented.
        builder.Services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.Encoder = JavaScriptEncoder.Create(UnicodeRanges.All);
            json.SerializerOptions.WriteIndented = true;
        });

        // The API's OpenAPI document (only the module's group), shown with Scalar in Development.
        builder.Services.AddOpenApi(ExpertennetzwerkApiEndpoints.OpenApiDocumentName, openApi =>
        {
            openApi.ShouldInclude = endpoint => endpoint.GroupName == ExpertennetzwerkApiEndpoints.OpenApiDocumentName;
            openApi.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "Expertennetzwerk API";
                document.Info.Version = "v1";
                return Task.CompletedTask;
            });
        });

        var app = builder.Build();
        app.UseStaticFiles(); // the web UI's stylesheet (a static web asset of the module's package)
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapSampleEndpoints();
        app.MapDemoSignIn();
        app.MapExpertennetzwerkConsentPages(app.Configuration["Expertennetzwerk:ConsentPrefix"] ?? "/expertennetzwerk/consent"); // where the links in the data subjects' mails lead
        app.MapExpertennetzwerkApi(app.Configuration["Expertennetzwerk:ApiPrefix"] ?? "/expertennetzwerk/api/v1"); // the module's HTTP API
        app.MapExpertennetzwerkPages(app.Configuration["Expertennetzwerk:PagesPrefix"] ?? "/expertennetzwerk"); // the web UI, and the sample's own pages (/demo)
        app.MapHealthChecks("/health");
        if (app.Environment.IsDevelopment())
        {
            app.MapOpenApi(); // /openapi/expertennetzwerk.json
            app.MapScalarApiReference(scalar => scalar.AddDocument(ExpertennetzwerkApiEndpoints.OpenApiDocumentName)); // /scalar
        }
        return app;
    }

    /// <summary>Where the module's pages are mapped (<c>Expertennetzwerk:PagesPrefix</c>, default <c>/expertennetzwerk</c>).</summary>
    public static string PagesPrefix(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return (configuration["Expertennetzwerk:PagesPrefix"] ?? "/expertennetzwerk").TrimEnd('/');
    }

    /// <summary>
    /// Checks the module's wiring, applies the provider's migrations (creating the database when needed) and seeds the
    /// demo data unless <c>Demo:Seed</c> is <c>false</c> — once per database: instances started together on one
    /// database take turns (<see cref="ExpertennetzwerkServiceProviderExtensions.PrepareExpertennetzwerkDatabaseAsync"/>), and
    /// the later ones find the work done. Safe on every start.
    /// </summary>
    public static Task PrepareAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        var seed = services.GetRequiredService<IConfiguration>().GetValue("Demo:Seed", defaultValue: true);
        return services.PrepareExpertennetzwerkDatabaseAsync(seed ? SeedDemoAsync : null, cancellationToken);
    }

    private static async Task SeedDemoAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(cancellationToken);
    }
}
