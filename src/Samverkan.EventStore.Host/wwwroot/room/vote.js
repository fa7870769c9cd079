// The voter page: the open round's indicators with Ja / Nej / Avstår (in a rating round one answer per point of the
// scale and "Kan ej bedöma"), the voter's own answers and what is left.
// The credential arrives in the link's fragment (never sent in a URL) and stays in this browser. Each answer is a
// ballot with an id chosen here, kept in an outbox in the browser and sent again until the service acknowledges
// it: a repeat of a ballot id is counted once, so nothing is lost or doubled on bad Wi-Fi.
import { api, conferenceId, conferencePath, el, fill, follow, newId, outcomeOf, problemView, read, start, t,
  takeFromFragment } from "./room.js";

const credentialKey = `samverkan-credential-${conferenceId}`;
const outboxKey = `samverkan-outbox-${conferenceId}`;
const yesNo = ["Yes", "No", "Abstain"].map(answer => ({ answer, value: answer, label: t(`answer${answer}`) }));
const main = document.getElementById("main");
const connection = document.getElementById("connection");

const fromLink = takeFromFragment("credential");
if (fromLink) localStorage.setItem(credentialKey, fromLink);
const credential = localStorage.getItem(credentialKey);

/** Ballots not yet acknowledged, oldest first: { ballotId, round, indicator, answer, rating? }. */
// A ballot marked in flight when the page went away is in flight no more.
let outbox = JSON.parse(localStorage.getItem(outboxKey) ?? "[]").map(({ inFlight, ...ballot }) => ballot);
const state = { conference: null, round: null, mine: new Map(), refused: new Map(), late: 0 };
let sending = false;
let retryDelay = 1000;

const saveOutbox = () => localStorage.setItem(outboxKey, JSON.stringify(outbox));
const asVoter = { headers: { "X-Voter-Credential": credential } };

async function load() {
  const conference = await read(conferencePath());
  state.conference = conference;
  state.round = conference.rounds.find(r => r.status === "Open") ?? null;
  state.mine = new Map();
  if (state.round) {
    const own = await read(conferencePath(`/rounds/${state.round.round}/ballots/mine`), asVoter);
    for (const { indicator, answer, rating } of own.answers) state.mine.set(indicator, { answer, rating });
  }
  render();
}

function render() {
  const { conference, round } = state;
  if (!conference) return;
  document.title = `${t("voteTitle")} – ${conference.title}`;
  if (!round) {
    const closed = conference.rounds.filter(r => r.status === "Closed").at(-1);
    fill(main,
      el("h2", { text: conference.title }),
      el("p", { class: "notice", role: "status", text: conference.status === "Concluded" ? t("voteConcluded")
        : closed ? t("voteRoundClosed", closed.round) : t("voteNoRound") }),
      state.late > 0 ? el("p", { class: "problem", role: "alert", text: t("voteLate", state.late) }) : null,
      closed ? closedResult(closed) : null);
    return;
  }
  const indicators = round.indicators.map(n => conference.indicators.find(i => i.number === n));
  const left = indicators.filter(i => !answerOf(i.number)).length;
  fill(main,
    el("h2", { text: t("voteRoundOpen", round.round) }),
    el("p", { class: "left", role: "status", "aria-live": "polite",
      text: left === 0 ? t("voteAllAnswered") : t("voteLeft", left, indicators.length) }),
    el("ol", { class: "ballots" }, indicators.map(ballotView)));
}

/** The answer ({ answer, rating? }) the voter last gave: pending in the outbox, or as the service counts it. */
function answerOf(indicator) {
  return outbox.findLast(b => b.round === state.round.round && b.indicator === indicator)
    ?? state.mine.get(indicator);
}

/** What an answer is among the choices: the rating in a rating round, else the answer itself. */
const valueOf = ({ answer, rating }) => String(rating ?? answer);

/** The choices: yes, no, abstain; or in a rating round (a scale) each point of the scale and "cannot rate". */
function choicesOf(scale) {
  if (!scale) return yesNo;
  const points = Array.from({ length: scale.max - scale.min + 1 }, (_, i) => scale.min + i);
  return [
    ...points.map(rating => ({ answer: "Rated", rating, value: String(rating), label: String(rating) })),
    { answer: "Abstain", value: "Abstain", label: t("answerCannotRate") },
  ];
}

