namespace Expertennetzwerk.Module.Catalog;

/// <summary>Whose personal data a category holds.</summary>
public enum DataSubjectKind
{
    /// <summary>The broker's customer.</summary>
    Customer,
    /// <summary>The customer's spouse or partner.</summary>
    Spouse,
    /// <summary>Further insured persons (e.g. children in a PKV contract).</summary>
    InsuredPerson,
    /// <summary>The customer's employees (bAV, Nettolohnoptimierung).</summary>
    Employee,
}
