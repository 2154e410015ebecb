using Locus.Core.Configuration;

namespace Locus.Core.Tests.Configuration;

public sealed class FileLocationTests : IDisposable
{
    private readonly ConfigFixture fixture = new();

    public void Dispose() => fixture.Dispose();

    [Fact]
    public void FindConfigFile_NoFilesAnywhere_ReturnsNull() =>
        Assert.Null(fixture.FindConfigFile());

    [Fact]
    public void HasFile_NoFilesAnywhere_False() =>
        Assert.False(ConfigDocument.HasFile(fixture.Sources));

    [Theory]
    [InlineData("explicit path, missing")]
    [InlineData("LOCUS_CONFIG, missing")]
    [InlineData("./locus.yaml")]
    [InlineData("~/.config/locus/config.yaml")]
    public void HasFile_NamedOrFound_True(string where)
    {
        switch (where)
        {
            case "explicit path, missing":
                fixture.ConfigPath = "missing.yaml"; // a load reports it: the caller must not skip the config
                break;
            case "LOCUS_CONFIG, missing":
                fixture.Environment["LOCUS_CONFIG"] = "missing.yaml";
                break;
            case "./locus.yaml":
                fixture.WriteLocal("server:\n  port: 1003\n");
                break;
            default:
                fixture.Write("home/.config/locus/config.yaml", "server:\n  port: 1004\n");
                break;
        }

        Assert.True(ConfigDocument.HasFile(fixture.Sources));
    }

    [Fact]
    public void Load_ExplicitPathMissing_ErrorNamesThePath()
    {
        fixture.ConfigPath = "missing.yaml";

        var error = fixture.SingleError();

        Assert.Equal($"config file {Path.Join(fixture.WorkingDirectory, "missing.yaml")} does not exist", error.Message);
    }

    [Fact]
    public void Load_ExplicitPath_WinsOverLocusConfigAndLocalFile()
    {
        fixture.ConfigPath = fixture.Write("explicit.yaml", "server:\n  port: 1001\n");
        fixture.Environment["LOCUS_CONFIG"] = fixture.Write("env.yaml", "server:\n  port: 1002\n");
        fixture.WriteLocal("server:\n  port: 1003\n");

        Assert.Equal(1001, fixture.Load().Server.Port);
    }

    [Fact]
    public void Load_LocusConfigSet_WinsOverLocalFile()
    {
        fixture.Environment["LOCUS_CONFIG"] = fixture.Write("env.yaml", "server:\n  port: 1002\n");
        fixture.WriteLocal("server:\n  port: 1003\n");

        Assert.Equal(1002, fixture.Load().Server.Port);
    }

    [Fact]
    public void Load_LocusConfigMissing_ErrorNamesTheVariable()
    {
        fixture.Environment["LOCUS_CONFIG"] = "~/nope.yaml";

        var error = fixture.SingleError();

        Assert.Equal(
            $"config file {Path.Join(fixture.Home, "nope.yaml")} does not exist (from environment variable LOCUS_CONFIG)",
            error.ToString());
    }

    [Fact]
    public void Load_LocalAndUserFiles_LocalFileWins()
    {
        fixture.WriteLocal("server:\n  port: 1003\n");
        fixture.Write("home/.config/locus/config.yaml", "server:\n  port: 1004\n");

        Assert.Equal(1003, fixture.Load().Server.Port);
    }

    [Fact]
    public void Load_OnlyUserFile_UserFileIsRead()
    {
        var user = fixture.Write("home/.config/locus/config.yaml", "server:\n  port: 1004\n");

        Assert.Equal(1004, fixture.Load().Server.Port);
        Assert.Equal(user, fixture.FindConfigFile());
    }

    [Fact]
    public void Load_RelativeModelsDirectoryInFile_ResolvesAgainstTheFilesFolder()
    {
        fixture.ConfigPath = fixture.Write("etc/locus/config.yaml", "models:\n  directory: ./store\n");

        Assert.Equal(Path.Join(fixture.Root, "etc", "locus", "store"), fixture.Load().Models.Directory);
    }
}
