// The facilitator's console: everything the facilitator role may do through the API, with its session cookie
// (the key typed once) and the anti-forgery token. It cannot break the rules: every command goes to the service,
// and every refusal is shown under the form that caused it.
import { actionForm, field, section } from "./forms.js";
import { explainPlan, explainSavedPlan } from "./plan.js";
import { qrSvg } from "./qr.js";
import { api, conferenceId, conferencePath, el, fill, follow, levelName, newId, problemView, read, start, t,
  useAntiforgeryToken } from "./room.js";

const main = document.getElementById("main");
const planKey = `samverkan-plan-${conferenceId}`;
/** Voter cards handed out in this page's lifetime: shown once by the service, kept only in memory to print. */
const cards = [];
const facilitator = (method, rest, options) => api(method, conferencePath(rest), options);

const examplePlan = JSON.stringify({
  protocolLevels: ["comprehensive", "core"],
  rounds: [
    { number: 1, scope: { categories: ["process", "effect"] },
      rules: { eliminate: { below: 0.5 }, advance: { toLevel: "comprehensive", topN: 14 }, remainder: "CarryOver" } },
    { number: 2, scope: { protocolLevel: "comprehensive" },
      rules: { select: { toLevel: "core", topNPerCategory: { process: 10, effect: 5 } }, remainder: "Retain" } },
  ],
}, null, 2);

function loginView() {
  return section("session", t("consoleLogin"), actionForm({
    label: t("consoleLogin"), submit: t("consoleLoginSubmit"),
    fields: [field({ name: "key", label: t("facilitatorKey"), type: "password", hint: t("facilitatorKeyHint") })],
    action: data => api("POST", `/c/${conferenceId}/session`, { json: { key: data.get("key") } }),
    onOk: session => {
      useAntiforgeryToken(session.antiforgeryToken);
      refresh();
    },
  }));
}

async function consoleView() {
  const conference = await read(conferencePath());
  document.title = `${t("consoleTitle")} – ${conference.title}`;
  const experts = await read(conferencePath("/experts"));
  const webhooks = await read(conferencePath("/webhooks"));
  const rounds = await Promise.all(conference.rounds.map(async round => ({
    round,
    turnout: round.status === "Open" ? await read(conferencePath(`/rounds/${round.round}/turnout`)) : null,
    standings: round.status === "Open" ? await read(conferencePath(`/rounds/${round.round}/standings`)) : null,
  })));
  return [
    overview(conference),
    section("catalog", t("catalogTitle"), catalogForm(conference)),
    section("experts", t("expertsTitle"), registerForm(), expertList(experts), cardSheet()),
    section("plan", t("roundPlanTitle"), planForm(conference)),
    section("rounds", t("roundsTitle"), rounds.map(r => roundView(r, conference))),
    section("override", t("overrideTitle"), overrideForm(conference)),
    section("adoption", t("adoptionTitle"), el("p", { class: "hint", text: t("adoptHint") }),
      conference.protocolLevels.map(level => adoptionForm(level, conference))),
    section("evaluation", t("evaluationTitle"), evaluationForm()),
    section("webhooks", t("webhooksTitle"), webhookList(webhooks), webhookForm()),
    section("auditor", t("auditorTitle"), auditorForm()),
  ];
}

function overview(conference) {
  const link = (page, text) => el("a", { href: `/c/${conferenceId}/${page}`, text });
  return section("overview", conference.title,
    el("p", { text: `${conference.place}, ${conference.startsOn} – ${conference.endsOn}` }),
    el("p", { role: "status", text: t("consoleStatus", t(`status-${conference.status}`),
      conference.indicators.length, conference.expertsRegistered, conference.expertsCheckedIn) }),
    el("p", { class: "links" }, link("screen", t("linkScreen")), " · ", link("protocol", t("linkProtocol")), " · ",
      link("audit", t("linkAudit")), " · ", el("a", { href: "/", text: t("linkStart") })),
    el("button", { type: "button", class: "secondary", text: t("consoleLogout"), onclick: async () => {
      await api("DELETE", `/c/${conferenceId}/session`);
      useAntiforgeryToken(null);
      refresh();
    } }));
}

