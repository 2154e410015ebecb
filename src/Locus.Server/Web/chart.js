// Draws one envelope's simulation as an SVG: junction (and heatsink) temperature over time with the junction limit and
// the throttle point, and below it the delivered tokens/s against the target. Plain SVG, no library: the page is offline.
const NS = "http://www.w3.org/2000/svg";
const W = 480, LEFT = 38, RIGHT = 470;
const TEMP_TOP = 8, TEMP_BOTTOM = 176, TPS_TOP = 198, TPS_BOTTOM = 256, H = 278;

function el(name, attrs, text) {
  const node = document.createElementNS(NS, name);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

/** "6 min 52 s", "42 s", "30 min", "1 h 05 min". */
export function duration(seconds) {
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) return s % 60 ? `${Math.floor(s / 60)} min ${s % 60} s` : `${s / 60} min`;
  return `${Math.floor(s / 3600)} h ${String(Math.floor(s % 3600 / 60)).padStart(2, "0")} min`;
}

function niceStep(span, count) {
  const raw = span / count, mag = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 5, 10].map(m => m * mag).find(s => s >= raw) ?? 10 * mag;
}

function path(points) {
  return points.map(([x, y], i) => `${i ? "L" : "M"}${x.toFixed(1)},${y.toFixed(1)}`).join("");
}

/** Junction temperature at time t, read off the samples (linear between them). */
function junctionAt(samples, t) {
  const i = samples.findIndex(s => s.t_s >= t);
  if (i <= 0) return samples[i < 0 ? samples.length - 1 : 0].junction_c;
  const a = samples[i - 1], b = samples[i], f = (t - a.t_s) / (b.t_s - a.t_s || 1);
  return a.junction_c + f * (b.junction_c - a.junction_c);
}

/**
 * Renders `sim` (one /v1/thermal answer) into a new SVG titled `title` for screen readers. `scale.temp` = [min, max] °C shared by every card so the
 * envelopes compare at a glance; `scale.seconds` is the simulated duration.
 */
