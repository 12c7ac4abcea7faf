"""POST /v1/capture/mail with messages and mboxes the tests write: headers only, one activity
per Message-ID, many recipients, unknown addresses, re-capture, malformed mail."""

from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient
from neo4j import Driver

from tests.capture.conftest import written
from tests.conftest import AUTH, count, graph_fingerprint

SECRET = "The price we can offer is 1.2 million"


def message(message_id: str | None, date: str | None, sender: str, to: list[str],
            cc: tuple[str, ...] = (), subject: str = "方案讨论") -> str:
    lines = [f"From: {sender}", f"To: {', '.join(to)}"]
    if cc:
        lines.append(f"Cc: {', '.join(cc)}")
    if date:
        lines.append(f"Date: {date}")
    if message_id:
        lines.append(f"Message-ID: <{message_id}>")
    lines += [f"Subject: {subject}", "Content-Type: text/plain; charset=utf-8", "", SECRET, ""]
    return "\n".join(lines)


def mbox(*messages: str) -> str:
    return "".join(f"From MAILER-DAEMON Thu Jan  1 00:00:00 2026\n{m}\n" for m in messages)


UNKNOWN = [f"Person {i} <p{i}@partner.cn>" for i in range(25)]
# From e1 to c1 and 25 strangers, copied to c2 and to e2 under her second address.
MANY = message("m1@ours.cn", "Tue, 03 Mar 2026 09:15:00 +0800", '"Li Ming" <Li.Ming@OURS.cn>',
               ["王建国 <WJG@sgcc.cn>", *UNKNOWN], cc=("chm@sgcc.cn", "ZM@ours.cn"))
INTERNAL = message("m2@ours.cn", "Wed, 04 Mar 2026 10:00:00 +0800", "li.ming@ours.cn",
                   ["zhao.min@ours.cn"])
# 23:30 on 29 March in California is 06:30Z on the 30th: 14:30 that day in Shanghai.
REPLY = message("m3@sgcc.cn", "Sun, 29 Mar 2026 23:30:00 -0700", "wjg@sgcc.cn",
                ["li.ming@ours.cn"], subject="Re: 方案讨论")


def capture(client: TestClient, body: bytes, media: str = "application/mbox") -> Any:
    return client.post("/v1/capture/mail", content=body, headers={**AUTH, "content-type": media})


def test_a_mailbox_becomes_email_activities_from_its_headers_only(
        people: TestClient, raw_driver: Driver, tmp_path: Path) -> None:
    # The first message is kept in two folders: one activity.
    response = capture(people, written(tmp_path, "inbox.mbox", mbox(MANY, INTERNAL, REPLY, MANY)))
    assert response.status_code == 200, response.text
    result = response.json()
    assert sorted((c["key"], c["at"], c["type"], c["employee_ids"], c["contact_ids"])
                  for c in result["created"]) == [
        ("m1@ours.cn", "2026-03-03T09:15:00+08:00", "email", ["e1", "e2"], ["c1", "c2"]),
        ("m3@sgcc.cn", "2026-03-29T23:30:00-07:00", "email", ["e1"], ["c1"]),
    ]
    assert [(s["key"], s["reason"]) for s in result["skipped"]] == [
        ("m2@ours.cn", "no known contact among its people")]
    assert result["unmatched_addresses"] == sorted(f"p{i}@partner.cn" for i in range(25))
    history = people.get("/v1/contacts/c1/activities", params={"as_of": "2026-12-31"},
                         headers=AUTH).json()["activities"]
    assert [(a["at"], a["type"], a["source"], a["summary"]) for a in history] == [
        ("2026-03-30", "email", "mail", "Re: 方案讨论"), ("2026-03-03", "email", "mail", "方案讨论")]
    # Nothing of a body is stored anywhere.
    assert count(raw_driver, "MATCH (n) WHERE any(k IN keys(n) WHERE n[k] IS :: STRING "
                             "AND n[k] CONTAINS $secret) RETURN count(n)", secret="1.2 million") == 0

    before = graph_fingerprint(raw_driver)
    again = capture(people, written(tmp_path, "inbox.mbox", mbox(REPLY, MANY))).json()
    assert again["created"] == again["updated"] == []
    assert sorted(u["key"] for u in again["unchanged"]) == ["m1@ours.cn", "m3@sgcc.cn"]
    assert graph_fingerprint(raw_driver) == before


