using Locus.Core.Configuration;

namespace Locus.Core.Tests.Configuration;

public sealed class PathTests
{
    private const string Home = "/home/tester";

    [Theory]
    [InlineData("~", Home)]
    [InlineData("~/models", Home + "/models")]
    [InlineData("~/a/b.gguf", Home + "/a/b.gguf")]
    [InlineData("~other/models", "~other/models")]
    [InlineData("/srv/~/models", "/srv/~/models")]
    [InlineData("models", "models")]
    public void ExpandHome_Path_ExpandsOnlyALeadingTilde(string path, string expected) =>
        Assert.Equal(expected, LocusPaths.ExpandHome(path, Home));

    [Fact]
    public void Load_TildeInEnvironmentPath_ExpandsToHome()
    {
        using var fixture = new ConfigFixture();
        fixture.Environment["LOCUS_MODELS_DIRECTORY"] = "~/big-disk/models";

        Assert.Equal(Path.Join(fixture.Home, "big-disk", "models"), fixture.Load().Models.Directory);
    }

    [Fact]
    public void Load_TildeInNativeDirOverride_ExpandsToHome()
    {
        using var fixture = new ConfigFixture();
        var native = Directory.CreateDirectory(Path.Join(fixture.Home, "llama", "build")).FullName;
        fixture.Overrides["llama.native_dir"] = "~/llama/build";

        Assert.Equal(native, fixture.Load().Llama.NativeDir);
    }
}
