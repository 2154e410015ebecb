using Locus.Hardware.Planning;

namespace Locus.Hardware.Placement;

/// <summary>The advisor's questions, in the order it asks them.</summary>
/// <param name="Private">The data must stay on hardware the person controls.</param>
/// <param name="LatencyBudgetMs">Time to first token the application can afford, if it has a budget.</param>
/// <param name="Frontier">The task needs frontier-model capability.</param>
/// <param name="Offline">It must work without a network.</param>
public sealed record PlacementQuestions(bool Private, double? LatencyBudgetMs, bool Frontier, bool Offline);

/// <summary>What to decide: the questions, the local option to plan, and the cost inputs.</summary>
public sealed record PlacementRequest(PlacementQuestions Questions, PlanRequest Local, CostInputs Costs);

/// <summary>One step of the decision sequence: the question, its answer here, and why it points where it does.</summary>
public sealed record PlacementStep(string Key, string Question, string Answer, string Reason, Site? PointsTo);

/// <summary>The advisor's answer.</summary>
/// <param name="Site">Where to run.</param>
/// <param name="Feasible">False when the constraints force a site the plan says cannot carry the load (e.g. offline, but the model does not fit).</param>
/// <param name="Steps">The decision sequence, each with its reason.</param>
/// <param name="Lost">What the answer gives up (frontier capability when privacy or offline forbid the cloud), if anything.</param>
/// <param name="Plan">The planner's answer for the local option.</param>
/// <param name="Economics">Monthly cost both ways.</param>
public sealed record PlacementAdvice(Site Site, bool Feasible, IReadOnlyList<PlacementStep> Steps, string? Lost, Plan Plan, Economics Economics);
