"""A seeded generator of realistic import documents; `scale` multiplies the company's size.

At scale 1: about 20 accounts, 300 contacts with reporting trees and political maps,
40 employees in teams with private networks, 3 competitors with staff, 3 third parties (a design
institute, a partner, a consultant), 60 opportunities with
decision chains, 18 months of dated assessments and activities, and each account's ESP+
scores: undated ones, then the re-evaluations of the previous quarter and of this one.
"""

import random
from datetime import date, timedelta
from typing import Any

from app.domain import US, ActivityType, Attitude, Behavior, Importance, Role

Doc = dict[str, list[dict[str, Any]]]

SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢"
            "宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程魏苏吕丁任沈姚卢")
GIVEN = ["建国", "志强", "海涛", "晓峰", "立军", "红梅", "丽娟", "文博", "子涵", "俊杰", "雪松",
         "国栋", "明辉", "婷婷", "思远", "佳怡", "振华", "春燕", "浩然", "静怡", "伟", "敏", "磊",
         "洋", "勇", "军", "杰", "娜", "涛", "超", "霞", "鹏", "华", "斌", "宇"]
REGIONS = ["华东", "华南", "华北", "西南", "江苏", "浙江", "广东", "山东", "四川", "湖北"]
INDUSTRIES = {
    "banking": ["商业银行", "农村商业银行", "城市商业银行", "金融控股集团"],
    "energy": ["电网公司", "能源集团", "发电集团", "燃气集团"],
    "manufacturing": ["重工集团", "汽车零部件公司", "智能装备集团", "电子制造公司"],
}
DEPARTMENTS = {
    "banking": ["科技部", "信息科技部", "采购中心", "风险管理部", "运营管理部", "零售银行部"],
    "energy": ["信息中心", "数字化部", "物资部", "生产技术部", "安全监察部", "财务部"],
    "manufacturing": ["信息化部", "采购部", "生产部", "质量部", "研发中心", "财务部"],
}
TOP_TITLES = {"banking": "行长", "energy": "总经理", "manufacturing": "总经理"}
VP_TITLES = {"banking": "副行长", "energy": "副总经理", "manufacturing": "副总经理"}
TEAMS = ["华东大客户部", "华南大客户部", "金融行业部", "能源行业部", "制造行业部"]
NON_SALES = [("售前工程师", "解决方案中心"), ("交付经理", "交付中心"), ("研发总监", "研发中心"),
             ("副总裁", "总裁办"), ("市场经理", "市场部")]
COMPETITORS = ["远景科技", "华信软件", "天衡数据"]
STAGES = ["需求确认", "方案交流", "测试验证", "商务谈判", "合同签订"]
ESP_FACTORS = ("sales", "potential", "demonstration", "winnable")
ATTITUDES = [Attitude.STRONG_OPPOSE, Attitude.OPPOSE, Attitude.NEUTRAL, Attitude.SUPPORT,
             Attitude.STRONG_SUPPORT]


class _Ids:
    def __init__(self) -> None:
        self.counters: dict[str, int] = {}

    def next(self, prefix: str) -> str:
        self.counters[prefix] = self.counters.get(prefix, 0) + 1
        return f"{prefix}-{self.counters[prefix]:05d}"


