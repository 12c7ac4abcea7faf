"""Figures over many key persons look at each distinct view once: they must equal the same
figures taken person by person, as docs/domain.md defines them."""

from datetime import date
from statistics import mean

from hypothesis import given
from hypothesis import strategies as st

from app.domain import ATTITUDE_SCORE, Attitude
from app.features.service import DEGREES, Attitudes
from app.kpis import figures as f
from app.kpis.lists import first_in_buckets
from app.kpis.snapshot import KeyPerson, Snapshot

views = st.builds(Attitudes, st.sampled_from(Attitude), st.sampled_from(Attitude),
                  st.sampled_from(Attitude), st.none() | st.booleans(), st.none() | st.booleans())
people = st.lists(st.builds(KeyPerson, contact_id=st.text(max_size=3),
                            account_id=st.sampled_from(["a1", "a2"]), acquainted=st.booleans(),
                            attitudes=views), max_size=60)


def snapshot(persons: list[KeyPerson]) -> Snapshot:
    return Snapshot(as_of=date(2026, 3, 31), accounts=[], key_persons=persons, deals=[])


def one_by_one_bucket(view: Attitudes, degree: str) -> str:
    score = ATTITUDE_SCORE[getattr(view, degree)]
    return ("unknown" if score is None else "supportive" if score > 0
            else "neutral" if score == 0 else "opposed")


@given(people)
def test_tallied_figures_equal_the_person_by_person_ones(persons: list[KeyPerson]) -> None:
    s = snapshot(persons)
    acquainted = [p for p in persons if p.acquainted]
    every = f.all_views
    for degree in DEGREES:
        scores = [v for p in persons if (v := ATTITUDE_SCORE[getattr(p.attitudes, degree)]) is not None]
        assert f.degree_average(degree, every)(s).value == (round(mean(scores), 10) if scores else None)
        assert f.average((p.attitudes for p in persons), degree) == (
            round(mean(scores), 10) if scores else None)
        for name in f.BUCKETS:
            assert f.bucket_count(degree, name, every)(s).value == sum(
                one_by_one_bucket(p.attitudes, degree) == name for p in persons)
    known = [p for p in persons if all(getattr(p.attitudes, d) != Attitude.UNKNOWN for d in DEGREES)
             and p.attitudes.veto is not None and p.attitudes.approver is not None]
    assert f.insighted(s).value == len(known)
    assert f.not_insighted(s).value == len(persons) - len(known)
    assert f.acquainted_not_insighted(s).value == sum(p not in known for p in acquainted)
    assert f.acquainted_count(s).value == len(acquainted)
    assert f.value_potential(s).value == (len(acquainted) / len(persons) if persons else None)


@given(people, st.integers(min_value=1, max_value=8))
def test_bucket_lists_that_stop_early_equal_a_whole_scan(persons: list[KeyPerson],
                                                         limit: int) -> None:
    s = snapshot(persons)
    # Every key person (the key-person line) and the acquainted ones (the influence line).
    for group, views in ((persons, s.views), (f.acquainted(s), s.acquainted_views)):
        for degree in DEGREES:
            whole: dict[str, list[KeyPerson]] = {b: [] for b in f.BUCKETS}
            for p in group:
                whole[one_by_one_bucket(p.attitudes, degree)].append(p)
            assert first_in_buckets(group, views, degree, limit) == {
                b: found[:limit] for b, found in whole.items()}


def test_a_hand_worked_average() -> None:
    support, oppose = Attitudes(closeness=Attitude.SUPPORT), Attitudes(closeness=Attitude.OPPOSE)
    # 1 + 1 - 1 over three known; the unknown one is left out.
    assert f.average([support, support, oppose, Attitudes()], "closeness") == round(1 / 3, 10)
    assert f.average([Attitudes()], "closeness") is None
