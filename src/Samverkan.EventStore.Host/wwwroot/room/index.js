// The start page: plan a new conference (the facilitator key is shown once and opens the console's session at
// once), and the conferences held here, each with its big screen, console and protocol.
import { actionForm, field, section } from "./forms.js";
import { api, el, fill, problemView, read, start, t } from "./room.js";

const main = document.getElementById("main");

function planForm() {
  return actionForm({
    label: t("planTitle"), submit: t("planSubmit"),
    fields: [
      field({ name: "title", label: t("planConferenceTitle") }),
      field({ name: "place", label: t("planPlace") }),
      field({ name: "startsOn", label: t("planStartsOn"), type: "date" }),
      field({ name: "endsOn", label: t("planEndsOn"), type: "date" }),
      field({ name: "language", label: t("planLanguage"), type: "select",
        options: [{ value: "sv", label: "svenska" }, { value: "en", label: "English" }] }),
      field({ name: "categories", label: t("planCategories"), value: "process, effect",
        hint: t("planCategoriesHint") }),
    ],
    action: data => api("POST", "/api/conferences", { json: {
      title: data.get("title"), place: data.get("place"), startsOn: data.get("startsOn"), endsOn: data.get("endsOn"),
      language: data.get("language"),
      categories: String(data.get("categories")).split(",").map(c => c.trim()).filter(c => c.length > 0),
    } }),
    onOk: async (created, form, outcome) => {
      const session = await api("POST", `/c/${created.conferenceId}/session`,
        { json: { key: created.facilitatorKey } });
      fill(outcome, el("div", { class: "created", role: "status" },
        el("p", { text: t("planCreated") }),
        el("p", {}, t("planKey"), " ", el("code", { class: "secret", text: created.facilitatorKey })),
        session.ok ? null : problemView(session.problem),
        el("p", {}, el("a", { class: "button", href: `/c/${created.conferenceId}/console`, text: t("openConsole") }))));
    },
  });
}

async function conferenceList() {
  const list = await read("/api/conferences?pageSize=50");
  if (list.conferences.length === 0) return el("p", { text: t("noConferences") });
  return el("ul", { class: "conferences" }, list.conferences.map(c => el("li", {},
    el("strong", { text: c.title }), ` – ${c.place}, ${c.startsOn} (${t(`status-${c.status}`)}) `,
    el("a", { href: `/c/${c.conferenceId}/console`, text: t("linkConsole") }), " · ",
    el("a", { href: `/c/${c.conferenceId}/screen`, text: t("linkScreen") }), " · ",
    el("a", { href: `/c/${c.conferenceId}/protocol`, text: t("linkProtocol") }), " · ",
    el("a", { href: `/c/${c.conferenceId}/audit`, text: t("linkAudit") }))));
}

start(async () => {
  fill(main,
    section("plan", t("planTitle"), planForm()),
    section("conferences", t("conferencesTitle"), await conferenceList().catch(problemView)),
    el("p", {}, el("a", { href: "/api-reference", text: t("apiReference") })));
});
