using System.ComponentModel.DataAnnotations;
using Expertennetzwerk.SampleHost.Crm;

namespace Expertennetzwerk.SampleHost.Pages.Kunden;

/// <summary>The customer form's fields, checked on the server; the messages appear at the field.</summary>
public sealed class CustomerInput
{
    [Display(Name = "Titel")]
    [StringLength(40, ErrorMessage = "Höchstens {1} Zeichen.")]
    public string? Title { get; set; }

    [Display(Name = "Vorname")]
    [Required(ErrorMessage = "Bitte geben Sie den Vornamen an.")]
    [StringLength(100, ErrorMessage = "Höchstens {1} Zeichen.")]
    public string? FirstName { get; set; }

    [Display(Name = "Nachname")]
    [Required(ErrorMessage = "Bitte geben Sie den Nachnamen an.")]
    [StringLength(100, ErrorMessage = "Höchstens {1} Zeichen.")]
    public string? LastName { get; set; }

    [Display(Name = "Firma (bei Gewerbekunden)")]
    [StringLength(200, ErrorMessage = "Höchstens {1} Zeichen.")]
    public string? CompanyName { get; set; }

    [Display(Name = "Geburtsdatum")]
    [DataType(DataType.Date)]
    [PlausibleBirthDate]
    public DateOnly? BirthDate { get; set; }

    [Display(Name = "E-Mail")]
    [StringLength(254, ErrorMessage = "Höchstens {1} Zeichen.")]
    [EmailAddress(ErrorMessage = "Bitte geben Sie eine gültige E-Mail-Adresse an, z. B. name@example.de.")]
    public string? Email { get; set; }

    [Display(Name = "Telefon")]
    [StringLength(40, ErrorMessage = "Höchstens {1} Zeichen.")]
    [RegularExpression(@"^\+?[0-9][0-9 /()\-]*$", ErrorMessage = "Bitte nur Ziffern, Leerzeichen und + / ( ) -.")]
    public string? Phone { get; set; }

    [Display(Name = "Straße und Hausnummer")]
    [StringLength(200, ErrorMessage = "Höchstens {1} Zeichen.")]
    public string? Street { get; set; }

    [Display(Name = "PLZ")]
    [RegularExpression(@"^[0-9]{5}$", ErrorMessage = "Die Postleitzahl hat fünf Ziffern.")]
    public string? PostalCode { get; set; }

    [Display(Name = "Ort")]
    [StringLength(100, ErrorMessage = "Höchstens {1} Zeichen.")]
    public string? City { get; set; }

    public static CustomerInput From(Customer customer)
    {
        ArgumentNullException.ThrowIfNull(customer);
        return new CustomerInput
        {
            Title = customer.Title,
            FirstName = customer.FirstName,
            LastName = customer.LastName,
            CompanyName = customer.CompanyName,
            BirthDate = customer.BirthDate,
            Email = customer.Email,
            Phone = customer.Phone,
            Street = customer.Street,
            PostalCode = customer.PostalCode,
            City = customer.City,
        };
    }

    /// <summary>Writes the checked values onto <paramref name="customer"/> (blank optional fields become null).</summary>
    public void ApplyTo(Customer customer)
    {
        ArgumentNullException.ThrowIfNull(customer);
        customer.Title = Blank(Title);
        customer.FirstName = FirstName!.Trim();
        customer.LastName = LastName!.Trim();
        customer.CompanyName = Blank(CompanyName);
        customer.BirthDate = BirthDate;
        customer.Email = Blank(Email);
        customer.Phone = Blank(Phone);
        customer.Street = Blank(Street);
        customer.PostalCode = Blank(PostalCode);
        customer.City = Blank(City);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>A birth date between 1900 and today (checked with the field's other rules, so its message shows with theirs).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class PlausibleBirthDateAttribute : ValidationAttribute
{
    public PlausibleBirthDateAttribute()
        : base("Das Geburtsdatum muss zwischen 1900 und heute liegen.")
    {
    }

    public override bool IsValid(object? value) =>
        value is not DateOnly date || (date >= new DateOnly(1900, 1, 1) && date <= DateOnly.FromDateTime(DateTime.UtcNow));
}