def generate(scale: float = 1.0, seed: int = 7, today: date | None = None, *,
             staff_ratio: float = 1.0, assessment_days: tuple[int, int] = (25, 45),
             activities_per_contact: float = 2.0, emails: bool = False) -> Doc:
    """`staff_ratio` scales our company against the customers; `assessment_days` is the gap
    between a key person's assessments; the benchmark uses sparser settings than the demo.
    `emails`: give everyone an address (`brm demo` does; the tests' and benchmark's data go
    without)."""
    rnd = random.Random(seed)
    today = today or date.today()
    start = today - timedelta(days=548)  # 18 months of history
    ids = _Ids()
    doc: Doc = {k: [] for k in ("accounts", "teams", "employees", "contacts", "competitors",
                                "competitor_staff", "third_parties", "opportunities",
                                "relationships", "assessments", "activities", "esp_scores")}
    rels = doc["relationships"]

    def name() -> str:
        return rnd.choice(SURNAMES) + rnd.choice(GIVEN)

    def day_between(a: date, b: date) -> date:
        return a + timedelta(days=rnd.randint(0, max(0, (b - a).days)))

    # Our company: teams of sales staff plus everyone else, whose networks count too.
    employees: list[str] = []
    sales_by_team: dict[str, list[str]] = {}
    n_teams = max(1, round(len(TEAMS) * scale * staff_ratio))
    for t in range(n_teams):
        team_id = ids.next("t")
        members = []
        for m in range(6):
            emp = ids.next("e")
            doc["employees"].append({"id": emp, "name": name(), "team_id": team_id,
                                     "title": "销售总监" if m == 0 else "客户经理",
                                     "department": "销售部"})
            members.append(emp)
        doc["teams"].append({"id": team_id, "name": TEAMS[t % len(TEAMS)] + (
            f"{t // len(TEAMS) + 1}组" if t >= len(TEAMS) else ""), "lead_id": members[0]})
        sales_by_team[team_id] = members
        employees += members
    for _ in range(max(1, round(10 * scale * staff_ratio))):
        title, dept = rnd.choice(NON_SALES)
        emp = ids.next("e")
        doc["employees"].append({"id": emp, "name": name(), "title": title, "department": dept})
        employees.append(emp)
    sales = [e for members in sales_by_team.values() for e in members]

    competitors: list[str] = []
    staff: list[str] = []
    for c in range(3):
        comp = ids.next("k")
        competitors.append(comp)
        doc["competitors"].append({"id": comp, "name": COMPETITORS[c]})
        for _ in range(max(2, round(4 * scale))):
            st = ids.next("ks")
            staff.append(st)
            doc["competitor_staff"].append({"id": st, "competitor_id": comp, "name": name(),
                                            "title": rnd.choice(["销售经理", "大客户总监"])})

    key_persons: list[str] = []
    for _ in range(max(1, round(20 * scale))):
        industry = rnd.choice(list(INDUSTRIES))
        account = ids.next("a")
        region = rnd.choice(REGIONS)
        doc["accounts"].append({"id": account, "industry": industry, "region": region,
                                "name": region + rnd.choice("恒泰华信宏远安瑞中联") +
                                rnd.choice("达通源盛和安") + rnd.choice(INDUSTRIES[industry]),
                                "focus": rnd.random() < 0.3,
                                **{f"esp_{k}": float(rnd.randint(10, 95)) for k in
                                   ESP_FACTORS}})
        rels.append({"type": "OWNS", "from": rnd.choice(sales), "to": account, "strength": 1.0})
        contacts = _org_chart(rnd, ids, doc, account, industry, name)
        account_keys = [c["id"] for c in contacts if c["key_person"]]
        key_persons += account_keys
        _political_map(rnd, rels, contacts, start, today)
        _opportunities(rnd, ids, doc, account, contacts, competitors, employees, start, today)
    _networks(rnd, rels, employees, staff, key_persons, doc["contacts"], start, today, day_between)
    _history(rnd, ids, doc, key_persons, competitors, employees, start, today, day_between,
             assessment_days, activities_per_contact)
    doc["esp_scores"] = _esp_evaluations(seed, doc["accounts"], today)
    _third_parties(seed, doc, sales, start)
    if emails:
        _addresses(doc)
    return doc


THIRD_PARTIES = [("华东电力设计院", "design_institute", "电气二所"),
                 ("恒信系统集成", "partner", "解决方案部"),
                 ("德衡管理咨询", "consultant", "数字化咨询部")]


def _third_parties(seed: int, doc: Doc, sales: list[str], start: date) -> None:
    """A design institute, a partner and a consultant (docs/domain.md section 2), each known to
    one or two of our sales staff and influencing a few key persons of two accounts. Drawn from a
    generator of their own and added after everything else: the rest of the document is what the
    seed made it before."""
    rnd = random.Random(f"third-parties-{seed}")
    keys_by_account: dict[str, list[str]] = {}
    for c in doc["contacts"]:
        if c["key_person"]:
            keys_by_account.setdefault(c["account_id"], []).append(c["id"])
    accounts = sorted(keys_by_account)
    rels = doc["relationships"]
    for n, (party_name, category, title) in enumerate(THIRD_PARTIES, start=1):
        party = f"p-{n:05d}"
        doc["third_parties"].append({"id": party, "name": party_name, "category": category,
                                     "title": title})
        since = start + timedelta(days=rnd.randint(0, 180))
        for employee in rnd.sample(sales, min(len(sales), rnd.randint(1, 2))):
            rels.append({"type": "INFLUENCES", "from": employee, "to": party,
                         "strength": rnd.choice([0.6, 0.7, 0.8, 0.9]),
                         "since": since.isoformat()})
        for account in rnd.sample(accounts, min(len(accounts), 2)):
            keys = keys_by_account[account]
            for contact in rnd.sample(keys, min(len(keys), rnd.randint(1, 3))):
                rels.append({"type": "INFLUENCES", "from": party, "to": contact,
                             "strength": rnd.choice([0.5, 0.6, 0.7, 0.8]),
                             "since": (since + timedelta(days=rnd.randint(0, 90))).isoformat()})


