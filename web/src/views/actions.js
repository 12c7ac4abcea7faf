import { h, strength } from "../dom.js";
import { href } from "../route.js";

const PRINCIPLE = {
  hundred_percent: "100% principle", lead_one_dimension: "Lead in one dimension",
  fix_short_boards: "Fix short boards", breakthrough: "Breakthrough",
  continuous_improvement: "Continuous improvement", all_staff_participation: "All-staff participation",
};

export function actionList(list, names = {}) {
  return h("section", { class: "card", "aria-labelledby": "actions-title" },
    h("h2", { id: "actions-title" }, `Action list (${list.actions.length})`),
    list.actions.length ? h("ol", { id: "actions" }, list.actions.map((a) => h("li", {},
      h("strong", {}, PRINCIPLE[a.principle] || a.principle), ": ", a.detail,
      a.contact_id ? [" · ", h("a", { href: href("person", a.contact_id) }, names[a.contact_id] || a.contact_id)] : "",
      a.gaps.length ? ` · gaps: ${a.gaps.join(", ")}` : "",
      a.helpers.length ? h("div", { class: "path-chain" }, "Helpers: ", a.helpers.map((x) =>
        `${x.masked ? "a colleague" : x.employee_id} (${strength(x.strength)}, ${x.hops} hop${x.hops === 1 ? "" : "s"})`).join("; ")) : "")))
      : h("p", {}, "Nothing to do."));
}
