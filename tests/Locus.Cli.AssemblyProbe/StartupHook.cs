// The runtime calls StartupHook.Initialize before Main, finding the type by this exact name in no namespace.
#pragma warning disable CA1050

/// <summary>Records, at process exit, the simple names of every assembly the process loaded, one per line.</summary>
internal static class StartupHook
{
    public const string OutputVariable = "ASSEMBLY_PROBE_OUT";

    public static void Initialize()
    {
        var path = Environment.GetEnvironmentVariable(OutputVariable);
        if (string.IsNullOrEmpty(path))
        {
            return;
        }

        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
            File.WriteAllLines(path, AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetName().Name ?? "").Order(StringComparer.Ordinal));
    }
}
