"""PROFILE the main queries on the graph at NEO4J_URI and print how each plan is anchored.

    make profile        (after `make run` has loaded demo data)

For each query: db hits, rows, the leaf operators of its plan, and whether any of them is a
label scan or an all-nodes scan (a sign a query is not index-backed).
"""

import sys
from typing import Any, LiteralString

from neo4j import GraphDatabase

from app import dates
from app.chains.breakthrough import LOW
from app.config import get_settings
from app.db.cypher import q, template
from app.domain import US, Kind
from app.paths import repository as paths

SCANS = ("NodeByLabelScan", "AllNodesScan", "DirectedRelationshipTypeScan",
         "UndirectedRelationshipTypeScan")


def leaves(plan: dict[str, Any]) -> list[str]:
    children = plan.get("children", [])
    if not children:
        return [plan["operatorType"].split("@")[0]]
    return [leaf for child in children for leaf in leaves(child)]


def total_hits(plan: dict[str, Any]) -> int:
    return int(plan.get("dbHits", 0)) + sum(total_hits(c) for c in plan.get("children", []))


def main() -> int:
    settings = get_settings()
    auth = (settings.neo4j_user, settings.neo4j_password.get_secret_value())
    today = dates.today(settings.org_zone)
    with GraphDatabase.driver(settings.neo4j_uri, auth=auth, notifications_min_severity="OFF") as driver:
        def one(query: LiteralString) -> Any:
            records, _, _ = driver.execute_query(query, database_=settings.neo4j_database)
            return records[0][0] if records else None

        contact = one("MATCH (c:Contact {key_person: true}) RETURN c.id ORDER BY c.id LIMIT 1")
        opportunity = one("MATCH (o:Opportunity) RETURN o.id ORDER BY o.id LIMIT 1")
        account = one("MATCH (a:Account) RETURN a.id ORDER BY a.id LIMIT 1")
        if contact is None:
            print("no data: load demo data first (make run)", file=sys.stderr)
            return 1
        accounts = [account]
        members = [r[0] for r in driver.execute_query(
            "MATCH (:Opportunity {id: $o})<-[:IN_DECISION_CHAIN]-(c) RETURN c.id", o=opportunity,
            database_=settings.neo4j_database).records]
        path_params = {"target_ids": [contact], **paths.path_params(
            settings, as_of=today, employee_ids=None, avoid_opposed=True,
            opportunity_id=None, excluded_ids=None, max_rows=None)}
        cases: list[tuple[str, LiteralString, dict[str, Any]]] = [
            ("paths/best_paths (3 hops)", paths.paths_query("paths/best_paths", 3),
             path_params),
            ("paths/influence_paths (3 hops)",
             paths.paths_query("paths/influence_paths", 3),
             {**path_params, "target_id": contact, "limit": 100, "max_rows": 10}),
            ("features/attitudes", q("features/attitudes"),
             {"contact_ids": members, "as_of": today, "towards": [US], "opportunity_id": opportunity}),
            ("features/structure", q("features/structure"),
             {"contact_ids": members, "as_of": today, "opportunity_id": opportunity, "window_days": 180}),
            ("chains/opportunity", q("chains/opportunity"),
             {"opportunity_id": opportunity, "as_of": today, "limit": 100}),
            ("chains/decision_chain", q("chains/decision_chain"),
             {"opportunity_id": opportunity, "as_of": today, "limit": 100, "window_days": 180,
              "us": US}),
            ("chains/reach", q("chains/reach"),
             {"contact_ids": members, "as_of": today, "opportunity_id": opportunity}),
            ("kpis/scope_accounts (company)", q("kpis/scope_accounts"),
             {"owner_ids": None, "as_of": today}),
            ("kpis/company_days", q("kpis/company_days"), {"as_of": today}),
            ("kpis/scope_pieces", q("kpis/scope_pieces"), {"account_ids": accounts, "as_of": today}),
            ("kpis/company_account_totals", q("kpis/company_account_totals"),
             {"as_of": today, "with_ids": True}),
            ("kpis/account_totals", q("kpis/account_totals"),
             {"account_ids": accounts, "dates": [today], "first": today, "last": today}),
            ("kpis/listed (company, acquainted, in index order and sought)", q("kpis/listed"),
             {"account_ids": None, "as_of": today, "acquainted_only": True, "limit": 100,
              "lists": [{"key": "a", "field": "closeness_bucket", "value": "supportive",
                         "by": "account", "how": "ordered"},
                        {"key": "b", "field": "closeness_bucket", "value": "unknown",
                         "by": "account", "how": "seek"},
                        {"key": "c", "field": "acq", "value": True, "by": "contact",
                         "how": "ordered"}]}),
            ("kpis/won_deals (company)", q("kpis/won_deals"),
             {"account_ids": None, "as_of": today, "start": today.replace(year=today.year - 1),
              "reporting": "CNY"}),
            ("kpis/open_deals", q("kpis/open_deals"), {"account_ids": accounts, "as_of": today,
                                                       "reporting": "CNY"}),
            ("kpis/breakthrough_targets (3 hops)",
             paths.paths_query("kpis/breakthrough_targets", 3),
             {"account_ids": accounts, "as_of": today, "limit": 100, "us": US, "low": LOW,
              "enough": 1}),
            ("politics/people", q("politics/people"),
             {"id": account, "as_of": today, "max_people": 2000}),
            ("nodes/get_node (Contact)", template("nodes/get_node", label=Kind.CONTACT),
             {"id": contact, "max_edges": 1000}),
            ("ingestion/kinds_of", q("ingestion/kinds_of"), {"ids": [contact, account, opportunity]}),
        ]
        print(f"{'query':34} {'db hits':>9} {'rows':>6}  scans  leaf operators")
        for name, query, params in cases:
            summary = driver.execute_query("PROFILE " + query, params,
                                           database_=settings.neo4j_database).summary
            plan = summary.profile or {}
            found = leaves(plan)
            scans = [f for f in found if f in SCANS]
            print(f"{name:34} {total_hits(plan):>9} {plan.get('rows', 0):>6}  "
                  f"{'YES' if scans else 'no ':3}    {', '.join(sorted(set(found)))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
