"""An employee's network on 2026-11-30, worked out by hand (half-life 90 days; visit 1.0,
call 0.5, email 0.2; acquainted from 0.2).

Rep e1 (team t1, lead e2) owns a1; e3 (team t2) owns a2. e1 declares c1 (0.3) and c3 (0.8),
and c1 for deal o1 only (0.9: not a general acquaintance). Activities of e1: a visit with c1 on
09-01, a call with c1 and c2 on 10-01, an e-mail to c1 on 11-30, a visit with c4 (at a2) on
11-01, an e-mail to c5 on 2025-01-01. e2 met c1 on 11-29 (not e1's).
"""

from typing import Any

from fastapi.testclient import TestClient

from tests.auth.conftest import create
from tests.conftest import AUTH

AS_OF = {"as_of": "2026-11-30"}


def graph() -> dict[str, Any]:
    def act(i: str, day: str, kind: str, contacts: list[str], who: str = "e1") -> dict[str, Any]:
        return {"id": i, "at": day, "type": kind, "employee_ids": [who], "contact_ids": contacts}

    return {
        "accounts": [{"id": "a1", "name": "华东电网"}, {"id": "a2", "name": "江苏农商银行"}],
        "teams": [{"id": "t1", "name": "能源", "lead_id": "e2"},
                  {"id": "t2", "name": "金融", "lead_id": "e3"}],
        "employees": [{"id": "e1", "name": "李明", "team_id": "t1"},
                      {"id": "e2", "name": "王芳", "team_id": "t1"},
                      {"id": "e3", "name": "赵敏", "team_id": "t2"}],
        "contacts": [*({"id": c, "account_id": "a1", "name": c.upper()}
                       for c in ("c1", "c2", "c3", "c5")),
                     {"id": "c4", "account_id": "a2", "name": "C4"}],
        "opportunities": [{"id": "o1", "account_id": "a1", "name": "数据中台"}],
        "relationships": [
            {"type": "OWNS", "from": "e1", "to": "a1"}, {"type": "OWNS", "from": "e3", "to": "a2"},
            {"type": "INFLUENCES", "from": "e1", "to": "c1", "strength": 0.3, "since": "2026-01-01"},
            {"type": "INFLUENCES", "from": "e1", "to": "c1", "strength": 0.9,
             "opportunity_id": "o1"},
            {"type": "INFLUENCES", "from": "e1", "to": "c3", "strength": 0.8}],
        "activities": [act("v1", "2026-09-01", "visit", ["c1"]),
                       act("v2", "2026-10-01", "call", ["c1", "c2"]),
                       act("v3", "2026-11-30", "email", ["c1"]),
                       act("v4", "2026-11-01", "visit", ["c4"]),
                       act("v5", "2025-01-01", "email", ["c5"]),
                       act("v6", "2026-11-29", "visit", ["c1"], who="e2")],
    }


def rows(body: dict[str, Any]) -> list[tuple[Any, ...]]:
    return [(c["contact_id"], c["declared_strength"], c["activity_strength"], c["strength"],
             c["source"], c["acquainted"], c["last_activity_at"], c["activities_180d"], c["trend"])
            for c in body["contacts"]]


# c3: declared 0.8, no activity.
C3 = ("c3", 0.8, 0.0, 0.8, "declared", True, None, 0, "steady")
# c1: 0.5 (visit, 90 days) + 0.31498 (call, 60 days) + 0.2 (e-mail, today) = 1.01498;
# 1 - e^-1.01498 = 0.6376 over the declared 0.3. On 09-01 the visit alone: 0.63212; moved by
# 0.0055: steady. All three within 180 days.
C1 = ("c1", 0.3, 0.6376, 0.6376, "activity", True, "2026-11-30", 3, "steady")
# c4 (a2): the visit 29 days ago, 0.5^(29/90) = 0.79984; 1 - e^-0.79984 = 0.5506; nothing
# on 09-01: warming.
C4 = ("c4", None, 0.5506, 0.5506, "activity", True, "2026-11-01", 1, "warming")
# c2: the call, 0.5 * 0.5^(60/90) = 0.31498; 1 - e^-0.31498 = 0.2702 >= 0.2: acquainted.
C2 = ("c2", None, 0.2702, 0.2702, "activity", True, "2026-10-01", 1, "warming")
# c5: an e-mail 698 days ago, 0.2 * 0.5^(698/90) = 0.000925; 1 - e^-0.000925 = 0.0009: known,
# not acquainted, none within 180 days.
C5 = ("c5", None, 0.0009, 0.0009, "activity", False, "2025-01-01", 0, "steady")


def test_an_employees_network_by_declaration_and_activity(client: TestClient) -> None:
    assert client.post("/v1/import", json=graph(), headers=AUTH).status_code == 200
    body = client.get("/v1/employees/e1/network", params=AS_OF, headers=AUTH).json()
    assert (body["total"], rows(body)) == (5, [C3, C1, C4, C2, C5])
    assert body["contacts"][1]["name"] == "C1" and body["contacts"][1]["account_name"] == "华东电网"
    # Paged.
    page = client.get("/v1/employees/e1/network", params={**AS_OF, "limit": 2, "offset": 1},
                      headers=AUTH).json()
    assert rows(page) == [C1, C4]
    # Before the first activity with c1 (on 08-31): c1 declared only, c5 from its old e-mail
    # (605 days: 0.2 * 0.5^(605/90) = 0.00189, 1 - e^-0.00189 = 0.0019).
    august = client.get("/v1/employees/e1/network", params={"as_of": "2026-08-31"},
                        headers=AUTH).json()
    assert [(c["contact_id"], c["strength"], c["source"]) for c in august["contacts"]] == [
        ("c3", 0.8, "declared"), ("c1", 0.3, "declared"), ("c5", 0.0019, "activity")]


