namespace Locus.Core.Configuration;

public sealed record ModelStoreOptions
{
    /// <summary>Where downloaded models live. <c>~</c> expands to the home folder.</summary>
    public string Directory { get; init; } = "~/.cache/locus/models";

    /// <summary>The model <c>serve</c> uses without <c>--model</c>; downloaded on first use when not on disk.</summary>
    public DefaultModelOptions Default { get; init; } = new();
}

public sealed record DefaultModelOptions
{
    /// <summary>File name under <see cref="ModelStoreOptions.Directory"/>.</summary>
    public string FileName { get; init; } = "";

    /// <summary>Where to download it from (HTTP(S), must support range requests to resume).</summary>
    public Uri? Url { get; init; }

    /// <summary>Expected SHA-256 of the file, lowercase hex; a download that does not match is discarded.</summary>
    public string Sha256 { get; init; } = "";

    public long? SizeBytes { get; init; }
}
