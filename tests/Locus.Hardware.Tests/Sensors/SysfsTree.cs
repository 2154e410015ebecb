namespace Locus.Hardware.Tests.Sensors;

/// <summary>A directory laid out like Linux sysfs (same file names and units as the kernel ABI) for sensor readers.</summary>
internal sealed class SysfsTree : IDisposable
{
    public string Root { get; } = Directory.CreateTempSubdirectory("locus-sysfs-").FullName;

    public SysfsTree Write(string relative, string value)
    {
        var path = Path.Combine(Root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, value + "\n");
        return this;
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