def test_who_may_read_a_network_and_what_they_see(client: TestClient) -> None:
    assert client.post("/v1/import", json=graph(), headers=AUTH).status_code == 200
    rep, lead = create(client, role="rep", employee_id="e1"), create(client, role="lead",
                                                                     employee_id="e2")
    other = create(client, role="rep", employee_id="e3")
    # The rep sees their whole network, c4 at another team's account (a2) too: whom one knows
    # is one's own, wherever they work.
    mine = client.get("/v1/employees/e1/network", params=AS_OF, headers=rep).json()
    assert rows(mine) == [C3, C1, C4, C2, C5]
    # a2 is named, not given by id, to whom it is outside the perspective.
    c4 = next(c for c in mine["contacts"] if c["contact_id"] == "c4")
    assert (c4["account_id"], c4["account_name"]) == (None, "江苏农商银行")
    # Their lead reads it too (and it is audited); a rep of another team may not.
    assert rows(client.get("/v1/employees/e1/network", params=AS_OF, headers=lead).json()) == [
        C3, C1, C4, C2, C5]
    audit = client.get("/v1/audit", headers=AUTH, params={"employee_id": "e2"}).json()
    assert [(e["action"], e["subject"]) for e in audit] == [("own-network", "e1")]
    # The rep marks the call with c2 private: it counts for them alone, so for their lead c2
    # is known by nobody's activity and drops out.
    assert client.patch("/v1/activities/v2", json={"private": True},
                        headers=rep).status_code == 200
    assert rows(client.get("/v1/employees/e1/network", params=AS_OF, headers=rep).json()) == [
        C3, C1, C4, C2, C5]
    # c1 without the call: 0.5 + 0.2 = 0.7, 1 - e^-0.7 = 0.5034 (now below c4's 0.5506); on
    # 09-01 0.63212: fell by 0.129, cooling.
    c1_shared = ("c1", 0.3, 0.5034, 0.5034, "activity", True, "2026-11-30", 2, "cooling")
    assert rows(client.get("/v1/employees/e1/network", params=AS_OF, headers=lead).json()) == [
        C3, C4, c1_shared, C5]
    assert client.get("/v1/employees/e1/network", headers=other).status_code == 403
    assert client.get("/v1/employees/e-none/network", headers=AUTH).status_code == 404


def test_who_has_been_in_touch_with_a_person(client: TestClient) -> None:
    assert client.post("/v1/import", json=graph(), headers=AUTH).status_code == 200
    # c1 on 11-30: e1 as above (declared 0.3, activity 0.6376); e2's visit yesterday,
    # 0.5^(1/90) = 0.99233, 1 - e^-0.99233 = 0.6293; nothing on 09-01: warming.
    e1 = {"declared_strength": 0.3, "activity_strength": 0.6376, "strength": 0.6376,
          "source": "activity", "acquainted": True, "last_activity_at": "2026-11-30",
          "activities_180d": 3, "trend": "steady"}
    e2 = {"declared_strength": None, "activity_strength": 0.6293, "strength": 0.6293,
          "source": "activity", "acquainted": True, "last_activity_at": "2026-11-29",
          "activities_180d": 1, "trend": "warming"}
    body = client.get("/v1/contacts/c1/in-touch", params=AS_OF, headers=AUTH).json()
    assert body["colleagues"] == [{"employee_id": "e1", "name": "李明", **e1},
                                  {"employee_id": "e2", "name": "王芳", **e2}]
    # The rep sees their lead as a reference, without a name.
    rep = create(client, role="rep", employee_id="e1")
    mine = client.get("/v1/contacts/c1/in-touch", params=AS_OF, headers=rep).json()["colleagues"]
    assert mine[0] == {"employee_id": "e1", "name": "李明", **e1}
    assert mine[1]["employee_id"].startswith("colleague-") and mine[1]["name"] is None
    assert {k: mine[1][k] for k in e2} == e2
    # Outside the rep's accounts, or nobody at all.
    assert client.get("/v1/contacts/c4/in-touch", headers=rep).status_code == 403
    assert client.get("/v1/contacts/c-none/in-touch", headers=AUTH).status_code == 404


def test_colleagues_as_strong_as_each_other_come_in_the_order_the_viewer_is_shown(
        client: TestClient) -> None:
    """Six colleagues of another team know c2 equally well: the rep sees them as references,
    ordered by the references (ordered by the ids behind them, they told how hidden ids sort),
    in who is in touch and in the influence paths alike."""
    document = graph()
    hidden = [f"h{i}" for i in range(6)]
    document["employees"] += [{"id": h, "name": h, "team_id": "t2"} for h in hidden]
    document["relationships"] += [{"type": "INFLUENCES", "from": h, "to": "c2", "strength": 0.5}
                                  for h in hidden]
    assert client.post("/v1/import", json=document, headers=AUTH).status_code == 200
    rep = create(client, role="rep", employee_id="e1")
    touch = client.get("/v1/contacts/c2/in-touch", params=AS_OF, headers=rep).json()
    tied = [c["employee_id"] for c in touch["colleagues"] if c["declared_strength"] == 0.5]
    assert len(tied) == 6 and all(t.startswith("colleague-") for t in tied)
    assert tied == sorted(tied)
    paths = client.get("/v1/contacts/c2/influence-paths", params=AS_OF, headers=rep).json()
    one_hop = [p["employee_id"] for p in paths["paths"] if p["employee_id"] in tied]
    assert len(one_hop) == 6 and one_hop == sorted(one_hop)