def quarter_start(day: date) -> date:
    return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def _esp_evaluations(seed: int, accounts: list[dict[str, Any]], today: date) -> list[dict[str, Any]]:
    """The quarterly re-evaluation (docs/domain.md section 13): every account's ESP+ scores
    evaluated anew on the first day of the previous quarter and of this one, each drifting from
    the one before (the undated scores first), so that the ranking shows a change since the
    previous evaluation. Drawn from a generator of their own: the rest of the document is what
    the seed made it before."""
    rnd = random.Random(f"esp-{seed}")
    current = quarter_start(today)
    previous = quarter_start(current - timedelta(days=1))
    evaluations = []
    for account in accounts:
        scores = {k: account[f"esp_{k}"] for k in ESP_FACTORS}
        for at in (previous, current):
            scores = {k: float(min(100, max(0, v + rnd.randint(-15, 15))))
                      for k, v in scores.items()}
            evaluations.append({"account_id": account["id"], "at": at.isoformat(), **scores})
    return evaluations


def _addresses(doc: Doc) -> None:
    """An address for every person, from their ids (no random draw: the rest of the data stays
    what the seed makes it), so that calendars and mail can be captured on the demo."""
    for employee in doc["employees"]:
        employee["emails"] = [f"{employee['id']}@ours.example"]
    for contact in doc["contacts"]:
        contact["emails"] = [f"{contact['id']}@{contact['account_id']}.example"]


def _org_chart(rnd: random.Random, ids: _Ids, doc: Doc, account: str, industry: str,
               name: Any) -> list[dict[str, Any]]:
    """A reporting tree: a head, two or three deputies, department heads and their staff."""
    contacts: list[dict[str, Any]] = []

    def add(title: str, dept: str, boss: str | None, key: bool) -> str:
        cid = ids.next("c")
        contacts.append({"id": cid, "account_id": account, "name": name(), "title": title,
                         "department": dept, "key_person": key, "top_of_hierarchy": boss is None,
                         "behavior": rnd.choice(list(Behavior)).value,
                         "importance": rnd.choice(list(Importance)).value})
        if boss:
            doc["relationships"].append({"type": "REPORTS_TO", "from": cid, "to": boss})
        return cid

    head = add(TOP_TITLES[industry], "领导班子", None, True)
    deputies = [add(VP_TITLES[industry], "领导班子", head, True) for _ in range(rnd.randint(2, 3))]
    for dept in rnd.sample(DEPARTMENTS[industry], 3):
        chief = add(f"{dept}总经理" if industry == "banking" else f"{dept}主任", dept,
                    rnd.choice(deputies), True)
        for _ in range(rnd.randint(2, 3)):
            add(rnd.choice(["高级经理", "主管", "工程师", "专员"]), dept, chief, rnd.random() < 0.2)
    doc["contacts"].extend(contacts)
    return contacts


