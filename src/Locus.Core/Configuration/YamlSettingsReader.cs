using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Locus.Core.Configuration;

/// <summary>Reads a YAML config file into raw settings, reporting unknown keys and syntax errors with line numbers.</summary>
internal static class YamlSettingsReader
{
    public static IReadOnlyList<RawSetting> Read(string path, List<ConfigurationError> errors)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            errors.Add(new ConfigurationError(null, $"cannot read config file {path}: {ex.Message}"));
            return [];
        }

        var stream = new YamlStream();
        var scanner = new Scanner(new StringReader(text));
        try
        {
            stream.Load(new Parser(scanner));
        }
        catch (YamlException ex)
        {
            errors.Add(new ConfigurationError(
                null, $"invalid YAML: {Describe(ex)}", $"in {path}, line {ex.Start.Line}, column {ex.Start.Column}"));
            return [];
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet 16 throws this, without a position, on some malformed input (e.g. an unclosed "[" followed
            // by more keys); the scanner still knows how far it got.
            errors.Add(new ConfigurationError(
                null, "invalid YAML: the document is malformed (an unclosed bracket or quote?)",
                $"in {path}, line {scanner.CurrentPosition.Line}, column {scanner.CurrentPosition.Column}"));
            return [];
        }

        return new Walker(path, errors).Read(stream);
    }

    /// <summary>YamlDotNet prefixes its messages with the position, which the error already states.</summary>
    private static string Describe(YamlException ex)
    {
        var message = ex.InnerException is YamlException inner ? inner.Message : ex.Message;
        var cut = message.IndexOf("): ", StringComparison.Ordinal);
        return message.StartsWith("(Line", StringComparison.Ordinal) && cut >= 0 ? message[(cut + 3)..] : message;
    }

    private sealed class Walker(string path, List<ConfigurationError> errors)
    {
        private readonly List<RawSetting> settings = [];
        private readonly string directory = Path.GetDirectoryName(path) ?? ".";

        public List<RawSetting> Read(YamlStream stream)
        {
            if (stream.Documents.Count > 1)
            {
                errors.Add(new ConfigurationError(null, "a config file holds one YAML document; found several", $"in {path}"));
            }

            switch (stream.Documents.FirstOrDefault()?.RootNode)
            {
                case null:
                    break;
                case YamlMappingNode root:
                    Walk(root, prefix: "");
                    break;
                case YamlScalarNode scalar when IsNull(scalar):
                    break;
                case var other:
                    errors.Add(new ConfigurationError(null, "the top level must be a mapping of keys to values", At(other)));
                    break;
            }

            return settings;
        }

        private void Walk(YamlMappingNode mapping, string prefix)
        {
            foreach (var (keyNode, valueNode) in mapping.Children)
            {
                var name = prefix + (keyNode is YamlScalarNode { Value: { } k } ? k : keyNode.ToString());
                if (ConfigKeys.Find(name) is not null)
                {
                    settings.Add(ToSetting(name, valueNode, At(keyNode)));
                }
                else if (prefix.Length == 0 && ConfigKeys.RoutingSections.Contains(name))
                {
                    // Read by the routing configuration, which knows its shape.
                }
                else if (ConfigKeys.Sections.Contains(name))
                {
                    WalkSection(name, valueNode);
                }
                else
                {
                    var hint = ConfigKeys.Suggest(name) is { } suggestion ? $"; did you mean {suggestion}?" : "";
                    errors.Add(new ConfigurationError(name, "unknown key" + hint, At(keyNode)));
                }
            }
        }

        private void WalkSection(string name, YamlNode value)
        {
            if (value is YamlMappingNode section)
            {
                Walk(section, name + ".");
            }
            else if (!(value is YamlScalarNode scalar && IsNull(scalar)))
            {
                errors.Add(new ConfigurationError(name, "expected a section (a mapping of keys to values)", At(value)));
            }
        }

        private RawSetting ToSetting(string key, YamlNode node, string where)
        {
            var origin = new SettingOrigin(where, directory);
            return node switch
            {
                YamlScalarNode scalar when IsNull(scalar) => new RawSetting(key, RawShape.Null, null, [], origin),
                YamlScalarNode scalar => RawSetting.Scalar(key, scalar.Value ?? "", origin),
                YamlSequenceNode list when list.Children.All(c => c is YamlScalarNode) =>
                    new RawSetting(key, RawShape.List, null, [.. list.Children.Select(c => ((YamlScalarNode)c).Value ?? "")], origin),
                _ => new RawSetting(key, RawShape.Mapping, null, [], origin),
            };
        }

        private string At(YamlNode node) => $"in {path}, line {node.Start.Line}";

        /// <summary>A plain empty, <c>~</c> or <c>null</c> is YAML's null; a quoted one is a string.</summary>
        private static bool IsNull(YamlScalarNode scalar) =>
            scalar.Style == ScalarStyle.Plain && scalar.Value is null or "" or "~" or "null" or "Null" or "NULL";
    }
}
