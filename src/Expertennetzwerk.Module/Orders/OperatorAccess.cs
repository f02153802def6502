using Expertennetzwerk.Module.Common;
using Expertennetzwerk.Module.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Expertennetzwerk.Module.Orders;

/// <summary>
/// The operator's look at personal data of an order (customer data, form data, free texts, files) needs a recorded
/// purpose, and the look itself is history: who opened which order's data, when and why. One place for that record,
/// so every read path historises the same way.
/// </summary>
internal static class OperatorAccess
{
    /// <summary>The purpose by the shared text rule, or null when none was given; a bad one adds its error to <paramref name="errors"/>.</summary>
    public static string? Purpose(string? purpose, ICollection<FieldError> errors) =>
        InputText.Optional(purpose, "purpose", ExpertOrderQueries.MaxPurposeLength, errors);

    /// <summary>
    /// Appends the access to the order's history (event <paramref name="eventName"/>, text = the purpose checked by
    /// <see cref="Purpose"/> or an equivalent check) and saves it. Null on success; Conflict when a racing command took
    /// the sequence (<see cref="OrderConcurrency.SaveOrConflictAsync"/>).
    /// </summary>
    /// <remarks>
    /// A look is not a change of the order: Version and UpdatedAt stay, so the parties' expected versions and the lists
    /// are unaffected. A racing command still cannot reuse the sequence (the save checks the loaded Version and the
    /// history's unique (order, sequence) key). <paramref name="order"/> must be tracked by <paramref name="db"/>.
    /// </remarks>
    public static async Task<Result?> RecordAsync(
        DbContext db, IModuleDbContextFactory factory, ExpertOrder order, Actor actor, string eventName, string purpose, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var (loadedVersion, loadedHistoryCount) = (order.Version, order.HistoryCount);
        OrderHistory.AppendRecord(db, order, actor, eventName, purpose, time.GetUtcNow(), time);
        return await OrderConcurrency.SaveOrConflictAsync(db, factory, order.Id, loadedVersion, loadedHistoryCount, null, cancellationToken).ConfigureAwait(false)
            ? null
            : Result.Conflict();
    }
}