function catalogForm(conference) {
  return actionForm({
    label: t("catalogTitle"), submit: t("catalogSubmit"),
    fields: [
      el("p", { text: t("catalogHint", conference.indicators.length) }),
      field({ name: "file", label: t("catalogFile"), type: "file", hint: t("catalogFileHint") }),
    ],
    action: async data => {
      const file = data.get("file");
      const json = file.name.toLowerCase().endsWith(".json") || file.type === "application/json";
      return facilitator("POST", "/catalog", { body: await file.text(),
        contentType: json ? "application/json" : "text/csv" });
    },
    onOk: refresh,
  });
}

function registerForm() {
  return actionForm({
    label: t("registerTitle"), submit: t("registerSubmit"), className: "inline",
    fields: [
      field({ name: "name", label: t("expertName") }),
      field({ name: "organisation", label: t("expertOrganisation") }),
      field({ name: "role", label: t("expertRole") }),
    ],
    // A new key per registration: a retry of this very request finds the same expert.
    action: data => facilitator("POST", "/experts", {
      json: { name: data.get("name"), organisation: data.get("organisation"), role: data.get("role") },
      headers: { "Idempotency-Key": newId() },
    }),
    onOk: (_, form) => {
      form.reset();
      refresh();
    },
  });
}

function expertList(experts) {
  if (experts.length === 0) return el("p", { text: t("noExperts") });
  return el("table", { class: "experts" },
    el("thead", {}, el("tr", {}, [t("expertName"), t("expertOrganisation"), t("expertRole"), t("expertCheckedIn")]
      .map(text => el("th", { scope: "col", text })))),
    el("tbody", {}, experts.map(expert => el("tr", {},
      el("td", { text: expert.name }), el("td", { text: expert.organisation }), el("td", { text: expert.role }),
      el("td", {}, expert.checkedIn ? t("yes") : checkInForm(expert))))));
}

function checkInForm(expert) {
  // One key for this expert's check-in on this page: sent again after a lost answer, it hands out the same card.
  const key = newId();
  return actionForm({
    label: t("checkInLabel", expert.name), submit: t("checkInSubmit"), className: "compact", fields: [],
    action: () => facilitator("POST", `/experts/${expert.expertId}/check-in`, { headers: { "Idempotency-Key": key } }),
    onOk: handedOut => {
      cards.push({ name: expert.name, credential: handedOut.voterCredential });
      refresh();
    },
  });
}

function cardSheet() {
  if (cards.length === 0) return el("p", { class: "hint", text: t("cardsHint") });
  return el("div", { class: "cards-section" },
    el("p", {}, el("button", { type: "button", text: t("cardsPrint"), onclick: () => print() })),
    el("ul", { class: "cards", "aria-label": t("cardsTitle") }, cards.map(card => {
      const url = `${location.origin}/c/${conferenceId}/vote#credential=${encodeURIComponent(card.credential)}`;
      return el("li", { class: "card" },
        el("p", { class: "card-name", text: card.name }),
        qrSvg(url, t("cardQr", card.name)),
        el("p", { class: "card-hint", text: t("cardHint") }),
        el("p", { class: "no-print" }, el("a", { class: "vote-link", href: url, text: t("cardLink", card.name) })));
    })));
}

