using YamlDotNet.RepresentationModel;

namespace Locus.Core.Configuration;

/// <summary>
/// Reads the flat keys (<c>server</c>, <c>llama</c>, <c>models</c>) of a parsed config file into raw settings,
/// reporting unknown keys inside those sections with line numbers. Other top-level keys belong to other sections.
/// </summary>
internal static class YamlSettingsReader
{
    public static IReadOnlyList<RawSetting> Read(ConfigDocument document) => new Walker(document).Read();

    private sealed class Walker(ConfigDocument document)
    {
        private readonly List<RawSetting> settings = [];

        public List<RawSetting> Read()
        {
            foreach (var (keyNode, valueNode) in document.RootNode.Children)
            {
                // A dotted key may also be written whole at the top level (server.port: 8080), as overrides name it.
                var name = ConfigMap.NameOf(keyNode);
                if (ConfigKeys.Find(name) is not null)
                {
                    settings.Add(ToSetting(name, valueNode, At(keyNode)));
                }
                else if (ConfigKeys.IsSection(name))
                {
                    WalkSection(name, valueNode);
                }
            }

            return settings;
        }

        private void Walk(YamlMappingNode mapping, string prefix)
        {
            foreach (var (keyNode, valueNode) in mapping.Children)
            {
                var name = prefix + ConfigMap.NameOf(keyNode);
                if (ConfigKeys.Find(name) is not null)
                {
                    settings.Add(ToSetting(name, valueNode, At(keyNode)));
                }
                else if (ConfigKeys.IsSection(name))
                {
                    WalkSection(name, valueNode);
                }
                else
                {
                    var hint = ConfigKeys.Suggest(name) is { } suggestion ? $"; did you mean {suggestion}?" : "";
                    document.ErrorList.Add(new ConfigurationError(name, "unknown key" + hint, At(keyNode)));
                }
            }
        }

        private void WalkSection(string name, YamlNode value)
        {
            if (value is YamlMappingNode section)
            {
                Walk(section, name + ".");
            }
            else if (!ConfigMap.IsNull(value))
            {
                document.ErrorList.Add(new ConfigurationError(name, "expected a section (a mapping of keys to values)", At(value)));
            }
        }

        private RawSetting ToSetting(string key, YamlNode node, string where)
        {
            var origin = new SettingOrigin(where, document.Directory);
            return node switch
            {
                YamlScalarNode scalar when ConfigMap.IsNull(scalar) => new RawSetting(key, RawShape.Null, null, [], origin),
                YamlScalarNode scalar => RawSetting.Scalar(key, scalar.Value ?? "", origin),
                YamlSequenceNode list when list.Children.All(c => c is YamlScalarNode) =>
                    new RawSetting(key, RawShape.List, null, [.. list.Children.Select(c => ((YamlScalarNode)c).Value ?? "")], origin),
                _ => new RawSetting(key, RawShape.Mapping, null, [], origin),
            };
        }

        private string At(YamlNode node) => ConfigDocument.At(document.File, node);
    }
}
