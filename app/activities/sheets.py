"""The weekly review's activity as spreadsheets' rows, and what a person's workbook of them
says it counts."""

from zoneinfo import ZoneInfo

from app.activities.schemas import ActivityFeed, ActivityRow, ByType, ColleagueRow
from app.db.graph import Reader
from app.nodes.names import names
from app.scopes import Scope
from app.sheets.words import ABOUT, FILE_WORDS, Lang, pick
from app.sheets.writing import Lines


def activity_rows(feed: ActivityFeed,
                  zone: ZoneInfo) -> tuple[list[ActivityRow], dict[str, str | None]]:
    """The feed's page as a spreadsheet's rows, each moment in the organisation's `zone` (the
    zone its day is in), and the feed's names with those of the people the rows name by id."""
    rows = [ActivityRow(id=a.id, at=a.at, at_time=a.at_time and a.at_time.astimezone(zone),
                        type=a.type, summary=a.summary,
                        employee_ids=a.employee_ids, contact_ids=[c.id for c in a.contacts],
                        account_ids=list(dict.fromkeys(c.account_id for c in a.contacts
                                                       if c.account_id)),
                        opportunity_id=a.opportunity_id, private=a.private)
            for a in feed.activities]
    people = {c.id: c.name for a in feed.activities for c in a.contacts}
    return rows, {**feed.names, **people}


def colleague_rows(feed: ActivityFeed) -> list[ColleagueRow]:
    """The feed's colleagues as a spreadsheet's rows, a column for each type."""
    return [ColleagueRow(**c.model_dump(exclude={"by_type"}),
                         by_type=ByType(**{t.value: n for t, n in c.by_type.items()}))
            for c in feed.by_colleague]


async def about(graph: Reader, feed: ActivityFeed, scope: Scope, lang: Lang,
                colleagues: bool) -> Lines:
    """A sheet saying the scope by name, the period and the activities, people and accounts
    counted; of the colleagues' figures, that a shared activity counts for each."""
    def said(key: str) -> str:
        return pick(ABOUT[key], lang)

    if scope.id is None:
        scope_name = pick(FILE_WORDS["company"], lang)
    else:
        scope_name = (await names(graph, [scope.id])).get(scope.id) or scope.id
    lines: list[list[object]] = [
        [said("scope"), scope_name],
        [said("period"), said("to").format(since=feed.since, until=feed.until)],
        [said("activities"), feed.overall.activities],
        [said("contacts"), feed.overall.contacts],
        [said("accounts"), feed.overall.accounts]]
    if colleagues:
        lines.append([said("counted_each")])
    if feed.truncated:
        lines.append([said("truncated")])
    return said("title"), lines
