"""The help sheet of an import template saved for people: what each column of the part takes,
in their language, worked out from the part's schema (app/ingestion/schemas.py)."""

from typing import Any

from pydantic import BaseModel

from app.sheets.reading import WORDS, columns
from app.sheets.words import VALUES, Lang, pick

# (English, Chinese)
SAID: dict[str, tuple[str, str]] = {
    "sheet": ("Help", "说明"),
    "intro": ("Fill in the first sheet: keep its header row as it is, one item a row. This sheet "
              "is not imported.",
              "请在第一张表中填写：表头保持不变，每行一项。本表不会被导入。"),
    "column": ("Column", "列"),
    "required": ("Required", "必填"),
    "means": ("Meaning", "含义"),
    "takes": ("What to write", "填写方式"),
    "text": ("text", "文本"),
    "date": ("a date, as 2026-12-04", "日期，如 2026-12-04"),
    "moment": ("a date, or a date and time with its offset, as 2026-12-04T10:00:00+08:00",
               "日期，或带时区的日期时间，如 2026-12-04T10:00:00+08:00"),
    "yes_no": ("true or false", "是 或 否"),
    "between": ("a number from {low} to {high}", "{low} 到 {high} 之间的数"),
    "at_least": ("a number of at least {low}", "不小于 {low} 的数"),
    "number": ("a number", "数字"),
    "one_of": ("one of: {values}", "以下之一：{values}"),
    "several": ("{what}; several separated by ;", "{what}；可填多个，用分号 ; 分隔"),
}
# What each column means: by part and column, else by column alone.
MEANS: dict[str, tuple[str, str]] = {
    "note": ("Why or how this was learned, kept verbatim", "备注：如何得知、为何记录，原样保存"),
    "id": ("Its id: the same id again updates the same record", "编号：再次导入相同编号即更新该条记录"),
    "name": ("Name", "名称"),
    "title": ("Title", "职务"),
    "department": ("Department", "部门"),
    "account_id": ("The account's id", "所属客户的编号"),
    "opportunity_id": ("The deal's id", "项目编号"),
    "emails": ("E-mail addresses (calendar and mail capture find the person by them)",
               "邮箱地址（日历与邮件录入据此识别此人）"),
    "focus": ("A focus account or deal of the team", "团队重点跟进"),
    "at": ("The day", "日期"),
    "currency": ("Currency code, as CNY", "币种代码，如 CNY"),
    "accounts.name": ("The account's name", "客户名称"),
    "accounts.industry": ("Industry", "行业"),
    "accounts.region": ("Region", "区域"),
    "accounts.esp_sales": ("ESP+ score 0-100: sales of the last 2 years",
                           "ESP+ 评分 0–100：近 2 年销售额"),
    "accounts.esp_potential": ("ESP+ score 0-100: potential of the next 3 years",
                               "ESP+ 评分 0–100：未来 3 年潜力"),
    "accounts.esp_demonstration": ("ESP+ score 0-100: reference value", "ESP+ 评分 0–100：示范价值"),
    "accounts.esp_winnable": ("ESP+ score 0-100: can win and deliver",
                              "ESP+ 评分 0–100：能赢单并交付"),
    "accounts.key_account_override": ("Key account by hand (empty: by the ranking)",
                                      "人工指定是否为重点客户（留空：按排名）"),
    "teams.name": ("The team's name", "团队名称"),
    "teams.lead_id": ("The team lead's employee id", "团队负责人的员工编号"),
    "employees.name": ("The colleague's name", "同事姓名"),
    "employees.team_id": ("The team's id", "所属团队编号"),
    "contacts.name": ("The person's name", "人员姓名"),
    "contacts.key_person": ("A key person", "是否关键人"),
    "contacts.behavior": ("Behaviour: professional or pragmatic", "行为取向：专业型或务实型"),
    "contacts.importance": ("Why the person matters: position, relationship, both or ordinary",
                            "重要性：职位、关系、两者皆是或普通"),
    "contacts.importance_at": ("The day the importance was judged", "判断重要性的日期"),
    "contacts.since": ("A new person counts from this day (empty: since ever)",
                       "新人员自此日起计入（留空：一直计入）"),
    "contacts.top_of_hierarchy": ("At the top of the account's reporting lines",
                                  "位于客户汇报关系的最高层"),
    "contacts.no_known_influencer": ("Recorded that nobody is known to influence the person",
                                     "已确认没有已知的影响者"),
    "competitors.name": ("The competitor's name", "竞争对手名称"),
    "competitor_staff.competitor_id": ("The competitor's id", "所属竞争对手编号"),
    "competitor_staff.name": ("The person's name", "人员姓名"),
    "third_parties.name": ("The name", "名称"),
    "third_parties.category": ("Kind: partner, design institute, consultant or other",
                               "类别：合作伙伴、设计院、咨询方或其他"),
    "opportunities.name": ("The deal's name", "项目名称"),
    "opportunities.amount": ("Amount", "金额"),
    "opportunities.stage": ("Stage", "阶段"),
    "opportunities.status": ("Status (default open)", "状态（默认跟进中）"),
    "opportunities.created_at": ("The day the deal was opened", "立项日期"),
    "opportunities.closed_at": ("The day it was won or lost", "赢单或丢单日期"),
    "relationships.type": ("The kind of line", "关系类型"),
    "relationships.from": ("Its start: the id of a person, colleague or account",
                           "起点：人员、同事或客户的编号"),
    "relationships.to": ("Its end: the id of a person, colleague or account",
                         "终点：人员、同事或客户的编号"),
    "relationships.strength": ("Strength of an influence, 0 to 1", "影响强度，0 到 1"),
    "relationships.role": ("Role in the deal's decision chain", "在项目决策链中的角色"),
    "relationships.opportunity_id": ("The deal (a decision-chain line)", "所属项目（决策链关系）"),
    "relationships.since": ("The first day it holds", "开始日期"),
    "relationships.until": ("The first day it no longer holds", "结束日期（当天起不再成立）"),
    "assessments.contact_id": ("The person assessed", "被评估人员的编号"),
    "assessments.at": ("The day of the assessment", "评估日期"),
    "assessments.toward": ('Toward "us" (default) or a competitor\'s id',
                           "针对我方（us，默认）或竞争对手编号"),
    "assessments.opportunity_id": ("The deal it is about (empty: in general)",
                                   "所针对的项目（留空：总体）"),
    "assessments.closeness": ("Closeness", "关系紧密度"),
    "assessments.solution": ("The view of the solution", "方案认可度"),
    "assessments.price": ("The view of the price", "价格接受度"),
    "assessments.veto": ("Holds a veto", "一票否决人"),
    "assessments.approver": ("Holds the approval", "一票批准人"),
    "activities.at": ("When: a day, or a day and time", "时间：日期或日期时间"),
    "activities.type": ("The kind of activity", "活动类型"),
    "activities.employee_ids": ("Our colleagues there, by employee id", "参与的我方同事编号"),
    "activities.employee_emails": ("Our colleagues there, by e-mail", "参与的我方同事邮箱"),
    "activities.contact_ids": ("Their people there, by id", "参与的客户方人员编号"),
    "activities.opportunity_id": ("The deal it was about", "相关项目编号"),
    "activities.summary": ("Summary", "摘要"),
    "esp_scores.at": ("The day the evaluation takes effect", "评估生效日期"),
    "esp_scores.sales": ("Sales of the last 2 years, 0-100", "近 2 年销售额，0–100"),
    "esp_scores.potential": ("Potential of the next 3 years, 0-100", "未来 3 年潜力，0–100"),
    "esp_scores.demonstration": ("Reference value, 0-100", "示范价值，0–100"),
    "esp_scores.winnable": ("Can win and deliver, 0-100", "能赢单并交付，0–100"),
    "exchange_rates.at": ("The first day the rate holds", "汇率生效日期"),
    "exchange_rates.rate": ("Units of the reporting currency per unit of this currency",
                            "每单位该币种折合报表币种的数额"),
}
# The words a Chinese sheet may use for the values of these kinds (app/sheets/reading.py).
_CHINESE = {kind.__name__: {value.value: word for word, value in words.items()}
            for kind, words in WORDS.items() if kind is not bool}


