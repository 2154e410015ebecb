namespace Locus.Hardware.Thermal;

/// <summary>
/// The exact solution of the two-node network over one step of length dt with constant power, precomputed once so a
/// step costs a few multiply-adds. With temperature rises above ambient x = (u_j, u_s):
/// <code>
///   x' = A x + b P,   A = [[−a, a], [c, −(c+d)]],  a = G_js/C_j, c = G_js/C_s, d = G_sa/C_s,  b = (1/C_j, 0)
///   x(dt)      = Φ x0 + (I − Φ) s P                       Φ = e^{A dt}, s = steady rise per watt
///   ∫₀^dt x dt = M x0 + (dt I − M) s P                    M = ∫₀^dt e^{A t} dt
/// </code>
/// Φ and M come from A's eigen-decomposition (two distinct negative real eigenvalues for any positive network). The
/// integral gives the heat that left through G_sa exactly, so the energy ledger closes to rounding for any step:
/// it is unconditionally stable and needs no small steps. Tests check it against an independent RK4 integration.
/// </summary>
public sealed class StepResponse
{
    private readonly double _phiJj, _phiJs, _phiSj, _phiSs;
    private readonly double _mSj, _mSs;
    private readonly double _steadyJ, _steadyS;

    public StepResponse(ThermalNetwork network, double stepSeconds)
    {
        ArgumentNullException.ThrowIfNull(network);
        network.Validate();
        if (!(stepSeconds > 0) || !double.IsFinite(stepSeconds))
        {
            throw new ArgumentOutOfRangeException(nameof(stepSeconds), stepSeconds, "the step must be positive");
        }

        Network = network;
        StepSeconds = stepSeconds;
        var a = network.JunctionToSinkWPerK / network.JunctionCapacityJPerK;
        var c = network.JunctionToSinkWPerK / network.SinkCapacityJPerK;
        var d = network.SinkToAmbientWPerK / network.SinkCapacityJPerK;
        // Eigenvalues of A: trace −(a+c+d), determinant a·d; the discriminant (a−d)² + c² + 2c(a+d) is positive.
        // The slow one comes from Vieta (λ1 λ2 = a d) rather than a difference of near-equal numbers, which would
        // lose every digit when the die is tightly coupled to its heatsink.
        var trace = -(a + c + d);
        var root = Math.Sqrt((trace * trace) - (4 * a * d));
        var l2 = (trace - root) / 2;
        var l1 = a * d / l2;
        // Eigenvectors v_i = (a, a + λ_i). (a + λ1)(a + λ2) = −a c, so the smaller of the two sums comes from the larger.
        var (p, q) = (a + l1, a + l2);
        if (Math.Abs(p) >= Math.Abs(q))
        {
            q = -a * c / p;
        }
        else
        {
            p = -a * c / q;
        }

        var (e1, e2) = (Math.Exp(l1 * stepSeconds), Math.Exp(l2 * stepSeconds));
        var (i1, i2) = (double.ExpM1(l1 * stepSeconds) / l1, double.ExpM1(l2 * stepSeconds) / l2);
        (_phiJj, _phiJs, _phiSj, _phiSs) = Conjugate(a, p, q, e1, e2);
        (_, _, _mSj, _mSs) = Conjugate(a, p, q, i1, i2);
        _steadyJ = network.JunctionToAmbientKPerW;
        _steadyS = 1 / network.SinkToAmbientWPerK;
    }

    public ThermalNetwork Network { get; }

    public double StepSeconds { get; }

    /// <summary>Junction rise at the end of the step with no power: the part of the next temperature power cannot change.</summary>
    public double FreeJunctionRise(double junctionRise, double sinkRise) => (_phiJj * junctionRise) + (_phiJs * sinkRise);

    /// <summary>Kelvin of junction rise at the end of the step per watt held over the step.</summary>
    public double JunctionRisePerWatt => ((1 - _phiJj) * _steadyJ) - (_phiJs * _steadyS);

    /// <summary>Advances the rises over one step at <paramref name="watts"/>; returns the heat that left to ambient, J.</summary>
    public double Advance(ref double junctionRise, ref double sinkRise, double watts)
    {
        var (sj, ss) = (_steadyJ * watts, _steadyS * watts);
        var (dj, ds) = (junctionRise - sj, sinkRise - ss);
        var sinkIntegral = (ss * StepSeconds) + (_mSj * dj) + (_mSs * ds);
        junctionRise = sj + (_phiJj * dj) + (_phiJs * ds);
        sinkRise = ss + (_phiSj * dj) + (_phiSs * ds);
        return Network.SinkToAmbientWPerK * sinkIntegral;
    }

    /// <summary>V · diag(f1, f2) · V⁻¹ with V = [[a, a], [p, q]], p = a + λ1, q = a + λ2; V⁻¹ = [[q, −a], [−p, a]] / (a (q − p)).</summary>
    private static (double Jj, double Js, double Sj, double Ss) Conjugate(double a, double p, double q, double f1, double f2)
    {
        var det = a * (q - p);
        return (
            a * ((f1 * q) - (f2 * p)) / det,
            a * a * (f2 - f1) / det,
            p * q * (f1 - f2) / det,
            a * ((f2 * q) - (f1 * p)) / det);
    }
}
