namespace Locus.Architecture.Tests.Samples.Closure.Right;

/// <summary>Uses Left only inside an async method, which the compiler moves into a nested state machine.</summary>
public sealed class Callee(int value)
{
    public int Value { get; } = value;

    public static async Task<int> RunAsync()
    {
        await Task.Yield();
        return Left.Caller.Later(1)();
    }
}
