// The protocols as the report lays them out, for print (to PDF from the browser): per protocol level, the
// indicators by category, numbered, each with its share of yes votes and its number in the catalog.
import { conferencePath, el, fill, levelName, percent, problemView, read, start, t } from "./room.js";

const main = document.getElementById("main");

async function load() {
  const conference = await read(conferencePath());
  document.title = `${t("protocolTitle")} – ${conference.title}`;
  const protocols = await Promise.all(conference.protocolLevels.map(level =>
    read(conferencePath(`/protocols/${encodeURIComponent(level)}`))));
  return [
    el("h1", { text: conference.title }),
    el("p", { class: "meta", text: `${conference.place}, ${conference.startsOn} – ${conference.endsOn}` }),
    el("p", { class: "no-print" }, el("button", { type: "button", text: t("print"), onclick: () => print() })),
    protocols.length === 0 ? el("p", { text: t("protocolNone") }) : null,
    protocols.map(protocol => el("section", { class: "printed-protocol" },
      el("h2", { text: `${capitalised(levelName(protocol.level))}${protocol.adopted ? "" : ` ${t("notAdopted")}`}` }),
      conference.categories.map(category => {
        const members = protocol.members.filter(m => m.category === category);
        return members.length === 0 ? null : el("section", { class: "category" },
          el("h3", { text: t("categoryHeading", capitalised(category), category) }),
          el("ol", {}, members.map(m => el("li", {},
            el("span", { text: m.text }), " ",
            el("span", { class: "share", text: t("shareOfYes", percent(m.share)) }), " ",
            el("span", { class: "original", text: t("originalIndicator", m.indicator) })))));
      }))),
  ];
}

const capitalised = text => text.charAt(0).toUpperCase() + text.slice(1);

start(() => load().then(view => fill(main, view), problem => fill(main, problemView(problem))));
