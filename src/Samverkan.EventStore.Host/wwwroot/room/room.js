// What every page of the room shares: language, the public HTTP API, notices, and building the page.
// Pages use only the public API with the powers of their role; nothing here knows more than a client may.
import { texts } from "./texts.js";

const languageKey = "samverkan-language";

/** The page's language: Swedish unless the reader chose English. */
export let language = localStorage.getItem(languageKey) === "en" ? "en" : "sv";

/** A text of the page in its language; {0}, {1}, … are filled with the arguments. */
export function t(key, ...args) {
  const text = texts[language][key] ?? texts.sv[key] ?? key;
  return text.replace(/\{(\d+)\}/g, (_, i) => String(args[Number(i)]));
}

/** The conference a page at /c/{id}/… is about. */
export const conferenceId = location.pathname.split("/")[2] ?? null;

/** Reads a value the link carries in its fragment (never sent to the server) and takes it out of the address. */
export function takeFromFragment(name) {
  const value = new URLSearchParams(location.hash.slice(1)).get(name);
  if (value !== null) history.replaceState(null, "", location.pathname + location.search);
  return value;
}

let antiforgeryToken = null;

/** The console's anti-forgery token, sent with every change made with its session cookie. */
export function useAntiforgeryToken(token) {
  antiforgeryToken = token;
}

/**
 * Calls the API. Resolves to { ok, status, data, problem }: a refusal is the service's RFC 9457 problem; a request
 * that never got an answer (offline) rejects, so that a caller can send it again.
 */
export async function api(method, path, { body, json, headers = {}, contentType } = {}) {
  const sent = { ...headers };
  if (json !== undefined) {
    body = JSON.stringify(json);
    contentType = "application/json";
  }
  if (contentType) sent["Content-Type"] = contentType;
  if (antiforgeryToken && method !== "GET") sent["X-Anti-Forgery"] = antiforgeryToken;
  const response = await fetch(path, { method, body, headers: sent, credentials: "same-origin", cache: "no-store" });
  const type = response.headers.get("content-type") ?? "";
  const data = type.includes("json") ? await response.json() : await response.text();
  return response.ok
    ? { ok: true, status: response.status, data }
    : { ok: false, status: response.status, problem: typeof data === "object" ? data : { title: data } };
}

/** The same call for pages that treat any refusal as something to show: throws the problem. */
export async function read(path, options) {
  const answer = await api("GET", path, options);
  if (!answer.ok) throw answer.problem;
  return answer.data;
}

/** The API path of the page's conference. */
export const conferencePath = (rest = "") => `/api/conferences/${conferenceId}${rest}`;

/**
 * Follows the conference's notices (server-sent events): calls onNotice with { kind, round } for each, and once
 * on every (re)connection, so that the page reads again what it may have missed. The browser reconnects by itself.
 */
export function follow(onNotice, onConnection = () => {}) {
  const source = new EventSource(`/c/${conferenceId}/live`);
  source.addEventListener("notice", event => onNotice(JSON.parse(event.data)));
  source.addEventListener("open", () => onConnection(true));
  source.addEventListener("error", () => onConnection(false));
  return source;
}

/** Builds an element: attributes (on… are listeners) and children (strings become text, never markup). */
export function el(tag, attributes = {}, ...children) {
  const svg = ["svg", "g", "rect", "line", "text", "title", "path"].includes(tag);
  const element = svg ? document.createElementNS("http://www.w3.org/2000/svg", tag) : document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith("on")) element.addEventListener(name.slice(2), value);
    else if (name === "text") element.textContent = value;
    else element.setAttribute(name, value === true ? "" : value);
  }
  element.append(...children.flat(Infinity).filter(c => c !== null && c !== undefined && c !== false));
  return element;
}

/** Replaces what an element holds. */
export function fill(element, ...children) {
  element.replaceChildren(...children.flat(Infinity).filter(c => c !== null && c !== undefined && c !== false));
  return element;
}

/** A refusal as the service gave it: its title and detail, each problem listed, and its code. */
export function problemView(problem) {
  // The service words its problems in English.
  return el("div", { class: "problem", role: "alert", lang: "en" },
    el("strong", { text: problem.title ?? t("refused") }),
    problem.detail ? el("p", { text: problem.detail }) : null,
    Array.isArray(problem.problems) && problem.problems.length > 1
      ? el("ul", {}, problem.problems.map(p => el("li", { text: p })))
      : null,
    problem.code ? el("p", { class: "code" }, el("code", { text: problem.code })) : null);
}

/** A share of yes votes as the report prints it: "57 %". */
export const percent = share => `${Math.round(Number(share) * 100)} %`;

/** A fresh client-chosen id (version 4 UUID), also where crypto.randomUUID is missing (plain http on a LAN). */
export function newId() {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = [...b].map(x => x.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Sets the page's language and texts marked data-t, and adds the switch to the element marked data-language. */
export function start(render) {
  document.documentElement.lang = language;
  for (const element of document.querySelectorAll("[data-t]")) element.textContent = t(element.dataset.t);
  const place = document.querySelector("[data-language]");
  if (place) {
    const other = language === "sv" ? "en" : "sv";
    fill(place, el("button", {
      type: "button", class: "language", lang: other, text: texts[other].switchTo,
      onclick: () => {
        localStorage.setItem(languageKey, other);
        location.reload();
      },
    }));
  }
  render();
}

/** An outcome's class and label: advanced to a level, carried over, eliminated or retained. */
export function outcomeOf(outcome) {
  switch (outcome.kind) {
    case "Advanced": return { css: "advanced", label: t("outcomeAdvanced", levelName(outcome.level)) };
    case "CarriedOver": return { css: "carried", label: t("outcomeCarried") };
    case "Eliminated": return { css: "eliminated", label: t("outcomeEliminated") };
    default: return { css: "retained", label: t("outcomeRetained") };
  }
}

/** A protocol level by its name in the report ("det omfattande protokollet"). */
export function levelName(level) {
  const known = texts[language][`level-${level}`];
  return known ?? level;
}
