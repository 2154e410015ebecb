using System.Text.Json;
using System.Text.Json.Serialization;

namespace Locus.Hardware.Synthetic;

/// <summary>Reads and writes a <see cref="Calibration"/> as JSON (snake_case), with the fitted factors for a reader.</summary>
public static class CalibrationFile
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    private sealed record Document(string Device, IReadOnlyList<CalibrationPoint> Points, double DecodeBandwidth, double DecodeLayerOverheadS, double PrefillCompute);

    /// <exception cref="FormatException">The file is not a calibration written by <see cref="Write"/>.</exception>
    public static Calibration Read(string path)
    {
        try
        {
            var doc = JsonSerializer.Deserialize<Document>(File.ReadAllText(path), Options);
            if (doc?.Points is not { Count: > 0 } points || points.Any(p => !(p.MeasuredDecode > 0 && p.IdealDecode > 0 && p.MeasuredPrefill > 0 && p.IdealPrefill > 0)))
            {
                throw new FormatException($"{path}: no measured points with positive speeds");
            }

            return new Calibration(doc.Device ?? "this", points);
        }
        catch (JsonException e)
        {
            throw new FormatException($"{path}: not a calibration file ({e.Message})", e);
        }
    }

    /// <summary>Adds <paramref name="point"/> to the calibration in <paramref name="path"/> (created if absent) and saves it.</summary>
    public static Calibration Append(string path, CalibrationPoint point)
    {
        var calibration = (File.Exists(path) ? Read(path) : new Calibration("this", [])).With(point);
        var e = calibration.Efficiency;
        File.WriteAllText(path, JsonSerializer.Serialize(new Document(calibration.Device, calibration.Points, e.DecodeBandwidth, e.DecodeLayerOverheadSeconds, e.PrefillCompute), Options));
        return calibration;
    }
}