export function renderChart(sim, scale, title) {
  const [tMin, tMax] = scale.temp, seconds = scale.seconds;
  const x = t => LEFT + (RIGHT - LEFT) * t / seconds;
  const yTemp = c => TEMP_BOTTOM - (TEMP_BOTTOM - TEMP_TOP) * (c - tMin) / (tMax - tMin);
  const samples = sim.samples;
  // The scale follows what is delivered; a target far above it (more than twice) is named instead of drawn, so a
  // throttle drop stays visible rather than flattened against an unreachable target.
  const delivered = Math.max(...samples.map(s => s.tokens_per_s));
  const targetShown = sim.target_tokens_per_s <= 2 * delivered;
  const tpsPeak = (targetShown ? Math.max(delivered, sim.target_tokens_per_s) : delivered) * 1.1 || 1;
  const tpsMax = Math.ceil(tpsPeak / niceStep(tpsPeak, 4)) * niceStep(tpsPeak, 4);
  const yTps = v => TPS_BOTTOM - (TPS_BOTTOM - TPS_TOP) * v / tpsMax;
  const throttle = sim.time_to_throttle_s;

  const svg = el("svg", { viewBox: `0 0 ${W} ${H}`, role: "img" });
  svg.setAttribute("aria-label", `${title}: junction temperature over ${duration(seconds)}, peaking at ` +
    `${Math.round(sim.peak_junction_c)} °C of ${sim.junction_limit_c} °C; ` +
    (throttle == null ? "never throttles" : `throttles at ${duration(throttle)}`));

  // Grid and axes: temperature ticks on the left, minutes along the bottom.
  const tempStep = niceStep(tMax - tMin, 6), yLimit = yTemp(sim.junction_limit_c);
  for (let c = Math.ceil(tMin / tempStep) * tempStep; c <= tMax; c += tempStep) {
    svg.append(el("line", { class: "grid", x1: LEFT, x2: RIGHT, y1: yTemp(c), y2: yTemp(c) }));
    // The limit's own label (below) takes precedence over a grid label it would overlap.
    if (Math.abs(yTemp(c) - yLimit) >= 11)
      svg.append(el("text", { x: LEFT - 4, y: yTemp(c) + 4, "text-anchor": "end" }, `${c}°`));
  }
  const minuteStep = niceStep(seconds / 60, 6);
  for (let m = 0; m <= seconds / 60 + 1e-9; m += minuteStep) {
    svg.append(el("line", { class: "grid", x1: x(m * 60), x2: x(m * 60), y1: TEMP_TOP, y2: TPS_BOTTOM }));
    svg.append(el("text", { x: x(m * 60), y: H - 8, "text-anchor": "middle" }, m === 0 ? "0 min" : `${m}`));
  }
  svg.append(el("line", { class: "axis", x1: LEFT, x2: RIGHT, y1: TEMP_BOTTOM, y2: TEMP_BOTTOM }));
  svg.append(el("line", { class: "axis", x1: LEFT, x2: RIGHT, y1: TPS_BOTTOM, y2: TPS_BOTTOM }));

  // Junction limit, labelled on the axis: inside the plot the space above the line is kept for the throttle label.
  svg.append(el("line", { class: "limit", x1: LEFT, x2: RIGHT, y1: yLimit, y2: yLimit }));
  svg.append(el("text", { class: "limit-label", x: LEFT - 4, y: yLimit + 4, "text-anchor": "end" }, `${sim.junction_limit_c}°`));

  svg.append(el("path", { class: "heatsink", d: path(samples.map(s => [x(s.t_s), yTemp(s.heatsink_c)])) }));
  svg.append(el("path", { class: "junction", d: path(samples.map(s => [x(s.t_s), yTemp(s.junction_c)])) }));

  // Delivered tokens/s below, with the target dashed.
  const tpsPoints = samples.map(s => [x(s.t_s), yTps(s.tokens_per_s)]);
  svg.append(el("path", { class: "tps-area", d: `${path(tpsPoints)}L${RIGHT},${TPS_BOTTOM}L${LEFT},${TPS_BOTTOM}Z` }));
  if (targetShown)
    svg.append(el("line", { class: "target", x1: LEFT, x2: RIGHT, y1: yTps(sim.target_tokens_per_s), y2: yTps(sim.target_tokens_per_s) }));
  else
    svg.append(el("text", { x: LEFT + 4, y: TPS_TOP - 3 }, `target ${sim.target_tokens_per_s} tok/s, above the scale`));
  svg.append(el("path", { class: "tps", d: path(tpsPoints) }));
  svg.append(el("text", { x: LEFT - 4, y: TPS_TOP + 8, "text-anchor": "end" }, `${Math.round(tpsMax)}`));
  svg.append(el("text", { x: LEFT - 4, y: TPS_BOTTOM + 4, "text-anchor": "end" }, "0"));
  svg.append(el("text", { x: RIGHT, y: TPS_TOP - 3, "text-anchor": "end" }, "tokens/s"));

  if (throttle != null) svg.append(throttleMarker(x(throttle), yTemp(junctionAt(samples, throttle)), yLimit, throttle));
  return svg;
}

const flips = px => px > LEFT + 0.62 * (RIGHT - LEFT);

function throttleMarker(px, py, yLimit, seconds) {
  const g = el("g", { class: "throttle" });
  g.append(el("line", { x1: px, x2: px, y1: TEMP_TOP, y2: TPS_BOTTOM }));
  g.append(el("circle", { cx: px, cy: py, r: 4.5 }));
  // Above the limit line nothing else is drawn (the junction never passes it), so the label sits there: right of the
  // marker, or left of it near the right edge.
  g.append(el("text", flips(px)
    ? { x: px - 8, y: yLimit - 5, "text-anchor": "end" }
    : { x: px + 8, y: yLimit - 5, "text-anchor": "start" }, `throttles at ${duration(seconds)}`));
  return g;
}
