using System.Text.RegularExpressions;
using System.Xml.Linq;
using Expertennetzwerk.Module.Common;
using Expertennetzwerk.Module.Messaging;
using Expertennetzwerk.Module.Notifications;
using Expertennetzwerk.Module.Orders;
using Expertennetzwerk.SampleHost.Tests.Support;

namespace Expertennetzwerk.SampleHost.Tests.WebUi;

/// <summary>Every text the pages ask for exists in German and in English.</summary>
public sealed partial class PageTextsTests
{
    private static readonly string Package = Path.Combine("src", "Expertennetzwerk.Module.AspNetCore");

    [Fact]
    public void Every_text_a_page_names_is_there_in_German_and_English()
    {
        var german = Texts("PageTexts.resx");
        var english = Texts("PageTexts.en.resx");
        english.Keys.Should().BeEquivalentTo(german.Keys, "each German text has its English one and no other");
        german.Concat(english).Should().OnlyContain(t => !string.IsNullOrWhiteSpace(t.Value), "no text is empty");

        var named = Directory.EnumerateFiles(Path.Combine(RepositoryFiles.Root, Package, "Areas"), "*.cshtml", SearchOption.AllDirectories)
            .SelectMany(file => LiteralKey().Matches(File.ReadAllText(file)).Select(m => m.Groups["key"].Value))
            .ToHashSet();
        named.Should().NotBeEmpty();

        // Texts composed from a value's name: every value has one.
        named.UnionWith(Enum.GetNames<OrderState>().Select(n => "State" + n));
        named.UnionWith(Enum.GetNames<NotificationKind>().Select(n => "Notification" + n));
        named.UnionWith(Enum.GetNames<NotificationDelivery>().Select(n => "Delivery" + n));
        named.UnionWith(Enum.GetNames<DigitalMessageKind>().Select(n => "MessageKind" + n));
        named.UnionWith(Enum.GetNames<PartyKind>().Select(n => "Party" + n));
        named.Should().BeSubsetOf(german.Keys);
    }

    private static Dictionary<string, string> Texts(string file) =>
        XDocument.Parse(RepositoryFiles.Read(Package, "Resources", "Pages", file)).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? string.Empty);

    [GeneratedRegex("T\\[\"(?<key>[A-Za-z]+)\"[],]")]
    private static partial Regex LiteralKey();
}
