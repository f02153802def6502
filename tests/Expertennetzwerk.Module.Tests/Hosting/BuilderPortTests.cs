using Expertennetzwerk.Module.Hosting;
using Expertennetzwerk.Module.Ports;
using Expertennetzwerk.Module.Templates;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Expertennetzwerk.Module.Tests.Hosting;

/// <summary>Every port a host may replace has a <c>Use…&lt;T&gt;()</c> on the builder that replaces the default.</summary>
public sealed class BuilderPortTests
{
    public static TheoryData<string> Ports => new()
    {
        nameof(IPublicLinks), nameof(IRecipientDirectory), nameof(ITemplateSource), nameof(IDigitalMessageChannel),
        nameof(IDocumentStore), nameof(ICustomerDirectory), nameof(IMailSender),
    };

    [Theory]
    [MemberData(nameof(Ports))]
    public void Use_replaces_the_default_with_the_hosts_type(string port)
    {
        var (type, implementation, use) = port switch
        {
            nameof(IPublicLinks) => (typeof(IPublicLinks), typeof(HostLinks), (Action<ExpertennetzwerkBuilder>)(b => b.UsePublicLinks<HostLinks>())),
            nameof(IRecipientDirectory) => (typeof(IRecipientDirectory), typeof(HostRecipients), b => b.UseRecipientDirectory<HostRecipients>()),
            nameof(ITemplateSource) => (typeof(ITemplateSource), typeof(HostTemplates), b => b.UseTemplateSource<HostTemplates>()),
            nameof(IDigitalMessageChannel) => (typeof(IDigitalMessageChannel), typeof(HostChannel), b => b.UseDigitalMessageChannel<HostChannel>()),
            nameof(IDocumentStore) => (typeof(IDocumentStore), typeof(HostDocuments), b => b.UseDocumentStore<HostDocuments>()),
            nameof(ICustomerDirectory) => (typeof(ICustomerDirectory), typeof(HostCustomers), b => b.UseCustomerDirectory<HostCustomers>()),
            nameof(IMailSender) => (typeof(IMailSender), typeof(HostMail), (Action<ExpertennetzwerkBuilder>)(b => b.UseMailSender<HostMail>())),
            _ => throw new ArgumentOutOfRangeException(nameof(port)),
        };
        var services = new ServiceCollection();
        var builder = services.AddExpertennetzwerk(o => o.PublicBaseUrl = new Uri("https://crm.example.org/"));
        services.Where(d => d.ServiceType == type).Select(d => d.ImplementationType).Should().NotContain(implementation, "the default is the module's");

        use(builder);
        use(builder); // twice still leaves one registration

        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        using var scope = provider.CreateScope();
        scope.ServiceProvider.GetRequiredService(type).Should().BeOfType(implementation);
        scope.ServiceProvider.GetServices(type).Should().ContainSingle();
    }

    [Fact]
    public void Configure_changes_the_options_after_AddExpertennetzwerk()
    {
        var services = new ServiceCollection();
        services.AddExpertennetzwerk(o => o.PublicBaseUrl = new Uri("https://first.example.org/"))
            .Configure(o => o.PublicBaseUrl = new Uri("https://crm.example.org/"))
            .Configure(o => o.MaxAttachmentBytes = 1234);

        using var provider = services.BuildServiceProvider();
        var options = provider.GetRequiredService<IOptions<ExpertennetzwerkOptions>>().Value;
        options.PublicBaseUrl.Should().Be(new Uri("https://crm.example.org/"));
        options.MaxAttachmentBytes.Should().Be(1234);
    }

    private sealed class HostLinks : IPublicLinks
    {
        public Uri Order(Guid networkId, Guid orderId) => new("https://crm.example.org/o");
        public Uri Rating(Guid networkId, Guid orderId) => new("https://crm.example.org/r");
        public Uri Consent(string token) => new("https://crm.example.org/c");
        public Uri ConsentWithdrawal(string token) => new("https://crm.example.org/w");
        public Uri DeadLetters(Guid networkId) => new("https://crm.example.org/d");
    }

    private sealed class HostRecipients : IRecipientDirectory
    {
        public Task<Recipient?> FindUserAsync(Guid networkId, Guid userId, CancellationToken cancellationToken = default) => Task.FromResult<Recipient?>(null);
        public Task<IReadOnlyList<Recipient>> FindPartyAsync(Guid networkId, Guid partyId, CancellationToken cancellationToken = default) => Task.FromResult<IReadOnlyList<Recipient>>([]);
        public Task<IReadOnlyList<Recipient>> FindOperatorAsync(Guid networkId, CancellationToken cancellationToken = default) => Task.FromResult<IReadOnlyList<Recipient>>([]);
    }

    private sealed class HostTemplates : ITemplateSource
    {
        public HostTemplate? Find(TemplateKind kind, string language, TemplateFormat format) => null;
    }

    private sealed class HostChannel : IDigitalMessageChannel
    {
        public Task DeliverAsync(DigitalMessageDelivery delivery, CancellationToken cancellationToken = default) => Task.CompletedTask;
    }

    private sealed class HostDocuments : IDocumentStore
    {
        public Task<Guid> SaveAsync(Guid networkId, DocumentUpload upload, CancellationToken cancellationToken = default) => Task.FromResult(Guid.Empty);
        public Task<DocumentUpload?> OpenAsync(Guid networkId, Guid documentId, CancellationToken cancellationToken = default) => Task.FromResult<DocumentUpload?>(null);
        public Task DeleteAsync(Guid networkId, Guid documentId, CancellationToken cancellationToken = default) => Task.CompletedTask;
    }

    private sealed class HostCustomers : ICustomerDirectory
    {
        public Task<CustomerRecord?> FindAsync(Guid networkId, Guid brokerPartyId, string customerRef, CancellationToken cancellationToken = default) => Task.FromResult<CustomerRecord?>(null);
    }

    private sealed class HostMail : IMailSender
    {
        public Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken = default) => Task.CompletedTask;
    }
}
