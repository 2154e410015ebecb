using Locus.Core.Configuration;

namespace Locus.Core.Tests.Models;

public sealed class DefaultModelPinTests
{
    [Fact]
    public void DefaultModelOptions_BuiltInPin_IsACompleteConsistentDownload()
    {
        var model = new DefaultModelOptions();

        Assert.Equal("qwen2.5-0.5b-instruct-q4_k_m.gguf", model.FileName);
        Assert.Equal(Uri.UriSchemeHttps, model.Url!.Scheme);
        Assert.EndsWith("/" + model.FileName, model.Url.AbsolutePath, StringComparison.Ordinal);
        Assert.Matches("^[0-9a-f]{64}$", model.Sha256);
        Assert.Equal(491_400_032, model.SizeBytes);
    }
}
