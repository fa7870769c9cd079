// The ranked bar chart of a closed round: every indicator's share of yes votes, best first, the thresholds of the
// round's rules drawn across, and each bar coloured and labelled by its outcome. SVG, so it scales on a projector.
import { el, outcomeOf, percent, t } from "./room.js";

const width = 1120;
const labelWidth = 360;
const barStart = labelWidth + 10;
const barWidth = 360;
const top = 34;

const x = share => barStart + barWidth * Number(share);

export function roundChart(round, indicators) {
  const decisions = [...round.decisions].sort((a, b) => a.rank - b.rank || a.indicator - b.indicator);
  // Rows narrow as indicators grow in number, so that a round of a hundred still fits a projector's height.
  const row = Math.max(12, Math.min(30, 900 / decisions.length));
  const bottom = top + row * decisions.length;
  const height = bottom + 30;
  const thresholds = [
    round.rules.eliminate && { share: round.rules.eliminate.below, label: t("thresholdEliminate") },
    round.rules.advance?.atOrAbove != null && { share: round.rules.advance.atOrAbove, label: t("thresholdAdvance") },
  ].filter(Boolean);
  return el("svg", { viewBox: `0 0 ${width} ${height}`, class: "chart", role: "img", "font-size": row / 2,
    "aria-label": t("chartLabel", round.round) },
    el("title", { text: t("chartLabel", round.round) }),
    [0, 0.25, 0.5, 0.75, 1].map(share => el("g", { class: "axis" },
      el("line", { x1: x(share), x2: x(share), y1: top - 6, y2: bottom }),
      el("text", { x: x(share), y: top - 12, "text-anchor": "middle", text: percent(share) }))),
    decisions.map((decision, i) => bar(decision, indicators, top + i * row, row)),
    thresholds.map(threshold => el("g", { class: "threshold" },
      el("line", { x1: x(threshold.share), x2: x(threshold.share), y1: top - 4, y2: bottom + 6 }),
      el("text", { x: x(threshold.share), y: height - 6, "text-anchor": "middle",
        text: `${threshold.label} ${percent(threshold.share)}` }))));
}

function bar(decision, indicators, y, row) {
  const indicator = indicators.find(i => i.number === decision.indicator);
  const outcome = outcomeOf(decision.outcome);
  const text = `${decision.indicator}. ${indicator?.text ?? ""}`;
  return el("g", { class: `bar ${outcome.css}` },
    el("title", { text: `${text}: ${percent(decision.tally.share)}, ${outcome.label}` }),
    el("text", { x: labelWidth, y: y + row * 0.65, "text-anchor": "end",
      text: text.length > 44 ? `${text.slice(0, 43)}…` : text }),
    el("rect", { x: barStart, y: y + row * 0.15, width: Math.max(2, barWidth * Number(decision.tally.share)),
      height: row * 0.7 }),
    el("text", { x: x(decision.tally.share) + 6, y: y + row * 0.65, class: "value",
      text: `${percent(decision.tally.share)} · ${outcome.label}` }));
}
