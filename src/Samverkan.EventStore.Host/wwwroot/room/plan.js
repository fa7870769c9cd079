// The round plan in words, as the facilitator types it, before it is saved: what each round will decide.
import { el, levelName, percent, t } from "./room.js";

export function explainPlan(text, conference) {
  let plan;
  try {
    plan = JSON.parse(text);
  } catch (error) {
    return el("p", { class: "problem", text: t("planUnreadable", error.message) });
  }
  if (!Array.isArray(plan?.rounds)) return el("p", { class: "problem", text: t("planNoRounds") });
  return el("ol", { class: "plan-words" }, plan.rounds.map(round => el("li", {},
    el("strong", { text: `${t("roundLabel", round.number)}: ${scope(round.scope ?? {}, conference)}` }),
    el("ul", {}, rules(round.rules ?? {}).map(sentence => el("li", { text: sentence }))))));
}

/** The plan as saved, in words: each round's rules as the conference holds them. */
export function explainSavedPlan(conference) {
  return el("ol", { class: "plan-words" }, conference.rounds.map(round => el("li", {},
    el("strong", { text: `${t("roundLabel", round.round)}: ${t(`roundStatus-${round.status}`)}` }),
    el("ul", {}, rules(round.rules).map(sentence => el("li", { text: sentence }))))));
}

function scope(scope, conference) {
  if (scope.protocolLevel) return t("scopeLevel", levelName(scope.protocolLevel));
  return t("scopeCategories", (scope.categories ?? conference.categories).join(", "));
}

function rules(rules) {
  const advance = rules.advance;
  const select = rules.select;
  return [
    rules.eliminate && t("ruleEliminate", percent(rules.eliminate.below)),
    advance?.topN != null && t("ruleAdvanceTop", advance.topN, levelName(advance.toLevel)),
    advance?.atOrAbove != null && t("ruleAdvanceShare", percent(advance.atOrAbove), levelName(advance.toLevel)),
    select && t("ruleSelect", levelName(select.toLevel),
      Object.entries(select.topNPerCategory ?? {}).map(([category, n]) => `${category} ${n}`).join(", ")),
    t(`remainder-${rules.remainder ?? "CarryOver"}`),
    t(`denominator-${rules.denominator ?? "VotesCast"}`),
    t(`abstentions-${rules.abstentions ?? "Excluded"}`),
    t(`ties-${rules.ties ?? "IncludeAllTied"}`),
  ].filter(Boolean);
}
