namespace Locus.Mesh.Security;

/// <summary>
/// The last <c>size</c> sequence numbers accepted from one sender. Counted in messages, not in number space, because
/// senders seed their sequence from the clock and numbers jump. Below the oldest remembered: too old. A window
/// restored after a restart starts at the highest number accepted before it (<paramref name="floor"/>).
/// </summary>
internal sealed class ReplayWindow(int size, ulong floor = 0)
{
    private readonly SortedSet<ulong> _seen = [];
    private ulong _floor = floor;

    /// <summary>Checks and, when new, records the number in one step (callers check the MAC first).</summary>
    public EnvelopeRefusal TryAccept(ulong sequence)
    {
        lock (_seen)
        {
            if (sequence <= _floor)
            {
                return EnvelopeRefusal.SequenceTooOld;
            }

            if (!_seen.Add(sequence))
            {
                return EnvelopeRefusal.Replayed;
            }

            if (_seen.Count > size)
            {
                _floor = _seen.Min;
                _seen.Remove(_floor);
            }

            return EnvelopeRefusal.None;
        }
    }
}