def _political_map(rnd: random.Random, rels: list[dict[str, Any]], contacts: list[dict[str, Any]],
                   start: date, today: date) -> None:
    """Indirect key persons: who listens to whom, beyond the reporting lines."""
    for _ in range(len(contacts) // 3):
        a, b = rnd.sample(contacts, 2)
        rels.append({"type": "INFLUENCES", "from": a["id"], "to": b["id"],
                     "strength": round(rnd.uniform(0.3, 0.9), 2),
                     "since": (start - timedelta(days=rnd.randint(0, 400))).isoformat()})


def _opportunities(rnd: random.Random, ids: _Ids, doc: Doc, account: str,
                   contacts: list[dict[str, Any]], competitors: list[str], employees: list[str],
                   start: date, today: date) -> None:
    keys = [c for c in contacts if c["key_person"]] or contacts
    for _ in range(3):
        opp = ids.next("o")
        created = start + timedelta(days=rnd.randint(0, (today - start).days - 30))
        status = rnd.choices(["open", "won", "lost"], [0.5, 0.3, 0.2])[0]
        closed = None if status == "open" else created + timedelta(days=rnd.randint(30, 240))
        if closed and closed > today:
            closed = today
        doc["opportunities"].append({
            "id": opp, "account_id": account, "name": rnd.choice(
                ["核心系统升级", "数据中台建设", "智能运维平台", "信创替代", "客户关系管理系统",
                 "供应链协同平台", "安全合规改造"]) + "项目",
            "amount": float(rnd.randrange(50, 2000) * 10_000), "currency": "CNY",
            "stage": "合同签订" if status == "won" else rnd.choice(STAGES), "status": status,
            "created_at": created.isoformat(), "closed_at": closed.isoformat() if closed else None,
            "focus": rnd.random() < 0.3})
        members = rnd.sample(keys, min(len(keys), rnd.randint(4, 6)))
        roles = [Role.DECISION_MAKER, Role.APPROVER] + [
            rnd.choice([Role.EVALUATOR, Role.INFLUENCER, Role.USER, Role.COACH])
            for _ in members[2:]]
        for member, role in zip(members, roles, strict=True):
            doc["relationships"].append({"type": "IN_DECISION_CHAIN", "from": member["id"],
                                         "to": opp, "role": role.value,
                                         "since": created.isoformat()})
        for comp in rnd.sample(competitors, rnd.randint(1, 2)):
            doc["relationships"].append({"type": "COMPETES_ON", "from": comp, "to": opp,
                                         "since": created.isoformat()})
        if status == "won" and rnd.random() < 0.5:
            doc["relationships"].append({"type": "LEVERAGED", "from": rnd.choice(employees),
                                         "to": opp, "since": created.isoformat()})


def _networks(rnd: random.Random, rels: list[dict[str, Any]], employees: list[str],
              staff: list[str], key_persons: list[str], contacts: list[dict[str, Any]],
              start: date, today: date, day_between: Any) -> None:
    """Private networks of our staff and of the competitors' staff, some of them ended."""
    everyone = [c["id"] for c in contacts]
    for emp in employees:
        for target in rnd.sample(key_persons, min(len(key_persons), rnd.randint(1, 4))):
            since = start - timedelta(days=rnd.randint(0, 700))
            ended = rnd.random() < 0.1
            rels.append({"type": "INFLUENCES", "from": emp, "to": target,
                         "strength": round(rnd.uniform(0.4, 0.95), 2), "since": since.isoformat(),
                         "until": day_between(start, today).isoformat() if ended else None})
        if rnd.random() < 0.5:
            rels.append({"type": "INFLUENCES", "from": emp, "to": rnd.choice(everyone),
                         "strength": round(rnd.uniform(0.3, 0.8), 2),
                         "since": day_between(start, today).isoformat()})
    for st in staff:
        for target in rnd.sample(key_persons, min(len(key_persons), rnd.randint(1, 3))):
            rels.append({"type": "INFLUENCES", "from": st, "to": target,
                         "strength": round(rnd.uniform(0.4, 0.9), 2),
                         "since": day_between(start, today).isoformat()})


def _history(rnd: random.Random, ids: _Ids, doc: Doc, key_persons: list[str],
             competitors: list[str], employees: list[str], start: date, today: date,
             day_between: Any, assessment_days: tuple[int, int],
             activities_per_contact: float) -> None:
    """Attitudes drifting month by month, toward us and a rival, and our visits."""
    for contact in key_persons:
        level = rnd.randint(1, 3)
        rival = rnd.choice(competitors)
        votes = rnd.random() < 0.25
        at = start + timedelta(days=rnd.randint(0, 60))
        while at <= today:
            level = min(4, max(0, level + rnd.choice([-1, 0, 0, 1])))
            doc["assessments"].append({
                "contact_id": contact, "at": at.isoformat(), "toward": US,
                "closeness": ATTITUDES[level].value,
                "solution": rnd.choice(ATTITUDES[max(0, level - 1):level + 2]).value,
                "price": (Attitude.UNKNOWN if rnd.random() < 0.2
                          else rnd.choice(ATTITUDES[max(0, level - 2):level + 1])).value,
                "veto": votes if rnd.random() < 0.8 else None,
                "approver": (not votes) if rnd.random() < 0.6 else None})
            if rnd.random() < 0.3:
                doc["assessments"].append({
                    "contact_id": contact, "at": at.isoformat(), "toward": rival,
                    "closeness": rnd.choice(ATTITUDES).value,
                    "solution": rnd.choice(ATTITUDES).value, "price": rnd.choice(ATTITUDES).value})
            at += timedelta(days=rnd.randint(*assessment_days))
    contacts = [c["id"] for c in doc["contacts"]]
    for _ in range(round(len(contacts) * activities_per_contact)):
        doc["activities"].append({
            "id": ids.next("act"), "at": day_between(start, today).isoformat(),
            "type": rnd.choice(list(ActivityType)).value,
            "employee_ids": rnd.sample(employees, rnd.randint(1, 2)),
            "contact_ids": [rnd.choice(key_persons) if rnd.random() < 0.7
                            else rnd.choice(contacts)]})
