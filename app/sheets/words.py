"""A spreadsheet for a person: its header row and its values in words of their language.

Without a language a sheet keeps the field names and values the JSON has (a program's file).
The values' words are the web app's own (tests/web/test_i18n.py compares them), so that a file
says what the screen it was saved from says.
"""

import types
import typing
from collections.abc import Callable, Sequence
from datetime import date, datetime
from enum import Enum, StrEnum
from typing import Annotated, Any
from zoneinfo import ZoneInfo

from fastapi import Query
from pydantic import BaseModel

from app.actions.schemas import ActionKind, ActionStatus
from app.auth.references import COLLEAGUE_PREFIX
from app.changes.schemas import EventType
from app.domain import ActivityType, Attitude, ContactLevel, OpportunityStatus, Role


class Lang(StrEnum):
    EN = "en"
    ZH = "zh-CN"


LangParam = Annotated[Lang | None, Query(
    description="With `format`: en or zh-CN, the header row and the values in words of that "
                "language, for people (支持, not support); without it, field names and values "
                "as the JSON has them, for programs")]

# Column headers, by the column's name (a nested figure's part is said after it, PARTS).
COLUMNS: dict[str, tuple[str, str]] = {
    "id": ("Id", "编号"),
    "status": ("Status", "状态"),
    "kind": ("Kind", "类别"),
    "account_id": ("Account id", "客户编号"),
    "account_name": ("Account", "客户"),
    "opportunity_id": ("Deal id", "项目编号"),
    "contact_id": ("Person id", "人员编号"),
    "competitor_id": ("Competitor id", "竞争对手编号"),
    "employee_id": ("Colleague id", "同事编号"),
    "owner_id": ("Owner", "负责人"),
    "owner_ids": ("Account owners", "客户负责人"),
    "action_id": ("Action id", "行动编号"),
    "due": ("Due", "截止日期"),
    "overdue": ("Overdue", "已逾期"),
    "note": ("Note", "备注"),
    "created_by.principal_id": ("Created by (sign-in)", "创建者（账号）"),
    "created_by.employee_id": ("Created by (colleague)", "创建者（同事）"),
    "created_at": ("Created at", "创建时间"),
    "updated_at": ("Updated at", "更新时间"),
    "closed_on": ("Closed on", "关闭日期"),
    "name": ("Name", "姓名"),
    "focus": ("Focus account", "重点跟进"),
    "open_amount": ("Open amount", "在跟金额"),
    "open_count": ("Open deals", "在跟项目"),
    "closeness": ("Closeness", "关系紧密度"),
    "solution": ("Solution", "方案认可度"),
    "price": ("Price", "价格接受度"),
    "key_persons": ("Key persons (count)", "关键人数"),
    "key_person_ids": ("Key person ids", "关键人编号"),
    "currency": ("Currency", "币种"),
    "degree": ("Degree", "维度"),
    "bucket": ("List", "名单"),
    "company": ("Company", "公司"),
    "department": ("Department", "部门"),
    "position": ("Position", "职务"),
    "title": ("Title", "职务"),
    "role": ("Role", "角色"),
    "veto": ("Veto", "一票否决"),
    "approver": ("Approver", "一票批准"),
    "contact_level": ("Contact level", "交互程度"),
    "deal_contact_level": ("Contact level in this deal", "本项目交互程度"),
    "insighted": ("Insighted", "已洞察"),
    "completeness": ("Completeness", "完整度"),
    "reachable": ("Reachable", "可触达"),
    "competitor_held": ("Held by a competitor", "被竞争对手掌控"),
    "type": ("Event", "事件"),
    "at": ("Date", "日期"),
    "feature": ("Feature", "特征"),
    "from": ("From", "原值"),
    "to": ("To", "新值"),
    "detail": ("Detail", "详情"),
    "at_time": ("Time", "时间"),
    "summary": ("Summary", "摘要"),
    "private": ("Only me", "仅自己可见"),
    "employee_ids": ("Colleague ids", "同事编号"),
    "contact_ids": ("Person ids", "人员编号"),
    "account_ids": ("Account ids", "客户编号"),
}
# An id column of an answer that names what its items point to (`names`): in a person's file
# the name, under these headers.
NAMED: dict[str, tuple[str, str]] = {
    "account_id": ("Account", "客户"),
    "opportunity_id": ("Deal", "项目"),
    "contact_id": ("Person", "人员"),
    "competitor_id": ("Competitor", "竞争对手"),
    "employee_id": ("Colleague", "同事"),
    "owner_id": ("Owner", "负责人"),
    "owner_ids": ("Account owners", "客户负责人"),
    "competitor_held": ("Held by competitors", "被竞争对手掌控"),
    "key_person_ids": ("Key persons by name", "关键人名单"),
    "created_by.employee_id": ("Created by", "创建者"),
    "employee_ids": ("Colleagues", "我方人员"),
    "contact_ids": ("Their people", "客户方人员"),
    "account_ids": ("Accounts", "客户"),
}
# Id columns that stay ids where the row names what they point to beside them.
KEEP_IDS = {("InfluenceListItem", "contact_id"), ("Member", "contact_id"),
            ("Member", "account_id"), ("AccountRow", "account_id")}


