using Microsoft.Extensions.AI;

namespace Locus.Server.Sse;

/// <summary>Where a backend reports usage in a stream: a <see cref="UsageContent"/> among an update's contents.</summary>
internal static class UpdateUsage
{
    public static UsageDetails? Find(ChatResponseUpdate update)
    {
        foreach (var content in update.Contents)
        {
            if (content is UsageContent usage)
            {
                return usage.Details;
            }
        }

        return null;
    }
}