def test_one_message_and_a_malformed_mailbox(people: TestClient, raw_driver: Driver,
                                             tmp_path: Path) -> None:
    single = capture(people, written(tmp_path, "one.eml", REPLY), "message/rfc822")
    assert single.status_code == 200, single.text
    assert [c["key"] for c in single.json()["created"]] == ["m3@sgcc.cn"]
    # An address header the standard library's parser chokes on is read as written; what is
    # no address in it is left out.
    odd = message("m7@ours.cn", "Tue, 03 Mar 2026 09:15:00 +0800", "li.ming@ours.cn",
                  ["Broken <p24@[artner.cn>", "WJG@sgcc.cn"])
    read = capture(people, written(tmp_path, "odd.eml", odd), "message/rfc822").json()
    assert [(c["key"], c["contact_ids"]) for c in read["created"]] == [("m7@ours.cn", ["c1"])]
    assert read["unmatched_addresses"] == []
    before = graph_fingerprint(raw_driver)
    broken = mbox(MANY, message(None, "Tue, 03 Mar 2026 09:15:00 +0800", "li.ming@ours.cn",
                                ["wjg@sgcc.cn"]),
                  message("m9@ours.cn", "next Tuesday", "li.ming@ours.cn", ["wjg@sgcc.cn"]))
    refused = capture(people, written(tmp_path, "broken.mbox", broken))
    assert refused.status_code == 422, refused.text
    assert refused.json()["errors"] == [
        {"path": "messages[1].Message-ID", "code": "message_id_required",
         "message": "a message needs a Message-ID (re-imports find its activity by it)"},
        {"path": "messages[2].Date", "code": "date_invalid",
         "message": "no date in the Date header ('next Tuesday')",
         "params": {"value": "next Tuesday"}}]
    assert capture(people, b"", "message/rfc822").status_code == 422
    assert graph_fingerprint(raw_driver) == before


def test_an_employees_address_on_a_contact_never_takes_their_mail(
        people: TestClient, raw_driver: Driver, tmp_path: Path) -> None:
    # A contact at a2 holding e1's address, as stored before imports refused it (written
    # around the API): e1's mail with c1 at a1 must not land on a2's account, whose owner
    # would read its subject. Nor one holding an address that delivers to e1's mailbox
    # (li.ming+crm@ is li.ming@'s).
    for n, (held, sender, to) in enumerate((
            ("li.ming@ours.cn", "li.ming@ours.cn", "wjg@sgcc.cn"),
            ("li.ming+crm@ours.cn", "wjg@sgcc.cn", "Li.Ming+CRM@ours.cn"))):
        raw_driver.execute_query(
            "MATCH (c:Contact {id: 'c3'}) CREATE (c)-[:HAS_EMAIL]->(:EmailAddress "
            "{key: 'Contact|' + $held, address: $held, kind: 'Contact'})", held=held)
        secret = message(f"m{n}@ours.cn", "Tue, 03 Mar 2026 09:15:00 +0800", sender, [to],
                         subject="a1 renewal pricing")
        response = capture(people, written(tmp_path, f"{n}.eml", secret), "message/rfc822")
        assert response.status_code == 200, response.text
        assert [(c["employee_ids"], c["contact_ids"]) for c in response.json()["created"]] == [
            (["e1"], ["c1"])]
        assert response.json()["unmatched_addresses"] == []
        assert people.get("/v1/accounts/a2/activities", params={"as_of": "2026-12-31"},
                          headers=AUTH).json()["activities"] == []
