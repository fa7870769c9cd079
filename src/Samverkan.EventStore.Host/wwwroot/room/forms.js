// Forms of the console and the start page: labelled fields, and the service's refusal shown right under the
// form that caused it (its problem detail, each problem of a list, and the code).
import { el, fill, problemView, t } from "./room.js";

let fieldCount = 0;

/** A labelled field: text, textarea, date, number, password, file, select or checkboxes. */
export function field({ name, label, type = "text", value, options = [], required = true, hint, rows }) {
  const id = `field-${name}-${++fieldCount}`;
  const hintId = hint ? `${id}-hint` : undefined;
  const common = { id, name, required: required && type !== "checkboxes", "aria-describedby": hintId };
  let input;
  if (type === "textarea") input = el("textarea", { ...common, rows: rows ?? 8, spellcheck: "false" });
  else if (type === "select")
    input = el("select", common, options.map(o => el("option", { value: o.value, text: o.label })));
  else if (type === "checkboxes")
    return el("fieldset", { class: "field" }, el("legend", { text: label }),
      options.map(o => el("label", { class: "check" },
        el("input", { type: "checkbox", name, value: o.value, checked: o.checked }), el("span", { text: o.label }))),
      hint ? el("p", { class: "hint", id: hintId, text: hint }) : null);
  else input = el("input", { ...common, type, autocomplete: type === "password" ? "off" : undefined });
  if (value !== undefined && type !== "file") input.value = value;
  return el("div", { class: "field" }, el("label", { for: id, text: label }), input,
    hint ? el("p", { class: "hint", id: hintId, text: hint }) : null);
}

/**
 * A form that runs an action on submit. The action returns the API's answer ({ ok, problem }); a refusal is shown
 * under the form, and onOk runs with the data of an acceptance.
 */
export function actionForm({ label, fields, submit, action, onOk, className }) {
  const outcome = el("div", { class: "outcome", "aria-live": "polite" });
  const form = el("form", { class: `action ${className ?? ""}`, "aria-label": label },
    fields, el("button", { type: "submit", text: submit }), outcome);
  form.addEventListener("submit", async event => {
    event.preventDefault();
    const button = form.querySelector("button[type=submit]");
    button.disabled = true;
    fill(outcome);
    try {
      const answer = await action(new FormData(form), form);
      if (answer.ok) await onOk?.(answer.data, form, outcome);
      else {
        fill(outcome, problemView(answer.problem));
        outcome.querySelector("[role=alert]")?.setAttribute("tabindex", "-1");
      }
    } catch (error) {
      fill(outcome, el("p", { class: "problem", role: "alert", text: `${t("noAnswer")} ${error.message ?? ""}` }));
    } finally {
      button.disabled = false;
    }
  });
  return form;
}

/** A section of the console with its heading. */
export function section(id, title, ...content) {
  return el("section", { id, "aria-labelledby": `${id}-heading` }, el("h2", { id: `${id}-heading`, text: title }),
    content);
}