def _by_name(model: type[BaseModel], column: str) -> bool:
    """Whether a file with the answer's names says this column's ids by name."""
    return column in NAMED and (model.__name__, column) not in KEEP_IDS


# Moments an answer gives as UTC text (a stored datetime as read): in a person's file, a date
# cell of the organisation's wall time, as every other moment there.
MOMENT_TEXT = frozenset({("TrackedAction", "created_at"), ("TrackedAction", "updated_at")})


# Where a model's column means something else than elsewhere.
OWN_COLUMNS: dict[tuple[str, str], tuple[str, str]] = {
    ("AccountRow", "name"): ("Account", "客户"),
    ("ActivityRow", "type"): ("Kind", "类型"),
    ("ColleagueRow", "member"): ("In the scope", "属于所选范围"),
    ("ColleagueRow", "activities"): ("Activities", "活动次数"),
    ("ColleagueRow", "contacts"): ("Their people met", "接触客户人数"),
    ("ColleagueRow", "accounts"): ("Accounts", "客户数"),
    ("ColleagueRow", "elsewhere"): ("At other accounts", "其他客户的活动"),
    ("AccountActivity", "activities"): ("Activities", "活动次数"),
    ("AccountActivity", "contacts"): ("Their people met", "接触联系人数"),
    ("AccountActivity", "colleagues"): ("Colleagues who met them", "接触的同事数"),
    ("AccountActivity", "last_at"): ("Last met", "最近接触"),
}
PARTS: dict[str, tuple[str, str]] = {
    "value": ("{name}", "{name}"),
    "previous_month": ("{name} (a month before)", "{name}（上月）"),
    "mom_change": ("{name} (month on month)", "{name}（环比）"),
}

