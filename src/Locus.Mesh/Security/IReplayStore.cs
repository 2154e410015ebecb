namespace Locus.Mesh.Security;

/// <summary>
/// Where the highest sequence number accepted from each sender is kept, so that a restarted node still refuses
/// envelopes it accepted before (otherwise a captured message could be replayed once after every restart).
/// </summary>
internal interface IReplayStore
{
    ulong Floor(NodeId sender);

    void Accepted(NodeId sender, ulong sequence);
}