function planForm(conference) {
  const explanation = el("div", { class: "explanation", "aria-live": "polite" });
  const form = actionForm({
    label: t("roundPlanTitle"), submit: t("roundPlanSubmit"),
    fields: [
      conference.rounds.length > 0 ? [el("h3", { text: t("roundPlanSaved") }), explainSavedPlan(conference)] : null,
      field({ name: "plan", label: t("roundPlanJson"), type: "textarea", rows: 16,
        value: localStorage.getItem(planKey) ?? examplePlan, hint: t("roundPlanHint") }),
      el("h3", { text: t("roundPlanInWords") }), explanation,
    ],
    action: data => {
      localStorage.setItem(planKey, data.get("plan"));
      return facilitator("PUT", "/round-plan", { body: data.get("plan"), contentType: "application/json" });
    },
    onOk: refresh,
  });
  const textarea = form.querySelector("textarea");
  const explain = () => fill(explanation, explainPlan(textarea.value, conference));
  textarea.addEventListener("input", explain);
  explain();
  return form;
}

function roundView({ round, turnout, standings }) {
  const command = (verb, submit) => actionForm({
    label: t(`round-${verb}`, round.round), submit, className: "compact", fields: [],
    action: () => facilitator("POST", `/rounds/${round.round}/${verb}`), onOk: refresh,
  });
  return el("article", { class: `round ${round.status.toLowerCase()}`, "aria-label": t("roundLabel", round.round) },
    el("h3", { text: `${t("roundLabel", round.round)}: ${t(`roundStatus-${round.status}`)}` }),
    el("p", { text: t("roundScope", round.indicators.length) }),
    turnout ? el("p", { role: "status", text: t("screenTurnout", turnout.voted, turnout.checkedIn) }) : null,
    round.status === "Planned" ? command("open", t("roundOpen", round.round)) : null,
    round.status === "Open" ? [
      (standings?.unsettledTies ?? []).map(tie => tieForm(round, tie)),
      command("close", t("roundClose", round.round)),
    ] : null,
    round.status === "Closed"
      ? el("p", { text: t("roundCounts", round.advanced, round.eliminated, round.carriedOver, round.retained) })
      : null);
}

function tieForm(round, tie) {
  return actionForm({
    label: t("tieTitle", round.round), submit: t("tieSubmit"), className: "tie",
    fields: [
      el("p", { text: t("tieExplained", tie.tied.join(", "), tie.places, levelName(tie.level),
        tie.category ?? t("allCategories")) }),
      field({ name: "chosen", label: t("tieChosen"), type: "checkboxes",
        options: tie.tied.map(n => ({ value: n, label: String(n) })) }),
      field({ name: "reason", label: t("reason") }),
    ],
    action: data => facilitator("POST", `/rounds/${round.round}/tie-resolutions`, { json: {
      level: tie.level, category: tie.category ?? undefined, reason: data.get("reason"),
      chosen: data.getAll("chosen").map(Number),
    } }),
    onOk: refresh,
  });
}

function overrideForm(conference) {
  const closed = conference.rounds.filter(r => r.status === "Closed");
  if (closed.length === 0) return el("p", { class: "hint", text: t("overrideNone") });
  return actionForm({
    label: t("overrideTitle"), submit: t("overrideSubmit"),
    fields: [
      field({ name: "round", label: t("roundLabel", ""), type: "select",
        options: closed.map(r => ({ value: r.round, label: String(r.round) })) }),
      field({ name: "indicator", label: t("indicator"), type: "number" }),
      field({ name: "outcome", label: t("outcome"), type: "select", options: [
        ...conference.protocolLevels.map(level => ({ value: `Advanced:${level}`, label: t("outcomeAdvanced",
          levelName(level)) })),
        { value: "CarriedOver", label: t("outcomeCarried") },
        { value: "Eliminated", label: t("outcomeEliminated") },
        { value: "Retained", label: t("outcomeRetained") },
      ] }),
      field({ name: "reason", label: t("reason") }),
    ],
    action: data => {
      const [kind, level] = String(data.get("outcome")).split(":");
      return facilitator("POST", `/rounds/${data.get("round")}/overrides`, { json: {
        indicator: Number(data.get("indicator")), outcome: level ? { kind, level } : { kind },
        reason: data.get("reason"),
      } });
    },
    onOk: refresh,
  });
}

