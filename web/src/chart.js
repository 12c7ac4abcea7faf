// A small SVG line chart of monthly points (0..1 ratios), with a data table beside it for
// screen readers and exact figures.
import { onPhone } from "./dom.js";
import { month, pct } from "./i18n.js";

const NS = "http://www.w3.org/2000/svg";

function svg(tag, attrs) {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  return el;
}

export function lineChart(points, series, { title }) {
  // A phone draws the chart narrower, so that its labels keep their size instead of shrinking
  // with a wide chart scaled down to the screen.
  const narrow = onPhone();
  const W = narrow ? 360 : 640, H = narrow ? 200 : 220, L = 44, R = 12, T = 12, B = 36;
  // At most about one month label per 70 units of width (eight on a wide chart).
  const step = Math.max(1, Math.ceil(points.length / Math.floor((W - L - R) / 70)));
  const root = svg("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": title });
  const x = (i) => L + (points.length < 2 ? 0 : (i * (W - L - R)) / (points.length - 1));
  const y = (v) => T + (1 - v) * (H - T - B);
  for (const tick of [0, 0.25, 0.5, 0.75, 1]) {
    root.append(svg("line", { x1: L, x2: W - R, y1: y(tick), y2: y(tick), stroke: "#d5dae0" }));
    const t = svg("text", { x: L - 6, y: y(tick) + 4, "text-anchor": "end" });
    t.textContent = pct(tick);
    root.append(t);
  }
  points.forEach((p, i) => {
    if (i % step) return;
    const t = svg("text", { x: x(i), y: H - 12, "text-anchor": "middle" });
    t.textContent = month(p.as_of);
    root.append(t);
  });
  for (const { key, colour, dash } of series) {
    const coords = points.map((p, i) => (p[key] === null ? null : [x(i), y(p[key])]));
    let d = "";
    let pen = false;
    for (const c of coords) {
      if (c) d += `${pen ? "L" : "M"}${c[0]},${c[1]}`;
      pen = Boolean(c);
    }
    root.append(svg("path", { d, fill: "none", stroke: colour, "stroke-width": 2.5,
      "stroke-dasharray": dash || "none" }));
    coords.forEach((c) => c && root.append(svg("circle", { cx: c[0], cy: c[1], r: 3, fill: colour })));
  }
  return root;
}
