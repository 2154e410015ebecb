namespace Locus.Hardware.Thermal;

/// <summary>
/// A form factor's thermal and power character: the RC network around the die, the power model of inference, and
/// the junction temperature its firmware settles at once throttling (the silicon's limit and power cap come from the
/// device profile). Values are calibrated, not published; see <see cref="ThermalEnvelopes"/> and docs/planner.md.
/// </summary>
/// <param name="Id">Preset id, e.g. <c>fanless-laptop</c>.</param>
/// <param name="Name">Display name.</param>
/// <param name="DefaultDevice">Catalog id of the silicon it holds unless a device is named.</param>
/// <param name="Description">One line: what machine it stands for.</param>
/// <param name="Network">Die and heatsink/chassis nodes.</param>
/// <param name="Power">Idle power (share of the device's sustained watts) and energy per byte and per FLOP.</param>
/// <param name="SettleC">Junction temperature the controller holds after the trip, when firmware settles below the
/// trip point (a fanless MacBook Air peaks at its limit and settles near 100 °C); null to hold at the limit.</param>
public sealed record ThermalEnvelope(
    string Id,
    string Name,
    string DefaultDevice,
    string Description,
    ThermalNetwork Network,
    PowerConstants Power,
    double? SettleC = null);
