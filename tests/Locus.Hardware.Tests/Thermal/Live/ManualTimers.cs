namespace Locus.Hardware.Tests.Thermal.Live;

/// <summary>System time whose timers never fire: the test moves the outlook on with Tick(), one second each.</summary>
internal sealed class ManualTimers : TimeProvider
{
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) => new Never();

    private sealed class Never : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => true;

        public void Dispose()
        {
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