# The words of values, keyed as the web app's catalogue keys them.
VALUES: dict[str, tuple[str, str]] = {
    "common.yes": ("yes", "是"),
    "common.no": ("no", "否"),
    "att.strong_support": ("strong support", "强烈支持"),
    "att.support": ("support", "支持"),
    "att.neutral": ("neutral", "中立"),
    "att.oppose": ("oppose", "反对"),
    "att.strong_oppose": ("strong oppose", "强烈反对"),
    "att.unknown": ("unknown", "未知"),
    "role.decision_maker": ("decision maker", "决策者"),
    "role.approver": ("approver", "审批者"),
    "role.evaluator": ("evaluator", "评估者"),
    "role.influencer": ("influencer", "影响者"),
    "role.user": ("user", "使用者"),
    "role.coach": ("coach", "教练"),
    "level.none": ("none", "无"),
    "level.occasional": ("occasional", "偶尔"),
    "level.multiple": ("multiple", "多次"),
    "level.deep": ("deep", "深入"),
    "status.open": ("open", "跟进中"),
    "status.won": ("won", "赢单"),
    "status.lost": ("lost", "丢单"),
    "degree.closeness": ("closeness", "关系紧密度"),
    "degree.solution": ("solution", "方案认可度"),
    "degree.price": ("price", "价格接受度"),
    "bucket.supportive": ("supportive", "支持"),
    "bucket.neutral": ("neutral", "中立"),
    "bucket.opposed": ("opposed", "反对"),
    "bucket.unknown": ("unknown", "未知"),
    "bucket.not_insighted": ("not insighted", "未洞察"),
    "feature.closeness": ("Closeness to us", "关系紧密度"),
    "feature.solution": ("Our solution", "方案认可度"),
    "feature.price": ("Our price", "价格接受度"),
    "feature.veto": ("Veto holder", "一票否决人"),
    "feature.approver": ("Approver", "一票批准人"),
    "feature.influences": ("Influence line", "影响关系"),
    "feature.reports_to": ("Reporting line", "汇报关系"),
    "astatus.open": ("open", "未完成"),
    "astatus.done": ("done", "已完成"),
    "astatus.dropped": ("dropped", "已放弃"),
    "act.visit": ("visit", "拜访"),
    "act.meeting": ("meeting", "会议"),
    "act.call": ("call", "电话"),
    "act.dinner": ("dinner", "宴请"),
    "act.email": ("email", "邮件"),
    "act.message": ("message", "消息"),
    "act.demo": ("demo", "演示"),
    "act.event": ("event", "活动"),
    "act.other": ("other", "其他"),
    "event.assessment_changed": ("Attitude moved", "态度变化"),
    "event.vote_changed": ("Vote changed", "投票权变化"),
    "event.member_added": ("Member added", "新增成员"),
    "event.member_removed": ("Member removed", "移出成员"),
    "event.blocker_new": ("New blocker", "新阻碍者"),
    "event.reach_lost": ("Reach lost", "失去触达"),
    "event.single_threaded": ("Single-threaded", "单线联系"),
    "event.contact_left": ("Left the account", "离开客户"),
    "event.coverage_dropped": ("Coverage dropped", "覆盖率下降"),
    "event.action_overdue": ("Action overdue", "行动逾期"),
    "event.relationship_cooling": ("Relationship cooling", "关系降温"),
    "event.line_added": ("New line", "新增关系线"),
    "event.line_ended": ("Line ended", "关系线结束"),
    "principle.hundred_percent": ("100% principle", "100% 原则"),
    "principle.lead_one_dimension": ("Lead in one dimension", "一马当先"),
    "principle.fix_short_boards": ("Fix short boards", "补全短板"),
    "principle.breakthrough": ("Breakthrough", "重点突破"),
    "principle.continuous_improvement": ("Continuous improvement", "持续改进"),
    "principle.all_staff_participation": ("All-staff participation", "全员参与"),
    "principle.custom": ("Own action", "自定行动"),
}
# A colleague's activities of a type under the type's name.
OWN_COLUMNS.update({("ColleagueRow", f"by_type.{key.removeprefix('act.')}"): (en.capitalize(), zh)
                    for key, (en, zh) in VALUES.items() if key.startswith("act.")})
# The catalogue prefix of each kind of value a column may hold.
ENUM_PREFIX: dict[type[Enum], str] = {
    Attitude: "att", Role: "role", ContactLevel: "level", OpportunityStatus: "status",
    ActivityType: "act", EventType: "event", ActionKind: "principle", ActionStatus: "astatus",
}
# Columns of plain text whose values are still words of these kinds: a change's values before
# and after are attitudes, roles, votes, or figures and days (said as they are).
TEXT_PREFIX = {"degree": ("degree",), "bucket": ("bucket",), "feature": ("feature",),
               "from": ("att", "role"), "to": ("att", "role")}


# A person's workbook names its sheet by what it holds (a program's keeps the default, Sheet).
SHEET_TITLES: dict[str, tuple[str, str]] = {
    "AccountRow": ("Accounts", "客户"),
    "KeyPersonListRow": ("Key persons", "关键人"),
    "InfluenceListItem": ("Acquainted key persons", "相识关键人"),
    "Member": ("Decision chain", "决策链"),
    "TrackedAction": ("Actions", "行动"),
    "ChangeEvent": ("Changes", "变化"),
    "ActivityRow": ("Activities", "客户活动"),
    "ColleagueRow": ("Colleagues", "同事"),
    "AccountActivity": ("Accounts", "客户"),
}


