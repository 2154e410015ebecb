namespace Locus.Mesh.Crdt.Text;

public sealed partial class TextDocument
{
    /// <summary>Inserts <paramref name="text"/> before visible position <paramref name="position"/> (code points).</summary>
    public TextInsert Insert(int position, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfNegative(position);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(position, _items.VisibleLength);
        ArgumentException.ThrowIfNullOrEmpty(text);

        var left = -1;
        if (position > 0)
        {
            var (handle, offset) = _items.FindVisible(position - 1);
            if (offset < _items[handle].Length - 1)
            {
                _items.Split(handle, offset + 1);
            }

            left = handle;
        }

        var right = left < 0 ? _items.First() : _items.Next(left);
        var counter = _seen[LocalReplica] + 1;
        var contentStart = _contentLength;
        var count = AppendContent(text, 0);
        var leftReplica = left < 0 ? -1 : _items[left].Replica;
        var leftCounter = left < 0 ? 0 : _items[left].End;
        var rightReplica = right < 0 ? -1 : _items[right].Replica;
        var rightCounter = right < 0 ? 0 : _items[right].Counter;
        if (left >= 0 && CanExtend(left, counter, contentStart, rightReplica, rightCounter))
        {
            _items.Extend(left, count);
        }
        else
        {
            var handle = _items.Add(new TextItem
            {
                Replica = LocalReplica,
                Counter = counter,
                Length = count,
                Content = contentStart,
                LeftReplica = leftReplica,
                LeftCounter = leftCounter,
                RightReplica = rightReplica,
                RightCounter = rightCounter,
                NextPiece = -1,
            });
            _items.InsertAfter(left, handle);
            _index.Register(LocalReplica, handle);
        }

        _seen[LocalReplica] = counter + (ulong)count - 1;
        return new TextInsert(new Dot(Replica, counter), DotOf(leftReplica, leftCounter), DotOf(rightReplica, rightCounter), count, text);
    }

    /// <summary>Deletes <paramref name="count"/> visible code points from <paramref name="position"/>.</summary>
    public TextDelete Delete(int position, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(position);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, _items.VisibleLength - position);
        var ranges = new List<IdRange>(1);
        if (count == 0)
        {
            return new TextDelete(ranges);
        }

        var (handle, offset) = _items.FindVisible(position);
        if (offset > 0)
        {
            handle = _items.Split(handle, offset);
        }

        var remaining = count;
        while (true)
        {
            if (!_items[handle].Deleted)
            {
                if (_items[handle].Length > remaining)
                {
                    _items.Split(handle, remaining);
                }

                ref var item = ref _items[handle];
                _items.MarkDeleted(handle);
                AddRange(ranges, new IdRange(_replicas[item.Replica], item.Counter, item.Length));
                remaining -= item.Length;
                if (remaining == 0)
                {
                    break;
                }
            }

            handle = _items.Next(handle);
        }

        return new TextDelete(ranges);
    }

    /// <summary>
    /// Typing on at the end of this replica's last run: the new characters would get exactly the ids and origins the
    /// run's next characters would have, so the run grows instead of a new item (what keeps typed text one item).
    /// </summary>
    private bool CanExtend(int handle, ulong counter, int contentStart, int rightReplica, ulong rightCounter)
    {
        ref var item = ref _items[handle];
        return item.Replica == LocalReplica && !item.Deleted && item.End + 1 == counter
            && item.Content >= 0 && item.Content + item.Length == contentStart
            && item.RightReplica == rightReplica && (rightReplica < 0 || item.RightCounter == rightCounter);
    }

    private static void AddRange(List<IdRange> ranges, IdRange range)
    {
        if (ranges.Count > 0 && ranges[^1].Replica == range.Replica && ranges[^1].End + 1 == range.Start)
        {
            ranges[^1] = ranges[^1] with { Length = ranges[^1].Length + range.Length };
        }
        else
        {
            ranges.Add(range);
        }
    }
}
