namespace Expertennetzwerk.Module.AspNetCore.Pages;

/// <summary>
/// A line diff of two texts for people to read (the review page): the longest common subsequence of lines stays
/// unmarked, every other line is marked on its side — removed on the left, added on the right. A moved line counts as
/// removed and added, a repeated line is matched once per occurrence. Common lines at the start and the end are taken
/// off first; when what remains is too large for the table (<see cref="MaxCells"/>), every remaining line is marked.
/// </summary>
internal static class LineDiff
{
    /// <summary>The largest table of the comparison (lines left × lines right after the common ends).</summary>
    public const int MaxCells = 4_000_000;

    public static (bool[] LeftChanged, bool[] RightChanged) Compare(IReadOnlyList<string> left, IReadOnlyList<string> right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        var leftChanged = new bool[left.Count];
        var rightChanged = new bool[right.Count];
        var start = 0;
        while (start < left.Count && start < right.Count && string.Equals(left[start], right[start], StringComparison.Ordinal))
        {
            start++;
        }

        var (leftEnd, rightEnd) = (left.Count, right.Count);
        while (leftEnd > start && rightEnd > start && string.Equals(left[leftEnd - 1], right[rightEnd - 1], StringComparison.Ordinal))
        {
            (leftEnd, rightEnd) = (leftEnd - 1, rightEnd - 1);
        }

        var (n, m) = (leftEnd - start, rightEnd - start);
        if ((long)n * m > MaxCells)
        {
            Array.Fill(leftChanged, true, start, n);
            Array.Fill(rightChanged, true, start, m);
            return (leftChanged, rightChanged);
        }

        // lengths[i, j]: the longest common subsequence of left[start + i ..] and right[start + j ..].
        var lengths = new int[n + 1, m + 1];
        for (var i = n - 1; i >= 0; i--)
        {
            for (var j = m - 1; j >= 0; j--)
            {
                lengths[i, j] = string.Equals(left[start + i], right[start + j], StringComparison.Ordinal)
                    ? lengths[i + 1, j + 1] + 1
                    : Math.Max(lengths[i + 1, j], lengths[i, j + 1]);
            }
        }

        var (x, y) = (0, 0);
        while (x < n && y < m)
        {
            if (string.Equals(left[start + x], right[start + y], StringComparison.Ordinal))
            {
                (x, y) = (x + 1, y + 1);
            }
            else if (lengths[x + 1, y] >= lengths[x, y + 1])
            {
                leftChanged[start + x++] = true;
            }
            else
            {
                rightChanged[start + y++] = true;
            }
        }

        for (; x < n; x++)
        {
            leftChanged[start + x] = true;
        }

        for (; y < m; y++)
        {
            rightChanged[start + y] = true;
        }

        return (leftChanged, rightChanged);
    }

    /// <summary>A text as lines (line breaks of any kind), none for null or empty.</summary>
    public static IReadOnlyList<string> Lines(string? text) =>
        string.IsNullOrEmpty(text) ? [] : text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
}
