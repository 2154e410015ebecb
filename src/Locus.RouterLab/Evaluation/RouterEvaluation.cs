namespace Locus.RouterLab.Evaluation;

/// <param name="StrongShare">Share of calls sent to the strong model, 0..1.</param>
/// <param name="Pgr">Performance gap recovered at that share.</param>
public sealed record PgrPoint(double StrongShare, double Pgr);

/// <summary>RouteLLM §3.2 metrics of one router on one data set.</summary>
/// <param name="Router">The router's name.</param>
/// <param name="Count">Items evaluated.</param>
/// <param name="WeakQuality">Mean quality when everything goes to the weak model.</param>
/// <param name="StrongQuality">Mean quality when everything goes to the strong model.</param>
/// <param name="Apgr">Area under PGR against strong-call share (trapezoid rule in 1% steps).</param>
/// <param name="Cpt50">Smallest strong-call share (0..1) reaching PGR 0.5.</param>
/// <param name="Cpt80">Smallest strong-call share (0..1) reaching PGR 0.8.</param>
/// <param name="Curve">PGR at strong-call shares 0%, 1%, …, 100%.</param>
public sealed record RouterEvaluation(
    string Router,
    int Count,
    double WeakQuality,
    double StrongQuality,
    double Apgr,
    double? Cpt50,
    double? Cpt80,
    IReadOnlyList<PgrPoint> Curve);
