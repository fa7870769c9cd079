// The big screen, for the projector, with no key: while a round is open only its turnout (tallies could steer
// later voters); the moment it closes, the ranked chart with thresholds, outcomes and counts; the funnel of the
// conference and, once adopted, the protocol. It reads the public views again whenever a notice says so.
import { roundChart } from "./chart.js";
import { conferencePath, el, fill, follow, levelName, outcomeOf, percent, problemView, read, start, t }
  from "./room.js";

const main = document.getElementById("main");

async function load() {
  const conference = await read(conferencePath());
  document.getElementById("title").textContent = conference.title;
  document.title = `${t("screenTitle")} – ${conference.title}`;
  const open = conference.rounds.find(r => r.status === "Open");
  const closed = conference.rounds.filter(r => r.status === "Closed").at(-1);
  const protocols = await Promise.all(conference.adoptedProtocols.map(level =>
    read(conferencePath(`/protocols/${encodeURIComponent(level)}`))));
  return [
    open ? await turnoutView(open)
      : closed ? closedView(closed, conference)
        : el("p", { class: "notice", text: t("screenWaiting") }),
    funnel(conference),
    protocols.map(protocol => protocolView(protocol, conference)),
  ];
}

async function turnoutView(round) {
  const turnout = await read(conferencePath(`/rounds/${round.round}/turnout`));
  return el("section", { class: "turnout", "data-round-open": round.round },
    el("h2", { text: t("screenRoundOpen", round.round) }),
    el("p", { class: "big", text: t("screenTurnout", turnout.voted, turnout.checkedIn) }),
    el("progress", { max: Math.max(1, turnout.checkedIn), value: turnout.voted,
      "aria-label": t("screenTurnout", turnout.voted, turnout.checkedIn) }));
}

function closedView(round, conference) {
  return el("section", { class: "closed", "data-round-closed": round.round },
    el("h2", { text: t("screenRoundClosed", round.round) }),
    el("p", { id: "counts", class: "big", text: counts(round) }),
    el("figure", {}, roundChart(round, conference.indicators)),
    el("details", {},
      el("summary", { text: t("screenTable") }),
      el("table", {},
        el("thead", {}, el("tr", {}, ["rank", "indicator", "yes", "no", "abstain", "share", "outcome"]
          .map(c => el("th", { scope: "col", text: c === "share" ? shareHeading(round.rules) : t(`column-${c}`) })))),
        el("tbody", {}, [...round.decisions].sort((a, b) => a.rank - b.rank).map(d => el("tr", {},
          el("td", { text: d.rank }), el("td", { text: d.indicator }), el("td", { text: d.tally.yes }),
          el("td", { text: d.tally.no }), el("td", { text: d.tally.abstain }),
          el("td", { text: percent(d.tally.share) }), el("td", { text: outcomeOf(d.outcome).label })))))));
}

/** "Andel ja", or in a rating round the share that rated in its band: "Andel 7–9". */
function shareHeading({ rating }) {
  if (!rating) return t("column-share");
  // The band the service takes the share in (RatingRules.ShareBand): the "in" band, or RAND/UCLA's appropriate one.
  const band = rating.consensus.percentInBand?.in.most.band
    ?? { from: Math.ceil(rating.consensus.randUcla.appropriateFrom), to: rating.scale.max };
  return t("column-shareInBand", band.from, band.to);
}

/** "14 till det omfattande protokollet, 46 utgår, 37 går vidare", in the order of the report. */
function counts(round) {
  const levels = [...new Set(round.decisions.filter(d => d.outcome.kind === "Advanced").map(d => d.outcome.level))];
  const count = predicate => round.decisions.filter(predicate).length;
  return [
    ...levels.map(level => t("countAdvanced", count(d => d.outcome.level === level), levelName(level))),
    round.eliminated > 0 && t("countEliminated", round.eliminated),
    round.carriedOver > 0 && t("countCarried", round.carriedOver),
    round.retained > 0 && t("countRetained", round.retained),
  ].filter(Boolean).join(", ");
}

/** The conference as a funnel: the catalog, each closed round's scope, and each protocol level. */
function funnel(conference) {
  const steps = [
    { label: t("funnelCatalog"), count: conference.indicators.length },
    ...conference.rounds.filter(r => r.status !== "Planned")
      .map(r => ({ label: t("funnelRound", r.round), count: r.balloted })),
    ...conference.protocolLevels.map(level => ({
      label: levelName(level),
      count: conference.indicators.filter(i => i.status === "InProtocol" && i.level === level).length,
    })),
  ];
  return el("section", { class: "funnel-section" },
    el("h2", { text: t("funnelTitle") }),
    el("ol", { class: "funnel" }, steps.map(step => el("li", {},
      el("span", { class: "count", text: step.count }), el("span", { text: step.label })))));
}

function protocolView(protocol, conference) {
  return el("section", { class: "protocol" },
    el("h2", { text: t("screenProtocol", levelName(protocol.level)) }),
    conference.categories.map(category => {
      const members = protocol.members.filter(m => m.category === category);
      return members.length === 0 ? null : el("section", {},
        el("h3", { text: category }),
        el("ol", {}, members.map(m => el("li", {},
          `${m.text} `, el("span", { class: "share", text: t("shareOfYes", percent(m.share)) })))));
    }));
}

let reading = 0;

/** Reads the views again; an answer overtaken by a later reading is dropped. */
function refresh() {
  const mine = ++reading;
  load().then(view => mine === reading && fill(main, view),
    problem => mine === reading && fill(main, problemView(problem)));
}

start(() => {
  refresh();
  follow(() => refresh());
});
