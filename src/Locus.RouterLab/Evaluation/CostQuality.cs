using System.Globalization;
using Locus.Core.Errors;
using Locus.RouterLab.Data;

namespace Locus.RouterLab.Evaluation;

/// <summary>
/// RouterBench's multi-model view (arXiv 2403.12031): each model as a (cost, quality) point, and AIQ, the area under the
/// non-decreasing convex hull of such points (routers can mix any two points on it) divided by the cost range.
/// </summary>
public static class CostQuality
{
    /// <summary>Every model of a RouterBench CSV that has a cost column; rows with an empty cell for a model are skipped for it.</summary>
    public static IReadOnlyList<ModelPoint> LoadRouterBench(string path)
    {
        var table = CsvTable.Load(path);
        var points = new List<ModelPoint>();
        foreach (var costName in table.Header.Where(h => h.EndsWith(RouterBenchLoader.CostSuffix, StringComparison.Ordinal)))
        {
            var model = costName[..^RouterBenchLoader.CostSuffix.Length];
            int quality = table.Column(model), cost = table.Column(costName);
            var rows = table.Rows.Where(r => !string.IsNullOrWhiteSpace(r[quality]) && !string.IsNullOrWhiteSpace(r[cost])).ToList();
            if (rows.Count == 0)
            {
                continue;
            }

            points.Add(new ModelPoint(
                model,
                rows.Average(r => double.Parse(r[cost], NumberStyles.Float, CultureInfo.InvariantCulture)),
                rows.Average(r => OutcomeValues.Parse(r[quality], path))));
        }

        return points;
    }

    /// <summary>
    /// The non-decreasing convex hull: from the cheapest point, the upper hull, keeping only points that improve quality.
    /// </summary>
    public static IReadOnlyList<ModelPoint> Hull(IReadOnlyList<ModelPoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        var sorted = points.OrderBy(p => p.Cost).ThenByDescending(p => p.Quality).ToList();
        var hull = new List<ModelPoint>();
        foreach (var p in sorted)
        {
            if (hull.Count > 0 && p.Quality <= hull[^1].Quality)
            {
                continue;
            }

            while (hull.Count >= 2 && Cross(hull[^2], hull[^1], p) >= 0)
            {
                hull.RemoveAt(hull.Count - 1);
            }

            hull.Add(p);
        }

        return hull;
    }

    /// <summary>Area under the hull over [min cost, max cost] of all points, divided by that range (flat after the last hull point).</summary>
    public static double Aiq(IReadOnlyList<ModelPoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.Count == 0)
        {
            throw new LocusException(LocusError.Invalid("AIQ needs at least one model point"));
        }

        double low = points.Min(p => p.Cost), high = points.Max(p => p.Cost);
        var hull = Hull(points);
        if (high - low <= 0)
        {
            return hull[^1].Quality;
        }

        var area = 0.0;
        for (var i = 0; i + 1 < hull.Count; i++)
        {
            area += (hull[i + 1].Cost - hull[i].Cost) * (hull[i].Quality + hull[i + 1].Quality) / 2;
        }

        area += (high - hull[^1].Cost) * hull[^1].Quality;
        return area / (high - low);
    }

    /// <summary>
    /// The least cost at which the hull of <paramref name="points"/> reaches <paramref name="quality"/> (interpolating
    /// between hull points, as a router mixing them would); null when it never does.
    /// </summary>
    public static double? CostAtQuality(IReadOnlyList<ModelPoint> points, double quality)
    {
        ArgumentNullException.ThrowIfNull(points);
        var hull = Hull(points);
        for (var i = 0; i < hull.Count; i++)
        {
            if (hull[i].Quality + 1e-12 < quality)
            {
                continue;
            }

            if (i == 0)
            {
                return hull[0].Cost;
            }

            var (a, b) = (hull[i - 1], hull[i]);
            return a.Cost + ((quality - a.Quality) / (b.Quality - a.Quality) * (b.Cost - a.Cost));
        }

        return null;
    }

    // < 0 when b lies above the segment a→c (points in increasing cost), so keeping b keeps the hull concave.
    private static double Cross(ModelPoint a, ModelPoint b, ModelPoint c) =>
        ((b.Cost - a.Cost) * (c.Quality - a.Quality)) - ((b.Quality - a.Quality) * (c.Cost - a.Cost));
}