# The words of a file's name (its kind, and a scope's) for a person's language; the name's
# ids and dates stay as they are.
FILE_WORDS: dict[str, tuple[str, str]] = {
    "accounts": ("accounts", "客户"),
    "key-persons": ("key-persons", "关键人"),
    "influence-list": ("influence-list", "相识关键人"),
    "decision-chain": ("decision-chain", "决策链"),
    "actions": ("actions", "行动"),
    "changes": ("changes", "变化"),
    "activities": ("activities", "客户活动"),
    "colleagues": ("colleague-activity", "同事活动"),
    "account-activity": ("account-activity", "客户接触"),
    "company": ("company", "全公司"),
    "mine": ("mine", "我的"),
    "team": ("team", "团队"),
    "employee": ("employee", "员工"),
    "deal": ("", ""),  # a deal's file is named by its kind (decision-chain) and the deal alone
}


# A person's workbook of a period's activity says, on a sheet after the rows, what they count.
ABOUT: dict[str, tuple[str, str]] = {
    "title": ("About", "说明"),
    "scope": ("Scope", "范围"),
    "period": ("Period", "时段"),
    "to": ("{since} to {until}", "{since} 至 {until}"),
    "activities": ("Activities", "活动次数"),
    "contacts": ("Their people met", "接触客户人数"),
    "accounts": ("Accounts met", "接触客户数"),
    "counted_each": ("An activity several colleagues attended counts once for each of them.",
                     "多位同事一起参加的活动，为每位同事各计一次。"),
    "truncated": ("Only the newest activities of the period are counted: pick a team or a "
                  "shorter period to count them all.",
                  "只统计了本时段最新的活动：选择一个团队或更短的时段，可全部统计。"),
}


def file_name(parts: Sequence[str], lang: Lang, names: dict[str, str | None] | None = None) -> str:
    """A file's name from its parts (`accounts`, `team:t-1`, `2026-12-05`) in `lang`:
    客户-团队t-1-2026-12-05 (a scope's kind said before its id); with `names`, an id that has
    one is said by it: 客户-华东大客户部-2026-12-05."""
    def said(part: str) -> str:
        kind, colon, rest = part.partition(":")
        if colon and (named := (names or {}).get(rest)):
            return named
        word = pick(FILE_WORDS[kind], lang) if kind in FILE_WORDS else kind
        if not colon:
            return word
        return word + ("" if lang == Lang.ZH else "-") + rest if word else rest
    return "-".join(said(p) for p in parts)


def named_in(parts: Sequence[str]) -> list[str]:
    """The ids of a file name's parts that name a record (`team:t-1`, `deal:o-1`: the scope, the
    deal), to say them by name; never its other parts (a date is the reader's to choose)."""
    return [rest for part in parts if (rest := part.partition(":")[2])]


def sheet_title(model: type[BaseModel], lang: Lang) -> str | None:
    found = SHEET_TITLES.get(model.__name__)
    return None if found is None else pick(found, lang)


def pick(pair: tuple[str, str], lang: Lang) -> str:
    """The words of an (English, Chinese) pair in `lang`."""
    return pair[0] if lang == Lang.EN else pair[1]


def header(model: type[BaseModel], column: str, lang: Lang, named: bool = False) -> str:
    """A column's header in `lang`: `open_amount.previous_month`, Open amount (a month before);
    `named`: the ids are said by name (NAMED)."""
    own = ((NAMED.get(column) if named and _by_name(model, column) else None)
           or OWN_COLUMNS.get((model.__name__, column)) or COLUMNS.get(column))
    if own is not None:
        return pick(own, lang)
    name, _, part = column.rpartition(".")
    if name in COLUMNS and part in PARTS:
        return pick(PARTS[part], lang).format(name=pick(COLUMNS[name], lang))
    return column


def _prefix(annotation: Any) -> str | None:
    """The catalogue prefix of the values a field holds (alone, listed or optional), if any."""
    if annotation is bool:
        return "common"
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return ENUM_PREFIX.get(annotation)
    if typing.get_origin(annotation) in (typing.Union, types.UnionType, list):
        found = {p for a in typing.get_args(annotation) if (p := _prefix(a))}
        return found.pop() if len(found) == 1 else None
    return None


