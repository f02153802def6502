using Expertennetzwerk.Module.Common;
using Expertennetzwerk.Module.HostEvents;
using Expertennetzwerk.Module.Orders.Workflow;
using Expertennetzwerk.Module.Persistence;
using Expertennetzwerk.Module.Ports;
using Expertennetzwerk.Module.Templates;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Expertennetzwerk.Module.Hosting;

/// <summary>Configures the module after <c>services.AddExpertennetzwerk(...)</c>: storage, ports and workflow extensions.</summary>
public sealed class ExpertennetzwerkBuilder
{
    internal ExpertennetzwerkBuilder(IServiceCollection services) => Services = services;

    /// <summary>The host's service collection.</summary>
    public IServiceCollection Services { get; }

    /// <summary>
    /// Lets the module own its storage in <see cref="ExpertennetzwerkDbContext"/>, configured by
    /// <paramref name="configure"/> (e.g. <c>db =&gt; db.UseSqlite("Data Source=app.db")</c>). The module's interceptors
    /// are attached for you. Create the schema with <c>services.PrepareExpertennetzwerkDatabaseAsync()</c> at start (once
    /// per database, also when several instances start together), <c>EnsureExpertennetzwerkCreatedAsync()</c> or your own
    /// migrations.
    /// </summary>
    public ExpertennetzwerkBuilder UseEntityFrameworkCore(Action<DbContextOptionsBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        // Pooled: the module takes a context per call, and a fresh one costs about as much as a list page's SQL.
        Services.AddPooledDbContextFactory<ExpertennetzwerkDbContext>(options =>
        {
            configure(options);
            options.AddExpertennetzwerkInterceptors();
        });
        return UseStorage<ExpertennetzwerkDbContext>();
    }

    /// <summary>
    /// Stores the module's data through the host's own context. The host must call
    /// <c>modelBuilder.ApplyExpertennetzwerkModel()</c> in its <c>OnModelCreating</c>, attach the module's interceptors
    /// with <c>options.AddExpertennetzwerkInterceptors()</c>, and register <c>AddDbContextFactory&lt;THostContext&gt;</c>
    /// (the module takes a fresh context per command, so it never commits the host's unrelated pending changes).
    /// All three are checked at start-up.
    /// </summary>
    public ExpertennetzwerkBuilder UseDbContext<THostContext>()
        where THostContext : DbContext
        => UseStorage<THostContext>();

    /// <summary>Uses <typeparamref name="T"/> to find the host's customers.</summary>
    public ExpertennetzwerkBuilder UseCustomerDirectory<T>()
        where T : class, ICustomerDirectory
    {
        Services.Replace(ServiceDescriptor.Scoped<ICustomerDirectory, T>());
        return this;
    }

    /// <summary>Keeps attachments in <typeparamref name="T"/> instead of the module's database.</summary>
    public ExpertennetzwerkBuilder UseDocumentStore<T>()
        where T : class, IDocumentStore
    {
        Services.Replace(ServiceDescriptor.Scoped<IDocumentStore, T>());
        return this;
    }

    /// <summary>
    /// Delivers mails through <typeparamref name="T"/> (SMTP, a mail API). Without a sender or
    /// <see cref="UseDevelopmentMailbox"/> the module does not start.
    /// </summary>
    public ExpertennetzwerkBuilder UseMailSender<T>()
        where T : class, IMailSender
    {
        Services.Replace(ServiceDescriptor.Scoped<IMailSender, T>());
        return this;
    }

    /// <summary>
    /// Keeps mails in memory instead of sending them (<see cref="DevelopmentMailbox"/>, the last
    /// <paramref name="capacity"/> mails, newest first) — for development and demos, never production. Resolve
    /// <see cref="DevelopmentMailbox"/> to show them.
    /// </summary>
    public ExpertennetzwerkBuilder UseDevelopmentMailbox(int capacity = DevelopmentMailbox.DefaultCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Services.Replace(ServiceDescriptor.Singleton(sp => new DevelopmentMailbox(sp.GetRequiredService<TimeProvider>(), capacity)));
        Services.Replace(ServiceDescriptor.Singleton<IMailSender>(sp => sp.GetRequiredService<DevelopmentMailbox>()));
        return this;
    }

