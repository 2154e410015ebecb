namespace Locus.Mesh.Crdt.Clocks;

/// <summary>
/// Hybrid logical clock (Kulkarni et al.): readings never go backwards and are always later than any reading this
/// replica has received, yet stay close to physical time. The physical clock may jump backwards (NTP, a phone's
/// clock set by hand): the logical counter keeps order until physical time catches up.
/// </summary>
/// <param name="maxForwardDrift">When set, <see cref="IsPlausible"/> says whether a remote reading is within this much
/// of our physical clock.</param>
public sealed class HybridLogicalClock(ReplicaId replica, TimeProvider time, TimeSpan? maxForwardDrift = null)
{
    private readonly Lock _gate = new();
    private long _wall = long.MinValue;
    private uint _logical;

    public ReplicaId Replica => replica;

    /// <summary>The last reading given out or received (before any: the minimum).</summary>
    public HlcTimestamp Last
    {
        get
        {
            lock (_gate)
            {
                return new HlcTimestamp(_wall, _logical, replica);
            }
        }
    }

    /// <summary>Send/local-event rule: a reading later than every earlier one.</summary>
    public HlcTimestamp Now()
    {
        var physical = time.GetUtcNow().ToUnixTimeMilliseconds();
        lock (_gate)
        {
            if (physical > _wall)
            {
                (_wall, _logical) = (physical, 0);
            }
            else
            {
                Tick(_logical);
            }

            return new HlcTimestamp(_wall, _logical, replica);
        }
    }

    /// <summary>Receive rule: afterwards every reading is later than <paramref name="remote"/>. CRDTs call this for
    /// every timestamp they merge, so a write made after seeing another always wins over it.</summary>
    public void Receive(HlcTimestamp remote)
    {
        var physical = time.GetUtcNow().ToUnixTimeMilliseconds();
        lock (_gate)
        {
            var wall = Math.Max(Math.Max(_wall, remote.WallMs), physical);
            var (wasWall, wasLogical) = (_wall, _logical);
            _wall = wall;
            if (wall == wasWall && wall == remote.WallMs)
            {
                Tick(Math.Max(wasLogical, remote.Logical));
            }
            else if (wall == wasWall)
            {
                Tick(wasLogical);
            }
            else if (wall == remote.WallMs)
            {
                Tick(remote.Logical);
            }
            else
            {
                _logical = 0;
            }
        }
    }

    /// <summary>The drift check: false when <paramref name="remote"/> is further ahead of our physical clock than the
    /// bound. Sync refuses such a peer's message before merging (merging it would drag our clock into the future);
    /// CRDTs themselves merge whatever they are given, so every replica converges.</summary>
    public bool IsPlausible(HlcTimestamp remote) =>
        maxForwardDrift is not { } drift
        || remote.WallMs - time.GetUtcNow().ToUnixTimeMilliseconds() <= (long)drift.TotalMilliseconds;

    // The logical counter after `logical`; a full counter (only a hostile peer can fill 32 bits) moves the wall
    // time on a millisecond instead, which keeps readings increasing. Walls are bounded (see MaxWallMs), so this cannot overflow.
    private void Tick(uint logical)
    {
        if (logical < uint.MaxValue)
        {
            _logical = logical + 1;
        }
        else
        {
            (_wall, _logical) = (_wall + 1, 0);
        }
    }
}
