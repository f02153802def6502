using Expertennetzwerk.Module.Hosting;
using Expertennetzwerk.Module.Ports;
using Expertennetzwerk.Module.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Expertennetzwerk.Module.Tests.Hosting;

/// <summary>Misconfiguration fails at start with a message that says what to do — never later, at the first command.</summary>
public sealed class StartupValidationTests
{
    private const string Sqlite = "Data Source=:memory:";

    /// <summary>Name → (wiring, fragments the message must contain).</summary>
    private static readonly Dictionary<string, (Action<IServiceCollection> Wire, string[] Message)> Cases = new()
    {
        ["no storage"] = (
            s => s.AddExpertennetzwerk().UseCustomerDirectory<InMemoryCustomerDirectory>(),
            ["has no storage", "UseEntityFrameworkCore(", "UseDbContext<"]),
        ["no customer directory"] = (
            s => s.AddExpertennetzwerk().UseEntityFrameworkCore(db => db.UseSqlite(Sqlite)),
            ["ICustomerDirectory", "UseCustomerDirectory<"]),
        ["host context without AddDbContextFactory"] = (
            s => s.AddExpertennetzwerk().UseDbContext<CrmDbContext>().UseCustomerDirectory<InMemoryCustomerDirectory>(),
            ["CrmDbContext", "AddDbContextFactory<CrmDbContext>"]),
        ["host context without ApplyExpertennetzwerkModel"] = (
            s =>
            {
                s.AddDbContextFactory<CrmWithoutModuleDbContext>(db => db.UseSqlite(Sqlite).AddExpertennetzwerkInterceptors());
                s.AddExpertennetzwerk().UseDbContext<CrmWithoutModuleDbContext>().UseCustomerDirectory<InMemoryCustomerDirectory>();
            },
            ["CrmWithoutModuleDbContext does not map the Expertennetzwerk model", "modelBuilder.ApplyExpertennetzwerkModel()", "OnModelCreating"]),
        ["host context without interceptors"] = (
            s =>
            {
                s.AddDbContextFactory<CrmDbContext>(db => db.UseSqlite(Sqlite));
                s.AddExpertennetzwerk().UseDbContext<CrmDbContext>().UseCustomerDirectory<InMemoryCustomerDirectory>();
            },
            ["CrmDbContext lacks the Expertennetzwerk interceptors", "options.AddExpertennetzwerkInterceptors()"]),
        ["MaxAttachmentBytes = 0"] = (
            s => Valid(s, o => o.MaxAttachmentBytes = 0),
            ["MaxAttachmentBytes must be between 1 byte and 512 MiB (is 0)"]),
        ["MaxAttachmentBytes over 512 MiB"] = (
            s => Valid(s, o => o.MaxAttachmentBytes = 513L * 1024 * 1024),
            ["MaxAttachmentBytes must be between"]),
        ["CursorProtectionKey not Base64"] = (
            s => Valid(s, o => o.CursorProtectionKey = "geheim!"),
            ["CursorProtectionKey must be Base64 of at least 32 random bytes", "openssl rand -base64 32"]),
        ["CursorProtectionKey too short"] = (
            s => Valid(s, o => o.CursorProtectionKey = Convert.ToBase64String(new byte[16])),
            ["CursorProtectionKey must be Base64 of at least 32 random bytes"]),
        ["no attachment types"] = (
            s => Valid(s, o => o.AllowedAttachmentContentTypes.Clear()),
            ["AllowedAttachmentContentTypes is empty"]),
        ["MaxFormDataLength too small"] = (
            s => Valid(s, o => o.MaxFormDataLength = 10),
            ["MaxFormDataLength must be between 1 KiB and 16 MiB (is 10)"]),
        ["no PublicBaseUrl"] = (
            s => Valid(s, o => o.PublicBaseUrl = null),
            ["PublicBaseUrl = new Uri(", "IPublicLinks"]),
        ["digest hour out of range"] = (
            s => Valid(s, o => o.NotificationDigestHour = 24),
            ["NotificationDigestHour must be an hour between 0 and 23"]),
        ["PublicBaseUrl not http"] = (
            s => Valid(s, o => o.PublicBaseUrl = new Uri("ftp://crm.example.org/")),
            ["PublicBaseUrl must be an absolute http(s) address"]),
        ["no mail sender"] = (
            s => s.AddExpertennetzwerk(o => o.PublicBaseUrl = new Uri("https://crm.example.org/"))
                .UseEntityFrameworkCore(db => db.UseSqlite(Sqlite)).UseCustomerDirectory<InMemoryCustomerDirectory>(),
            ["no way to send mail", "UseMailSender<", "UseDevelopmentMailbox()"]),
        ["Outbox.MaxAttempts = 0"] = (
            s => Valid(s, o => o.Outbox.MaxAttempts = 0),
            ["Outbox.MaxAttempts must be between 1 and 100 (is 0)"]),
        ["Outbox.MaxAttempts = 101"] = (
            s => Valid(s, o => o.Outbox.MaxAttempts = 101),
            ["Outbox.MaxAttempts must be between 1 and 100 (is 101)"]),
        ["Outbox.LeaseDuration zero"] = (
            s => Valid(s, o => o.Outbox.LeaseDuration = TimeSpan.Zero),
            ["Outbox.LeaseDuration must be between 1 second and 24 hours"]),
        ["Outbox.BatchSize = 0"] = (
            s => Valid(s, o => o.Outbox.BatchSize = 0),
            ["Outbox.BatchSize must be between 1 and 1000 (is 0)"]),
        ["Outbox.MaxRetryDelay below BaseRetryDelay"] = (
            s => Valid(s, o =>
            {
                o.Outbox.BaseRetryDelay = TimeSpan.FromMinutes(5);
                o.Outbox.MaxRetryDelay = TimeSpan.FromMinutes(1);
            }),
            ["Outbox.MaxRetryDelay must be at least BaseRetryDelay"]),
        ["Outbox.BaseRetryDelay zero"] = (
            s => Valid(s, o => o.Outbox.BaseRetryDelay = TimeSpan.Zero),
            ["Outbox.BaseRetryDelay must be positive"]),
        ["Outbox.PollInterval too short"] = (
            s => Valid(s, o => o.Outbox.PollInterval = TimeSpan.FromMilliseconds(1)),
            ["Outbox.PollInterval must be between 10 ms and 1 hour"]),
        ["Outbox.MessageIdDomain invalid"] = (
            s => Valid(s, o => o.Outbox.MessageIdDomain = "bad domain"),
            ["Outbox.MessageIdDomain must be a domain"]),
        ["Outbox.MaxConcurrency = 0"] = (
            s => Valid(s, o => o.Outbox.MaxConcurrency = 0),
            ["Outbox.MaxConcurrency must be between 1 and 64 (is 0)"]),
    };