function adoptionForm(level, conference) {
  if (conference.adoptedProtocols.includes(level)) return el("p", { text: t("adopted", levelName(level)) });
  return actionForm({
    label: t("adopt", levelName(level)), submit: t("adopt", levelName(level)), className: "compact", fields: [],
    action: () => facilitator("POST", `/protocols/${encodeURIComponent(level)}/adoption`), onOk: refresh,
  });
}

function evaluationForm() {
  return actionForm({
    label: t("evaluationTitle"), submit: t("evaluationSubmit"),
    fields: [field({ name: "questionnaire", label: t("evaluationJson"), type: "textarea", rows: 6,
      value: JSON.stringify({ questions: [{ number: 1, text: t("evaluationExample"),
        options: [t("evaluationGood"), t("evaluationBad")], allowsOwnAlternative: true }] }) })],
    action: data => facilitator("PUT", "/evaluation", { body: data.get("questionnaire"),
      contentType: "application/json" }),
    onOk: (_, form, outcome) => fill(outcome, el("p", { role: "status", text: t("evaluationPublished") })),
  });
}

function webhookList(webhooks) {
  return el("ul", {}, webhooks.map(hook => el("li", {}, `${hook.url} (${hook.eventTypes.join(", ")}) `,
    actionForm({ label: t("webhookCancel", hook.url), submit: t("webhookCancel", ""), className: "compact",
      fields: [], action: () => facilitator("DELETE", `/webhooks/${hook.subscriptionId}`), onOk: refresh }))));
}

function webhookForm() {
  return actionForm({
    label: t("webhooksTitle"), submit: t("webhookSubmit"),
    fields: [
      field({ name: "url", label: t("webhookUrl"), type: "url" }),
      field({ name: "eventTypes", label: t("webhookEvents"), type: "checkboxes", options: [
        { value: "samverkan.round-closed.v1", label: t("webhookRoundClosed"), checked: true },
        { value: "samverkan.protocol-adopted.v1", label: t("webhookProtocolAdopted"), checked: true },
      ] }),
      field({ name: "secret", label: t("webhookSecret"), type: "password", hint: t("webhookSecretHint") }),
    ],
    action: data => facilitator("POST", "/webhooks", { json: {
      url: data.get("url"), eventTypes: data.getAll("eventTypes"), secret: data.get("secret"),
    } }),
    onOk: refresh,
  });
}

function auditorForm() {
  return actionForm({
    label: t("auditorTitle"), submit: t("auditorSubmit"), fields: [el("p", { class: "hint", text: t("auditorHint") })],
    action: () => facilitator("GET", "/auditor-key"),
    onOk: (issued, form, outcome) => {
      const link = `${location.origin}/c/${conferenceId}/audit#auditorKey=${encodeURIComponent(issued.key)}`;
      fill(outcome, el("p", {}, t("auditorLink"), " ", el("code", { class: "secret", text: link })));
    },
  });
}

let reading = 0;

/** Whether the facilitator is filling in a form, which a reading the room started must not wipe. */
const editing = () => document.querySelector("form:focus-within") !== null;

/** Reads the console again, after the facilitator's own action. */
const refresh = () => readAgain(false);

/**
 * Reads the console again; an answer overtaken by a later reading is dropped, and so is one the room started (a
 * notice) that comes back while the facilitator is filling in a form. Focus stays where it was.
 */
async function readAgain(startedByTheRoom) {
  const mine = ++reading;
  const session = await api("GET", `/c/${conferenceId}/session`);
  let view;
  if (!session.ok) view = loginView();
  else {
    useAntiforgeryToken(session.data.antiforgeryToken);
    view = await consoleView().catch(problem => problemView(problem));
  }
  if (mine !== reading || (startedByTheRoom && editing())) return;
  const focused = document.activeElement?.id;
  fill(main, view);
  if (focused) document.getElementById(focused)?.focus();
}

start(() => {
  refresh();
  follow(() => {
    if (!editing()) readAgain(true);
  });
});
