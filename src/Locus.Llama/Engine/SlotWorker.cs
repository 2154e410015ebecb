using System.Collections.Concurrent;

namespace Locus.Llama.Engine;

/// <summary>
/// The one long-lived thread a slot generates on. llama.cpp computes synchronously on the calling thread (which is
/// also compute thread 0 of the ggml pool), so a request needs a thread of its own; keeping the same one for the
/// slot's lifetime avoids a thread start per request and keeps its place with the scheduler between requests.
/// </summary>
internal sealed class SlotWorker : IDisposable
{
    private readonly BlockingCollection<Action> _work = new(boundedCapacity: 1);
    private readonly Thread _thread;

    public SlotWorker(string name)
    {
        _thread = new Thread(Loop) { IsBackground = true, Name = name };
        _thread.Start();
    }

    /// <summary>Runs <paramref name="work"/> on the slot's thread; the slot's lease guarantees one at a time.</summary>
    public Task<T> RunAsync<T>(Func<T> work)
    {
        var completion = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        _work.Add(() =>
        {
            try
            {
                completion.TrySetResult(work());
            }
            catch (OperationCanceledException e)
            {
                completion.TrySetCanceled(e.CancellationToken);
            }
            catch (Exception e)
            {
                completion.TrySetException(e);
            }
        });
        return completion.Task;
    }

    private void Loop()
    {
        foreach (var work in _work.GetConsumingEnumerable())
        {
            work();
        }
    }

    public void Dispose()
    {
        _work.CompleteAdding();
        _thread.Join(TimeSpan.FromSeconds(10));
        _work.Dispose();
    }
}