def _say(key: str, lang: Lang, **values: Any) -> str:
    return pick(SAID[key], lang).format(**values)


def _takes(spec: dict[str, Any], defs: dict[str, Any], lang: Lang) -> str:
    """What a property of the JSON schema takes, in words."""
    options = [s for s in spec.get("anyOf", []) if s.get("type") != "null"]
    if len(options) == 1:
        return _takes(options[0], defs, lang)
    if "oneOf" in spec:
        return _say("moment", lang)
    if "$ref" in spec:
        name = spec["$ref"].rsplit("/", 1)[-1]
        values = defs[name]["enum"]
        words = _CHINESE.get(name, {}) if lang == Lang.ZH else {}
        return _say("one_of", lang, values=("、" if lang == Lang.ZH else ", ").join(
            words.get(v, v) for v in values))
    kind = spec.get("type")
    if kind == "array":
        return _say("several", lang, what=_takes(spec["items"], defs, lang))
    if kind == "boolean":
        return _say("yes_no", lang)
    if kind == "number":
        if "minimum" in spec and "maximum" in spec:
            return _say("between", lang, low=f"{spec['minimum']:g}", high=f"{spec['maximum']:g}")
        return _say("at_least", lang, low=f"{spec['minimum']:g}") if "minimum" in spec \
            else _say("number", lang)
    if spec.get("format") == "date":
        return _say("date", lang)
    return _say("text", lang)


def help_sheet(part: str, model: type[BaseModel], lang: Lang) -> tuple[str, list[list[str]]]:
    """The help sheet's title and rows: a line of introduction, then a row per column (its
    name as the header has it, what it means, whether it is required, what it takes)."""
    schema = model.model_json_schema()
    required, defs = set(schema.get("required", [])), schema.get("$defs", {})
    yes, no = (pick(VALUES[k], lang) for k in ("common.yes", "common.no"))

    def means(column: str) -> str:
        pair = MEANS.get(f"{part}.{column}") or MEANS.get(column)
        return "" if pair is None else pick(pair, lang)

    return _say("sheet", lang), [
        [_say("intro", lang)], [],
        [_say("column", lang), _say("means", lang), _say("required", lang), _say("takes", lang)],
        *([column, means(column), yes if column in required else no,
           _takes(schema["properties"][column], defs, lang)] for column in columns(model))]
