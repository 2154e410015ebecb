using Microsoft.Data.Sqlite;

namespace Locus.Mesh.Tests.Store;

/// <summary>A fresh temporary folder for one test's store file, deleted afterwards; raw SQL for damaging rows.</summary>
internal sealed class StoreFolder : IDisposable
{
    public StoreFolder() => Root = Directory.CreateTempSubdirectory("locus-mesh-store-").FullName;

    public string Root { get; }

    /// <summary>A store path inside a sub-folder that does not exist yet, so Open must create it.</summary>
    public string StorePath => Path.Combine(Root, "mesh", "mesh.db");

    /// <summary>Runs <paramref name="sql"/> on the file directly, as damage from outside the store would.</summary>
    public int Execute(string sql, params (string Name, object Value)[] parameters)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = StorePath, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A child process killed mid-write may still be releasing the file; the OS cleans temp folders anyway.
        }
    }
}