def _moment(annotation: Any) -> Callable[[Any], Any] | None:
    """For a date or a moment (alone or optional): its JSON text made a date or the wall time
    the answer gave it in (a spreadsheet's date cells sort, filter and group by month, where
    text does not; a workbook holds no zone)."""
    if typing.get_origin(annotation) in (list, set, tuple):
        return None  # several in one cell: said as text
    kinds = set(typing.get_args(annotation)) - {type(None)} or {annotation}
    if kinds == {date}:
        return lambda value: value if value is None else date.fromisoformat(value)
    if kinds == {datetime}:
        return lambda value: (value if value is None
                              else datetime.fromisoformat(value).replace(tzinfo=None))
    return None


def _said(prefixes: tuple[str, ...], value: Any, lang: Lang) -> Any:
    if isinstance(value, list):
        return [_said(prefixes, v, lang) for v in value]
    if isinstance(value, bool):
        keys = [f"common.{'yes' if value else 'no'}"]
    elif isinstance(value, str):
        keys = [f"{prefix}.{value}" for prefix in prefixes]
    else:
        return value
    return next((pick(VALUES[k], lang) for k in keys if k in VALUES), value)


def _figure(value: Any) -> Any:
    """A figure as a person reads it: a whole number without its ".0" (a count, an amount), any
    other to four places (a share to a hundredth of a percent, an average of attitudes)."""
    if isinstance(value, float):
        return int(value) if value.is_integer() else round(value, 4)
    return value


# Where a column's empty value means something the screen says in words.
NONE_SAID: dict[tuple[str, str], tuple[str, str]] = {
    ("AccountActivity", "last_at"): ("never", "从未接触"),
}


def translator(model: type[BaseModel], column: str, lang: Lang,
               names: dict[str, str | None] | None = None,
               zone: ZoneInfo | None = None) -> Callable[[Any], Any]:
    """What turns a column's values (as the JSON has them) into words and figures for people;
    with `names` (an answer's), an id column's ids into names (a colleague the viewer may not
    see by the number the screen shows); a moment kept in UTC (MOMENT_TEXT) into the wall time
    of `zone`, the organisation's."""
    if zone is not None and (model.__name__, column) in MOMENT_TEXT:
        return lambda value: (value if value is None else
                              datetime.fromisoformat(value).astimezone(zone).replace(tzinfo=None))
    said = _translator(model, column, lang, names)
    if (model.__name__, column) not in NONE_SAID:
        return said
    empty = pick(NONE_SAID[model.__name__, column], lang)
    return lambda value: empty if value is None else said(value)


def _translator(model: type[BaseModel], column: str, lang: Lang,
                names: dict[str, str | None] | None) -> Callable[[Any], Any]:
    if names is not None and _by_name(model, column):
        return lambda value: _named(value, names, lang)
    field = model.model_fields.get(column)
    by_alias = {f.alias: f for f in model.model_fields.values() if f.alias}
    field = field or by_alias.get(column)
    if field is not None and (moment := _moment(field.annotation)) is not None:
        return moment
    found = _prefix(field.annotation) if field else None
    prefixes = TEXT_PREFIX.get(column) or ((found,) if found else ())
    if not prefixes:
        return _figure
    return lambda value: _figure(_said(prefixes, value, lang))


