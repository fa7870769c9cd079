// The auditor's view: an indicator's whole path with its sentence in Swedish and English, the conference as it
// stood at any point of the log (a slider over the event sequence), and the event walk. The auditor key arrives
// in the link's fragment and is kept for this tab only; a facilitator's console session serves as well.
import { actionForm, field, section } from "./forms.js";
import { api, conferenceId, conferencePath, el, fill, outcomeOf, percent, problemView, read, start, t,
  takeFromFragment } from "./room.js";

const main = document.getElementById("main");
const keyName = `samverkan-auditor-${conferenceId}`;
const fromLink = takeFromFragment("auditorKey");
if (fromLink) sessionStorage.setItem(keyName, fromLink);
const auditor = () => {
  const key = sessionStorage.getItem(keyName);
  return key ? { headers: { "X-Auditor-Key": key } } : {};
};

function keyForm(problem) {
  return section("key", t("auditKey"), problem ? problemView(problem) : null, actionForm({
    label: t("auditKey"), submit: t("auditKeySubmit"),
    fields: [field({ name: "key", label: t("auditKey"), type: "password" })],
    action: async data => {
      sessionStorage.setItem(keyName, data.get("key"));
      return api("GET", conferencePath("/events?limit=1"), auditor());
    },
    onOk: render,
  }));
}

function pathForm() {
  const result = el("div", { class: "trail" });
  return section("path", t("auditPath"), actionForm({
    label: t("auditPath"), submit: t("auditPathSubmit"), className: "inline",
    fields: [field({ name: "indicator", label: t("indicator"), type: "number" })],
    action: data => api("GET", conferencePath(`/indicators/${Number(data.get("indicator"))}/audit`)),
    onOk: trail => fill(result,
      el("p", { class: "sentence", lang: "sv", text: trail.explanation.sv }),
      el("p", { class: "sentence", lang: "en", text: trail.explanation.en }),
      el("ol", {}, trail.entries.map(entry => el("li", {},
        el("code", { text: `#${entry.sequence}` }), ` ${entry.time} – ${entry.summary}`,
        entry.tally ? ` (${percent(entry.tally.share)})` : "",
        entry.outcome ? ` → ${outcomeOf(entry.outcome).label}` : "",
        entry.reason ? ` – ${entry.reason}` : "")))),
  }), result);
}

/** Every event of the conference, read page by page (at most 1000 each). */
async function allEvents() {
  const events = [];
  let after = 0;
  do {
    const page = await read(conferencePath(`/events?after=${after}&limit=1000`), auditor());
    events.push(...page.events);
    after = page.nextAfter;
  } while (after);
  return events;
}

function asOfView(events) {
  const shown = el("div", { class: "as-of", "aria-live": "polite" });
  const label = el("output", { for: "as-of-slider" });
  const slider = el("input", { id: "as-of-slider", type: "range", min: 0, max: events.length - 1,
    value: events.length - 1, "aria-describedby": "as-of-hint" });
  let asked = 0;
  const show = async () => {
    const event = events[Number(slider.value)];
    label.textContent = t("auditAsOfAt", event.sequence, event.time);
    const mine = ++asked;
    const answer = await api("GET", conferencePath(`/as-of?sequence=${event.sequence}`), auditor());
    if (mine !== asked) return;
    if (!answer.ok) return fill(shown, problemView(answer.problem));
    const c = answer.data.conference;
    const count = status => c.indicators.filter(i => i.status === status).length;
    fill(shown, el("ul", {},
      el("li", { text: t("auditAsOfStatus", t(`status-${c.status}`)) }),
      el("li", { text: t("auditAsOfIndicators", c.indicators.length, count("InPlay"), count("Eliminated"),
        count("InProtocol")) }),
      c.rounds.map(r => el("li", { text: `${t("roundLabel", r.round)}: ${t(`roundStatus-${r.status}`)}` }))));
  };
  slider.addEventListener("input", show);
  show();
  return section("as-of", t("auditAsOf"),
    el("label", { for: "as-of-slider", text: t("auditAsOfSlider") }), slider, label,
    el("p", { id: "as-of-hint", class: "hint", text: t("auditAsOfHint") }), shown);
}

function walkView(events) {
  const pageSize = 100;
  const body = el("tbody");
  const more = el("button", { type: "button", text: t("auditMore") });
  const showMore = () => {
    const shown = body.children.length;
    body.append(...events.slice(shown, shown + pageSize).map(e => el("tr", {},
      el("td", { text: e.sequence }), el("td", { text: e.time }), el("td", { text: e.type }),
      el("td", { text: e.summary }))));
    more.hidden = body.children.length >= events.length;
  };
  more.addEventListener("click", showMore);
  showMore();
  return section("walk", t("auditWalk"),
    el("table", {}, el("thead", {}, el("tr", {}, ["sequence", "time", "type", "summary"]
      .map(c => el("th", { scope: "col", text: t(`column-${c}`) })))), body), more);
}

async function render() {
  const events = await allEvents().catch(problem => ({ problem }));
  if (events.problem) return fill(main, pathForm(), keyForm(events.problem.status === 401 ? null : events.problem));
  fill(main, pathForm(), events.length > 0 ? asOfView(events) : null, walkView(events));
}

start(render);