    /// <summary>Pushes digital messages into the host's own inbox or app through <typeparamref name="T"/>.</summary>
    public ExpertennetzwerkBuilder UseDigitalMessageChannel<T>()
        where T : class, IDigitalMessageChannel
    {
        Services.Replace(ServiceDescriptor.Scoped<IDigitalMessageChannel, T>());
        return this;
    }

    /// <summary>Builds the absolute links in mails (consent page, order page) with <typeparamref name="T"/> instead of <see cref="ExpertennetzwerkOptions.PublicBaseUrl"/>.</summary>
    public ExpertennetzwerkBuilder UsePublicLinks<T>()
        where T : class, IPublicLinks
    {
        Services.Replace(ServiceDescriptor.Singleton<IPublicLinks, T>());
        return this;
    }

    /// <summary>Finds the mail address, display name and culture of users and parties in <typeparamref name="T"/> (e.g. the host's user table).</summary>
    public ExpertennetzwerkBuilder UseRecipientDirectory<T>()
        where T : class, IRecipientDirectory
    {
        Services.Replace(ServiceDescriptor.Scoped<IRecipientDirectory, T>());
        return this;
    }

    /// <summary>Takes the host's own templates from <typeparamref name="T"/> (a singleton) before the embedded defaults.</summary>
    public ExpertennetzwerkBuilder UseTemplateSource<T>()
        where T : class, ITemplateSource
    {
        Services.Replace(ServiceDescriptor.Singleton<ITemplateSource, T>());
        return this;
    }

    /// <summary>Changes the module's options (after those given to <c>AddExpertennetzwerk(...)</c>); they are validated at start.</summary>
    public ExpertennetzwerkBuilder Configure(Action<ExpertennetzwerkOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        Services.Configure(configure);
        return this;
    }

    /// <summary>Adds guards and in-transaction actions to the order workflow (see <see cref="IOrderWorkflowExtension"/>).</summary>
    public ExpertennetzwerkBuilder AddWorkflowExtension<T>()
        where T : class, IOrderWorkflowExtension
    {
        Services.TryAddEnumerable(ServiceDescriptor.Scoped<IOrderWorkflowExtension, T>());
        return this;
    }

    /// <summary>
    /// Registers a handler of the module's order events for the host (placed, accepted, completed, cancelled, other state
    /// changes, consent given, declined or withdrawn, message sent): see <see cref="IExpertennetzwerkHostEventHandler"/>.
    /// Scoped; several may be registered. Delivered after the commit through the outbox, at least once, with the event's
    /// idempotency key.
    /// </summary>
    public ExpertennetzwerkBuilder AddHostEventHandler<T>()
        where T : class, IExpertennetzwerkHostEventHandler
    {
        Services.TryAddEnumerable(ServiceDescriptor.Scoped<IExpertennetzwerkHostEventHandler, T>());
        return this;
    }

    /// <summary>
    /// Registers a refusal a workflow extension answers (a stable code, German and English text) with the
    /// <see cref="RefusalDescriber"/>, so it is found by its code and a host's describer can change its text.
    /// </summary>
    public ExpertennetzwerkBuilder AddRefusal(Refusal refusal)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        Services.AddSingleton(refusal);
        return this;
    }

    /// <summary>
    /// Describes refusals with <typeparamref name="T"/>: derive from <see cref="RefusalDescriber"/> and override
    /// <see cref="RefusalDescriber.Text"/> to change the German or English text of any code.
    /// </summary>
    public ExpertennetzwerkBuilder UseRefusalDescriber<T>()
        where T : RefusalDescriber
    {
        Services.Replace(ServiceDescriptor.Singleton<RefusalDescriber, T>());
        return this;
    }

    private ExpertennetzwerkBuilder UseStorage<TContext>()
        where TContext : DbContext
    {
        // Resolved through a lambda so a missing AddDbContextFactory<TContext> fails with what to do, not with DI's message.
        Services.Replace(ServiceDescriptor.Singleton<IModuleDbContextFactory>(sp => new ModuleDbContextFactory<TContext>(
            sp.GetService<IDbContextFactory<TContext>>() ?? throw new InvalidOperationException(
                $"Expertennetzwerk cannot create {typeof(TContext).Name}: register it with services.AddDbContextFactory<{typeof(TContext).Name}>(...)."))));
        return this;
    }
}