# A change event said as the weekly review says it (the web app's catalogue, "change.*").
CHANGES: dict[str, tuple[str, str]] = {
    "change.assessment_changed": ("{name}: {feature} {from} → {to}", "{name}：{feature}从{from}变为{to}"),
    "change.vote_changed": ("{name}: {feature} {from} → {to}", "{name}：{feature}从{from}变为{to}"),
    "change.member_added": ("{name} joined the decision chain as {to}", "{name}加入决策链，角色为{to}"),
    "change.role_changed": ("{name}'s role: {from} → {to}", "{name}的角色从{from}变为{to}"),
    "change.member_removed": ("{name} left the decision chain (was {from})",
                              "{name}离开决策链（原角色：{from}）"),
    "change.blocker_new": ("{name} now blocks the deal", "{name}成为项目的阻碍者"),
    "change.reach_lost": ("No colleague reaches {name} any more", "已没有同事能影响{name}"),
    "change.single_threaded": ("Only one colleague reaches {name}", "只有一位同事能影响{name}"),
    "change.contact_left": ("{name} left the account", "{name}已离开该客户"),
    "change.coverage_dropped": ("Weighted supportive coverage fell from {from} to {to}",
                                "加权支持覆盖率从{from}降至{to}"),
    "change.action_overdue": ("An action due {to} is still open", "截止日期为{to}的行动仍未完成"),
    "change.relationship_cooling": (
        "{employee}'s relationship with {name} is cooling: activity strength {from} → {to}",
        "{employee}与{name}的关系在降温：活动强度 {from} → {to}"),
    "change.line_added.influences": ("{from} influences {name} (strength {strength})",
                                     "{from}影响{name}（强度 {strength}）"),
    "change.line_added.reports_to": ("{from} reports to {name}", "{from}向{name}汇报"),
    "change.line_ended.influences": ("{from} no longer influences {name}", "{from}不再影响{name}"),
    "change.line_ended.reports_to": ("{from} no longer reports to {name}", "{from}不再向{name}汇报"),
    "colleague.hidden": ("Colleague #{tag} (name not shown)", "同事 #{tag}（未显示姓名）"),
}


def colleague_tag(ref: str) -> str:
    """The five digits the web app tells a colleague the viewer may not see by (FNV-1a of the
    reference, as web/src/i18n.js draws them)."""
    value = 0x811C9DC5
    for ch in ref:
        value = ((value ^ ord(ch)) * 0x01000193) & 0xFFFFFFFF
    return f"{value % 100000:05d}"


def _named(value: Any, names: dict[str, str | None], lang: Lang) -> Any:
    if isinstance(value, list):
        return [_named(v, names, lang) for v in value]
    if not isinstance(value, str):
        return value
    if value.startswith(COLLEAGUE_PREFIX):
        return pick(CHANGES["colleague.hidden"], lang).format(tag=colleague_tag(value))
    return names.get(value) or value


def change_detail(event: BaseModel, names: dict[str, str | None], lang: Lang) -> str:
    """A change event (app/changes/schemas.py ChangeEvent) in words of `lang`, from its fields,
    as the weekly review says it."""
    e = event.model_dump(by_alias=True)

    def said(prefix: str, value: Any) -> Any:
        return _said((prefix,), value, lang)

    def share(value: Any) -> str:
        return f"{round(float(value) * 100, 1):g}%" if value is not None else "–"

    def strength(value: Any) -> str:
        return f"{float(value):.2f}" if value is not None else "–"

    def vote(value: Any) -> Any:
        return said("common", value) if isinstance(value, bool) else said("att", "unknown")

    employee = e.get("employee_id") or ""
    colleague = _named(employee, names, lang)
    makers: dict[str, Callable[[], dict[str, Any]]] = {
        "assessment_changed": lambda: {"feature": said("feature", e["feature"]),
                                       "from": said("att", e["from"] or "unknown"),
                                       "to": said("att", e["to"] or "unknown")},
        "vote_changed": lambda: {"feature": said("feature", e["feature"]),
                                 "from": vote(e["from"]), "to": vote(e["to"])},
        "member_added": lambda: {"from": said("role", e["from"]), "to": said("role", e["to"])},
        "member_removed": lambda: {"from": said("role", e["from"])},
        "coverage_dropped": lambda: {"from": share(e["from"]), "to": share(e["to"])},
        "action_overdue": lambda: {"to": e["to"]},
        "relationship_cooling": lambda: {"employee": colleague, "from": strength(e["from"]),
                                         "to": strength(e["to"])},
        "line_added": lambda: {"from": names.get(e["from"]) or e["from"],
                               "strength": strength(e["to"])},
        "line_ended": lambda: {"from": names.get(e["from"]) or e["from"]},
    }
    maker = makers.get(e["type"])
    values = maker() if maker else {}
    key = ("change.role_changed" if e["type"] == "member_added" and e["from"]
           else f"change.{e['type']}.{e['feature']}" if e["type"].startswith("line_")
           else f"change.{e['type']}")
    name = names.get(e.get("contact_id") or "") or e.get("contact_id") or ""
    return pick(CHANGES[key], lang).format(**{"name": name, **values})
