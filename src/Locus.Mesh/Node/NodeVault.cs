using System.Globalization;
using Locus.Mesh.Crdt;
using Locus.Mesh.Security;
using Locus.Mesh.Store;
using Microsoft.Data.Sqlite;

namespace Locus.Mesh.Node;

/// <summary>
/// The node's secrets at rest, in their own SQLite file (owner-only permissions): its identity key, its replica id,
/// and each peer's pair key, address and revocation. Kept apart from the replicated state, which peers receive.
/// Keys are stored unencrypted, protected by file permissions like an SSH host key.
/// </summary>
internal sealed class NodeVault : IDisposable, IReplayStore
{
    private readonly SqliteConnection _connection;
    private readonly Lock _gate = new();

    private NodeVault(SqliteConnection connection) => _connection = connection;

    public static NodeVault Open(string path)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
        if (!File.Exists(path) && !OperatingSystem.IsWindows())
        {
            File.Create(path, 0, FileOptions.None).Dispose();
        }

        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        var connection = StoreConnections.OpenWriter(path, new MeshStoreOptions { FullSync = true });
        try
        {
            StoreConnections.Execute(connection, """
                CREATE TABLE IF NOT EXISTS identity (
                    slot    INTEGER PRIMARY KEY CHECK (slot = 1),
                    pkcs8   BLOB    NOT NULL,
                    replica INTEGER NOT NULL);
                CREATE TABLE IF NOT EXISTS peers (
                    node_id    TEXT    PRIMARY KEY,
                    public_key BLOB,
                    pair_key   BLOB,
                    paired_at  INTEGER,
                    url        TEXT,
                    name       TEXT,
                    revoked    INTEGER NOT NULL DEFAULT 0);
                CREATE TABLE IF NOT EXISTS replay (
                    node_id  TEXT    PRIMARY KEY,
                    last_seq INTEGER NOT NULL);
                """);
            return new NodeVault(connection);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>This node's identity and replica id, created on first use.</summary>
    public (NodeIdentity Identity, ReplicaId Replica) LoadOrCreateIdentity()
    {
        lock (_gate)
        {
            using (var read = Command("SELECT pkcs8, replica FROM identity WHERE slot = 1"))
            using (var reader = read.ExecuteReader())
            {
                if (reader.Read())
                {
                    return (NodeIdentity.FromPkcs8((byte[])reader[0]), new ReplicaId(unchecked((ulong)reader.GetInt64(1))));
                }
            }

            var identity = NodeIdentity.Create();
            var replica = ReplicaId.NewRandom();
            using var insert = Command("INSERT INTO identity (slot, pkcs8, replica) VALUES (1, $key, $replica)");
            insert.Parameters.AddWithValue("$key", identity.ExportPkcs8());
            insert.Parameters.AddWithValue("$replica", unchecked((long)replica.Value));
            insert.ExecuteNonQuery();
            return (identity, replica);
        }
    }

    public IReadOnlyList<VaultPeer> Peers()
    {
        lock (_gate)
        {
            using var read = Command("SELECT node_id, public_key, pair_key, paired_at, url, name, revoked FROM peers ORDER BY node_id");
            using var reader = read.ExecuteReader();
            var peers = new List<VaultPeer>();
            while (reader.Read())
            {
                var id = new NodeId(ulong.Parse(reader.GetString(0), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                PairedPeer? paired = reader.IsDBNull(2) ? null
                    : new PairedPeer(id, (byte[])reader[1], (byte[])reader[2], DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)));
                peers.Add(new VaultPeer(id, paired, reader.IsDBNull(4) ? null : reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5), reader.GetInt64(6) != 0));
            }

            return peers;
        }
    }

    public void SavePaired(PairedPeer peer) => Write(
        """
        INSERT INTO peers (node_id, public_key, pair_key, paired_at, revoked) VALUES ($id, $public, $pair, $at, 0)
        ON CONFLICT (node_id) DO UPDATE SET public_key = $public, pair_key = $pair, paired_at = $at, revoked = 0
        """,
        ("$id", peer.Id.ToString()), ("$public", peer.PublicKey), ("$pair", peer.PairKey), ("$at", peer.PairedAt.ToUnixTimeMilliseconds()));

    public void SaveRevoked(NodeId peer) => Write(
        """
        INSERT INTO peers (node_id, revoked) VALUES ($id, 1)
        ON CONFLICT (node_id) DO UPDATE SET public_key = NULL, pair_key = NULL, revoked = 1
        """,
        ("$id", peer.ToString()));

    public void SaveAddress(NodeId peer, string url, string? name) => Write(
        """
        INSERT INTO peers (node_id, url, name) VALUES ($id, $url, $name)
        ON CONFLICT (node_id) DO UPDATE SET url = $url, name = coalesce($name, name)
        """,
        ("$id", peer.ToString()), ("$url", url), ("$name", (object?)name ?? DBNull.Value));

    /// <summary>The highest sequence number accepted from <paramref name="sender"/> by any earlier run (0: none).</summary>
    public ulong Floor(NodeId sender)
    {
        lock (_gate)
        {
            using var read = Command("SELECT last_seq FROM replay WHERE node_id = $id");
            read.Parameters.AddWithValue("$id", sender.ToString());
            return read.ExecuteScalar() is long last ? unchecked((ulong)last) : 0;
        }
    }

    public void Accepted(NodeId sender, ulong sequence) => Write(
        "INSERT INTO replay (node_id, last_seq) VALUES ($id, $seq) ON CONFLICT (node_id) DO UPDATE SET last_seq = max(last_seq, $seq)",
        ("$id", sender.ToString()), ("$seq", unchecked((long)sequence)));

    private void Write(string sql, params (string Name, object Value)[] parameters)
    {
        lock (_gate)
        {
            using var command = Command(sql);
            foreach (var (name, value) in parameters)
            {
                command.Parameters.AddWithValue(name, value);
            }

            command.ExecuteNonQuery();
        }
    }

    private SqliteCommand Command(string sql)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        return command;
    }

    public void Dispose() => _connection.Dispose();
}

/// <summary>A peer as the vault holds it: paired (with its key), revoked, or only an address so far.</summary>
internal sealed record VaultPeer(NodeId Id, PairedPeer? Paired, string? Url, string? Name, bool Revoked);
