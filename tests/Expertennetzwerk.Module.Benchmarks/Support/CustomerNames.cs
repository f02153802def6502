namespace Expertennetzwerk.Module.Benchmarks.Support;

/// <summary>
/// Random German customer names: common surnames with a skewed frequency (Müller, Schmidt, … ), a long tail of rarer
/// compound surnames (e.g. "Dornbrink"), some doctors and some firms.
/// </summary>
internal sealed class CustomerNames(Random random)
{
    /// <summary>A common surname (about 3 % of customers): many search hits.</summary>
    public const string CommonSurname = "schmidt";

    /// <summary>A rare compound surname (about 0.1 % of customers): few search hits.</summary>
    public const string RareSurname = "dornbrink";

    /// <summary>A name no customer has: an unindexed scan reads everything, an index answers at once.</summary>
    public const string AbsentName = "lüdenscheidt";

    private static readonly string[] FirstNames =
    [
        "Anna", "Maria", "Ursula", "Monika", "Petra", "Elisabeth", "Sabine", "Renate", "Helga", "Karin", "Brigitte", "Ingrid",
        "Erika", "Andrea", "Gisela", "Claudia", "Susanne", "Gabriele", "Christa", "Christine", "Hannelore", "Julia", "Katharina",
        "Laura", "Lea", "Sophie", "Emma", "Mia", "Hannah", "Lena", "Ayşe", "Fatma", "Agnieszka", "Zoë", "Jürgen", "Peter",
        "Michael", "Thomas", "Andreas", "Wolfgang", "Klaus", "Hans", "Stefan", "Uwe", "Frank", "Christian", "Bernd", "Markus",
        "Matthias", "Günter", "Horst", "Dieter", "Manfred", "Jörg", "Ralf", "Lukas", "Leon", "Finn", "Jonas", "Paul", "Felix",
        "Maximilian", "Tim", "Mehmet", "Mustafa", "Piotr", "Björn", "Sören",
    ];

    private static readonly string[] Surnames =
    [
        "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann", "Schäfer",
        "Koch", "Bauer", "Richter", "Klein", "Wolf", "Schröder", "Neumann", "Schwarz", "Zimmermann", "Braun", "Krüger",
        "Hofmann", "Hartmann", "Lange", "Schmitt", "Werner", "Schmitz", "Krause", "Meier", "Lehmann", "Schmid", "Schulze",
        "Maier", "Köhler", "Herrmann", "König", "Walter", "Mayer", "Huber", "Kaiser", "Fuchs", "Peters", "Lang", "Scholz",
        "Möller", "Weiß", "Jung", "Hahn", "Schubert", "Vogel", "Friedrich", "Keller", "Günther", "Frank", "Berger", "Winkler",
        "Roth", "Beck", "Lorenz", "Baumann", "Franke", "Albrecht", "Schuster", "Simon", "Ludwig", "Böhm", "Winter", "Kraus",
        "Martin", "Schumacher", "Krämer", "Vogt", "Stein", "Jäger", "Otto", "Sommer", "Groß", "Seidel", "Heinrich", "Brandt",
        "Haas", "Schreiber", "Graf", "Schulte", "Dietrich", "Ziegler", "Kuhn", "Kühn", "Pohl", "Engel", "Horn", "Busch",
        "Bergmann", "Thomas", "Voigt", "Sauer", "Arnold", "Wolff", "Pfeiffer", "Yılmaz", "Kaya", "Öztürk", "Demir", "Nowak",
        "Kowalski", "Nguyen", "Popović",
    ];

    private static readonly string[] Prefixes =
    [
        "Ahl", "Bie", "Dorn", "Eck", "Fal", "Gries", "Hollen", "Iser", "Kamp", "Lüt", "Mohr", "Nie", "Oster", "Pren", "Quast",
        "Rad", "Stein", "Tann", "Uhl", "Vos", "Wend", "Zell", "Brock", "Hüls", "Sie",
    ];

    private static readonly string[] Suffixes = ["mann", "er", "hoff", "bach", "berg", "feld", "haus", "kamp", "meier", "brink", "rath", "wig"];

    private static readonly string[] Trades = ["Bau", "Logistik", "Elektro", "Immobilien", "Dental", "Consulting", "Holzbau", "Metalltechnik"];

    private static readonly double[] SurnameCumulative = Cumulative(Surnames.Length, i => 1.0 / Math.Sqrt(i + 1));

    public string Next()
    {
        var surname = random.NextDouble() < 0.7
            ? Surnames[Pick(SurnameCumulative)]
            : Prefixes[random.Next(Prefixes.Length)] + Suffixes[random.Next(Suffixes.Length)];
        var kind = random.Next(100);
        if (kind < 6)
        {
            return $"{surname} {Trades[random.Next(Trades.Length)]} GmbH";
        }

        var first = FirstNames[random.Next(FirstNames.Length)];
        return kind < 11 ? $"Dr. {first} {surname}" : $"{first} {surname}";
    }

    private int Pick(double[] cumulative)
    {
        var x = random.NextDouble() * cumulative[^1];
        var i = Array.BinarySearch(cumulative, x);
        return i >= 0 ? i : Math.Min(~i, cumulative.Length - 1);
    }

    private static double[] Cumulative(int n, Func<int, double> weight)
    {
        var result = new double[n];
        var sum = 0.0;
        for (var i = 0; i < n; i++)
        {
            sum += weight(i);
            result[i] = sum;
        }

        return result;
    }
}
