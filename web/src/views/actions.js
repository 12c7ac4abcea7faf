// The action list of an account or a deal: each suggestion in the user's language, from its
// principle, person, competitor and gaps; the helpers by name (a colleague the viewer may not
// see stays "a colleague").
import { h, strength } from "../dom.js";
import { has, label, list, t, tn } from "../i18n.js";
import { href } from "../route.js";

const gap = (g) => (has(`degree.${g}`) ? t(`degree.${g}`) : label("gap", g));

export function detail(a, names) {
  const key = `detail.${a.principle}`;
  if (!has(key)) return a.detail;
  return t(key, { name: names[a.contact_id] || a.contact_id, gaps: list(a.gaps.map(gap)),
    competitor: a.competitor_name || names[a.competitor_id] || a.competitor_id });
}

/** `names`: contact and competitor names by id, for what the items point to. */
export function actionList(actions, names = {}) {
  const helper = (x) => t("actions.helper", { who: x.masked ? t("intro.aColleague") : x.name || x.employee_id,
    s: strength(x.strength), hops: tn("fmt.hops", x.hops) });
  return h("section", { class: "card", "aria-labelledby": "actions-title" },
    h("h2", { id: "actions-title" }, t("actions.title", { n: actions.actions.length })),
    actions.actions.length ? h("ol", { id: "actions" }, actions.actions.map((a) => h("li", {},
      h("strong", {}, label("principle", a.principle)), t("common.colon"), detail(a, names),
      a.contact_id ? [" · ", h("a", { href: href("person", a.contact_id), title: a.contact_id }, names[a.contact_id] || a.contact_id)] : "",
      a.gaps.length ? ` · ${t("actions.gaps", { list: list(a.gaps.map(gap)) })}` : "",
      a.helpers.length ? h("div", { class: "path-chain" }, t("actions.helpers", { list: list(a.helpers.map(helper)) })) : "")))
      : h("p", {}, t("actions.none")));
}