function ballotView(indicator) {
  const scale = state.round.rules.rating?.scale;
  const current = answerOf(indicator.number);
  const pending = outbox.some(b => b.round === state.round.round && b.indicator === indicator.number);
  const refused = state.refused.get(indicator.number);
  const legendId = `indicator-${indicator.number}`;
  const saved = pending ? t("voteSending") : current ? t("voteSaved") : t("voteUnanswered");
  return el("li", { class: "ballot" },
    el("fieldset", { "aria-describedby": `${scale ? `${legendId}-scale ` : ""}${legendId}-state` },
      el("legend", { id: legendId },
        el("span", { class: "number", text: `${indicator.number}.` }), " ",
        el("span", { text: indicator.text }), " ",
        el("span", { class: "category", text: `(${indicator.category})` })),
      scale ? el("p", { id: `${legendId}-scale`, class: "hint", text: t("ratingScale", scale.min, scale.max) }) : null,
      el("div", { class: `answers${scale ? " scale" : ""}` }, choicesOf(scale).map(choice =>
        el("label", { class: `answer ${choice.answer.toLowerCase()}` },
          el("input", { type: "radio", name: legendId, value: choice.value,
            checked: current !== undefined && valueOf(current) === choice.value,
            onchange: () => cast(indicator.number, choice) }),
          el("span", { text: choice.label })))),
      el("p", { id: `${legendId}-state`, class: `saved ${pending ? "pending" : current ? "done" : ""}`,
        text: saved }),
      refused ? problemView(refused) : null));
}

function closedResult(round) {
  return el("section", { class: "result" },
    el("h3", { text: t("voteResult", round.round) }),
    el("ul", {}, round.decisions.map(d => {
      const indicator = state.conference.indicators.find(i => i.number === d.indicator);
      const outcome = outcomeOf(d.outcome);
      return el("li", { class: outcome.css }, `${d.indicator}. ${indicator?.text ?? ""} – ${outcome.label}`);
    })));
}

/** Records the choice as a new ballot in the outbox (replacing one not yet sent) and sends it. */
function cast(indicator, { answer, rating, value }) {
  const round = state.round.round;
  outbox = outbox.filter(b => !(b.round === round && b.indicator === indicator && !b.inFlight));
  outbox.push({ ballotId: newId(), round, indicator, answer, rating });
  state.refused.delete(indicator);
  saveOutbox();
  render();
  focusAnswer(indicator, value);
  send();
}

function focusAnswer(indicator, value) {
  document.querySelector(`input[name="indicator-${indicator}"][value="${value}"]`)?.focus();
}

/** Sends the outbox one ballot at a time, oldest first; an unanswered request is sent again, later. */
async function send() {
  if (sending) return;
  sending = true;
  try {
    while (outbox.length > 0) {
      const ballot = outbox[0];
      ballot.inFlight = true;
      const answer = await api("POST", conferencePath(`/rounds/${ballot.round}/ballots`), {
        // A yes/no ballot's rating is undefined, which JSON leaves out.
        ...asVoter,
        json: { ballotId: ballot.ballotId, indicator: ballot.indicator, answer: ballot.answer, rating: ballot.rating },
      });
      if (answer.status >= 500) throw new Error(answer.problem?.code ?? "unavailable");
      outbox.shift();
      saveOutbox();
      if (answer.ok) state.mine.set(ballot.indicator, { answer: ballot.answer, rating: ballot.rating });
      else if (answer.problem?.code === "round-closed") state.late++;
      else state.refused.set(ballot.indicator, answer.problem);
      retryDelay = 1000;
      if (state.round?.round === ballot.round || state.late > 0) render();
    }
    connection.textContent = "";
  } catch {
    // No answer (offline, or the service is busy): keep the ballot and send it again.
    if (outbox[0]) delete outbox[0].inFlight;
    connection.textContent = t("voteOffline");
    setTimeout(send, retryDelay);
    retryDelay = Math.min(retryDelay * 2, 5000);
  } finally {
    sending = false;
  }
}

function refresh() {
  load().catch(problem => fill(main, problemView(problem)));
}

start(() => {
  if (!credential) {
    fill(main, el("p", { class: "problem", role: "alert", text: t("voteNoCredential") }));
    return;
  }
  refresh();
  send();
  addEventListener("online", send);
  follow(notice => {
    if (notice.kind !== "turnout") refresh();
  }, open => {
    if (open) send();
  });
});
