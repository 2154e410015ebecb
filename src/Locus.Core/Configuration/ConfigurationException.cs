namespace Locus.Core.Configuration;

/// <summary>
/// The configuration could not be loaded. Carries every problem found, so a user fixes them all in one pass
/// instead of discovering them one run at a time.
/// </summary>
public sealed class ConfigurationException : Exception
{
    /// <summary>Creates the exception from the problems found; there must be at least one.</summary>
    public ConfigurationException(IReadOnlyList<ConfigurationError> errors)
        : base(Format(errors)) => Errors = errors;

    /// <summary>Every problem found, in the order the sources were read.</summary>
    public IReadOnlyList<ConfigurationError> Errors { get; }

    private static string Format(IReadOnlyList<ConfigurationError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (errors.Count == 0)
        {
            throw new ArgumentException("A configuration exception needs at least one error.", nameof(errors));
        }

        var heading = errors.Count == 1
            ? "The Locus configuration has a problem:"
            : $"The Locus configuration has {errors.Count} problems:";
        return heading + string.Concat(errors.Select(e => Environment.NewLine + "  " + e));
    }
}
