using Microsoft.Data.Sqlite;

namespace Locus.Ledger.Storage;

/// <summary>
/// SQL functions over money columns (decimal text, see <see cref="Money"/>), registered on every ledger connection:
/// the aggregate <c>locus_decimal_sum(text)</c> and the scalar <c>locus_decimal_add(text, text)</c>, both exact and
/// returning text. SQLite's own SUM and + would convert the text to floating point and lose cents.
/// </summary>
internal static class DecimalFunctions
{
    public const string Sum = "locus_decimal_sum";
    public const string Add = "locus_decimal_add";

    public static void Register(SqliteConnection connection)
    {
        connection.CreateAggregate<string?, decimal, string>(
            Sum,
            0m,
            static (sum, value) => value is null ? sum : sum + Money.Parse(value),
            static sum => Money.Format(sum),
            isDeterministic: true);
        connection.CreateFunction<string, string, string>(
            Add,
            static (left, right) => Money.Format(Money.Parse(left) + Money.Parse(right)),
            isDeterministic: true);
    }
}
