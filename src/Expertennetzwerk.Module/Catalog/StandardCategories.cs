namespace Expertennetzwerk.Module.Catalog;

/// <summary>The nine lines of business of a broker's range (chapter 1 of the book, "Das Sortiment").</summary>
public static class StandardCategories
{
    /// <summary>Key, German name and English name of each standard category, in the book's order.</summary>
    public static IReadOnlyList<(string Key, string German, string English)> All { get; } =
    [
        ("motor", "Kfz-Geschäft", "Motor insurance"),
        ("private-property", "Sonstiges privates Sachgeschäft", "Other private property insurance"),
        ("commercial-property", "Gewerbesachgeschäft", "Commercial property insurance"),
        ("health", "PKV/PKV-Zusatz, GKV-Vermittlung", "Private and supplementary health insurance, statutory health insurance"),
        ("financing", "Finanzierung inklusive Bausparen", "Financing including building savings"),
        ("private-provision", "Private Vorsorge / biometrische Risiken ohne Krankenversicherung", "Private provision / biometric risks without health insurance"),
        ("investment", "Geldanlage, Fondssparen, Beteiligungen, Sachanlagen", "Investments, fund savings, participations, tangible assets"),
        ("occupational-pension", "Betriebliche Altersvorsorge", "Occupational pensions"),
        ("net-pay-optimisation", "Nettolohnoptimierung", "Net pay optimisation"),
    ];

    /// <summary>Creates the nine categories for a network.</summary>
    public static IReadOnlyList<ServiceCategory> Create(Guid networkId, Func<Guid> newId) =>
        All.Select((c, i) => new ServiceCategory(newId(), networkId, c.Key, c.German, c.English, (i + 1) * 10)).ToList();
}
