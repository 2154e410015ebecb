using System.Diagnostics;
using System.Text;

namespace Locus.Cli.Tests;

/// <summary>Runs the real `locus` program (the built locus.dll under dotnet) as a separate process.</summary>
internal sealed class LocusProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly Lock _gate = new();

    private LocusProcess(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => Append(_stdout, e.Data);
        process.ErrorDataReceived += (_, e) => Append(_stderr, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Stdout { get { lock (_gate) { return _stdout.ToString(); } } }

    public string Stderr { get { lock (_gate) { return _stderr.ToString(); } } }

    public static LocusProcess Start(IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "locus.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // Isolate from the developer's own config and environment.
        start.Environment["HOME"] = Directory.CreateTempSubdirectory("locus-home-").FullName;
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("LOCUS_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(key);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        return new LocusProcess(Process.Start(start)!);
    }

    /// <summary>Runs to completion and returns the exit code.</summary>
    public static async Task<(int Code, string Stdout, string Stderr)> RunAsync(IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        using var process = Start(environment, args);
        process._process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process._process.WaitForExitAsync(timeout.Token);
        process._process.WaitForExit(); // flush the async readers
        return (process._process.ExitCode, process.Stdout, process.Stderr);
    }

    public async Task<string> WaitForOutputAsync(string marker, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var exited = _process.HasExited;
            if (exited)
            {
                _process.WaitForExit(); // lets the async readers deliver the last lines
            }

            var text = Stdout;
            var index = text.IndexOf(marker, StringComparison.Ordinal);
            if (index >= 0)
            {
                var end = text.IndexOf('\n', index);
                if (end > 0)
                {
                    return text[index..end].Trim();
                }
            }

            if (exited)
            {
                break;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"'{marker}' not printed. stdout: {Stdout} stderr: {Stderr}");
    }

    public StreamWriter Input => _process.StandardInput;

    /// <summary>SIGTERM, as a service manager stops it: shutdown code and exit handlers run. Returns the exit code.</summary>
    public async Task<int> StopAsync(TimeSpan timeout)
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var deadline = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(deadline.Token);
        _process.WaitForExit(); // flush the async readers
        return _process.ExitCode;
    }

    /// <summary>SIGKILL: no shutdown code runs, as when the machine's OOM killer or a crash ends the process.</summary>
    public void KillHard()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    private void Append(StringBuilder target, string? line)
    {
        if (line is not null)
        {
            lock (_gate)
            {
                target.AppendLine(line);
            }
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }
}
