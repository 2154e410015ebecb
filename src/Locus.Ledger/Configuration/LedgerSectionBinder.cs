using Locus.Core.Configuration;

namespace Locus.Ledger.Configuration;

/// <summary>Binds <c>ledger:</c> (<c>{ enabled, path, store_prompts, full_sync }</c>); each value is checked as it is read.</summary>
internal sealed class LedgerSectionBinder : IConfigSection<LedgerSettings>
{
    public IReadOnlyList<string> Keys { get; } = new string[] { "ledger" };

    public LedgerSettings Bind(ConfigDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (document.Root.Map("ledger") is not { } map)
        {
            return new LedgerSettings { Path = LocusPaths.ExpandHome(LedgerSettings.DefaultPath, document.Sources.HomeDirectory) };
        }

        var enabled = map.Bool("enabled") ?? true;
        var path = map.Text("path") ?? LedgerSettings.DefaultPath;
        var settings = new LedgerSettings
        {
            Path = enabled ? document.ResolvePath(path) : null,
            StorePrompts = map.Bool("store_prompts") ?? false,
            FullSync = map.Bool("full_sync") ?? false,
        };
        map.RejectUnknown();
        return settings;
    }
}