    public static TheoryData<string> CaseNames() => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void ValidateExpertennetzwerk_says_what_to_do(string name)
    {
        var services = new ServiceCollection();
        Cases[name].Wire(services);
        using var provider = services.BuildServiceProvider();

        var thrown = FluentActions.Invoking(provider.ValidateExpertennetzwerk).Should().Throw<Exception>().Which;

        Messages(thrown).Should().Contain(m => Cases[name].Message.All(m.Contains), "the message must name the fix for \"{0}\"", name);
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task A_generic_host_does_not_start_and_says_what_to_do(string name)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        Cases[name].Wire(builder.Services);
        using var host = builder.Build();

        var thrown = (await FluentActions.Awaiting(() => host.StartAsync()).Should().ThrowAsync<Exception>()).Which;

        Messages(thrown).Should().Contain(m => Cases[name].Message.All(m.Contains), "the host must not start with \"{0}\"", name);
    }

    [Fact]
    public async Task A_complete_configuration_starts_and_stops()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        Valid(builder.Services, o => o.CursorProtectionKey = Convert.ToBase64String(new byte[32]));
        builder.Services.AddDbContextFactory<CrmDbContext>(db => db.UseSqlite(Sqlite).AddExpertennetzwerkInterceptors());
        builder.Services.AddExpertennetzwerk().UseDbContext<CrmDbContext>().UseDevelopmentMailbox();
        builder.Services.AddSingleton<IPublicLinks, FixedLinks>(); // a host's own links need no PublicBaseUrl
        using var host = builder.Build();
        await host.StartAsync();
        host.Services.ValidateExpertennetzwerk();

        // What the configuration asked for is what runs: the host's own links (so no PublicBaseUrl was needed), its cursor
        // key, the module's model in the host's context, and the outbox dispatcher among the started services.
        host.Services.GetRequiredService<IPublicLinks>().Should().BeOfType<FixedLinks>();
        host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ExpertennetzwerkOptions>>().Value.CursorProtectionKey
            .Should().Be(Convert.ToBase64String(new byte[32]));
        await using (var crm = await host.Services.GetRequiredService<IDbContextFactory<CrmDbContext>>().CreateDbContextAsync())
        {
            crm.Model.FindEntityType(typeof(Module.Orders.ExpertOrder)).Should().NotBeNull("the host's context maps the module");
        }

        host.Services.GetServices<IHostedService>().Should().Contain(s => s is Module.Outbox.OutboxDispatcher);
        await host.StopAsync();
    }

    private static void Valid(IServiceCollection services, Action<ExpertennetzwerkOptions> options) =>
        services.AddExpertennetzwerk(o =>
        {
            o.PublicBaseUrl = new Uri("https://crm.example.org/");
            options(o);
        }).UseEntityFrameworkCore(db => db.UseSqlite(Sqlite)).UseCustomerDirectory<InMemoryCustomerDirectory>().UseDevelopmentMailbox();

    private sealed class FixedLinks : IPublicLinks
    {
        private static readonly Uri Root = new("https://links.example.org/");

        public Uri Order(Guid networkId, Guid orderId) => Root;

        public Uri Rating(Guid networkId, Guid orderId) => Root;

        public Uri Consent(string token) => Root;

        public Uri ConsentWithdrawal(string token) => Root;

        public Uri DeadLetters(Guid networkId) => Root;
    }

    /// <summary>The message of the exception and of everything it wraps (a host may aggregate start-up failures).</summary>
    private static List<string> Messages(Exception exception)
    {
        var messages = new List<string>();
        var pending = new Stack<Exception>([exception]);
        while (pending.TryPop(out var current))
        {
            messages.Add(current.Message);
            if (current is AggregateException aggregate)
            {
                aggregate.InnerExceptions.ToList().ForEach(pending.Push);
            }
            else if (current.InnerException is { } inner)
            {
                pending.Push(inner);
            }
        }

        return messages;
    }
}
