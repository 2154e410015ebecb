using System.Globalization;
using System.Net;
using System.Text;

namespace Locus.RouterLab.Evaluation;

/// <summary>A hand-written SVG of PGR against strong-call share, one line per router, with a legend.</summary>
public static class PgrPlot
{
    private const int Width = 640, Height = 440, Left = 60, Right = 170, Top = 30, Bottom = 50;
    private static readonly string[] Colors = ["#1f77b4", "#7f7f7f", "#2ca02c", "#d62728", "#9467bd", "#ff7f0e"];

    public static string Svg(string title, IReadOnlyList<RouterEvaluation> evaluations)
    {
        ArgumentNullException.ThrowIfNull(evaluations);
        var low = Math.Min(0, evaluations.SelectMany(e => e.Curve).Select(p => p.Pgr).DefaultIfEmpty(0).Min());
        var high = Math.Max(1, evaluations.SelectMany(e => e.Curve).Select(p => p.Pgr).DefaultIfEmpty(1).Max());
        double plotW = Width - Left - Right, plotH = Height - Top - Bottom;
        string X(double share) => F(Left + (share * plotW));
        string Y(double pgr) => F(Top + ((high - pgr) / (high - low) * plotH));

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" font-family=\"sans-serif\" font-size=\"12\">\n");
        svg.Append(CultureInfo.InvariantCulture, $"<rect width=\"{Width}\" height=\"{Height}\" fill=\"white\"/>\n");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left}\" y=\"18\" font-size=\"14\">{WebUtility.HtmlEncode(title)}</text>\n");
        for (var i = 0; i <= 10; i++)
        {
            var share = i / 10.0;
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{X(share)}\" y1=\"{Y(low)}\" x2=\"{X(share)}\" y2=\"{Y(high)}\" stroke=\"#eee\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{X(share)}\" y=\"{F(Height - Bottom + 16)}\" text-anchor=\"middle\">{i * 10}%</text>\n");
        }

        for (var pgr = Math.Ceiling(low * 5) / 5; pgr <= high + 1e-9; pgr += 0.2)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{X(0)}\" y1=\"{Y(pgr)}\" x2=\"{X(1)}\" y2=\"{Y(pgr)}\" stroke=\"#eee\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 6}\" y=\"{Y(pgr)}\" text-anchor=\"end\" dominant-baseline=\"middle\">{F(pgr)}</text>\n");
        }

        svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{Left}\" y=\"{Top}\" width=\"{F(plotW)}\" height=\"{F(plotH)}\" fill=\"none\" stroke=\"black\"/>\n");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(Left + (plotW / 2))}\" y=\"{Height - 12}\" text-anchor=\"middle\">calls to the strong model</text>\n");
        svg.Append(CultureInfo.InvariantCulture, $"<text transform=\"translate(16 {F(Top + (plotH / 2))}) rotate(-90)\" text-anchor=\"middle\">PGR</text>\n");
        for (var i = 0; i < evaluations.Count; i++)
        {
            var e = evaluations[i];
            var color = Colors[i % Colors.Length];
            var points = string.Join(" ", e.Curve.Select(p => $"{X(p.StrongShare)},{Y(p.Pgr)}"));
            svg.Append(CultureInfo.InvariantCulture, $"<polyline fill=\"none\" stroke=\"{color}\" stroke-width=\"2\" points=\"{points}\"/>\n");
            var legendY = Top + 10 + (i * 20);
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Width - Right + 12}\" y1=\"{legendY}\" x2=\"{Width - Right + 32}\" y2=\"{legendY}\" stroke=\"{color}\" stroke-width=\"2\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Width - Right + 38}\" y=\"{legendY}\" dominant-baseline=\"middle\">{WebUtility.HtmlEncode(e.Router)} (APGR {F(e.Apgr)})</text>\n");
        }

        svg.Append("</svg>\n");
        return svg.ToString();
    }

    private static string F(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
