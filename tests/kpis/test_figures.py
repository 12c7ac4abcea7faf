"""The figures' rules, and totals summed from piece vectors equal to the same figures taken
person by person, as docs/domain.md defines them."""

from statistics import mean

from hypothesis import given
from hypothesis import strategies as st

from app.domain import ATTITUDE_SCORE, Attitude
from app.features.service import DEGREES, Attitudes
from app.kpis import figures as f
from app.kpis import rollups
from app.kpis.rollups import HEAD, PER_DEGREE, WIDTH, State, Totals

views = st.builds(Attitudes, st.sampled_from(Attitude), st.sampled_from(Attitude),
                  st.sampled_from(Attitude), st.none() | st.booleans(), st.none() | st.booleans())
people = st.lists(st.tuples(st.booleans(), views), max_size=40)


def vector(acquainted: bool, view: Attitudes) -> list[int]:
    """A piece's vector as app/kpis/rollups.py lays it out, written out long-hand."""
    a = int(acquainted)
    v = [1, a, int(view.insighted), int(view.insighted) * a]
    for degree in DEGREES:
        score = ATTITUDE_SCORE[view.degree(degree)]
        per = [score or 0, int(score is not None),
               int(score is not None and score > 0), int(score == 0),
               int(score is not None and score < 0), int(score is None)]
        v += per + [x * a for x in per]
    return v


def one_by_one_bucket(view: Attitudes, degree: str) -> str:
    score = ATTITUDE_SCORE[view.degree(degree)]
    return ("unknown" if score is None else "supportive" if score > 0
            else "neutral" if score == 0 else "opposed")


def test_the_layout_has_a_place_for_every_figure() -> None:
    assert WIDTH == len(HEAD) + len(DEGREES) * 2 * len(PER_DEGREE) == len(vector(True, Attitudes()))


@given(people)
def test_summed_vectors_give_the_person_by_person_figures(
        persons: list[tuple[bool, Attitudes]]) -> None:
    for acq, view in persons:  # the app's vectors are the long-hand ones
        assert rollups.vector(State(acq, view.insighted, *(view.score(d) for d in DEGREES))) == \
            vector(acq, view)
    t = Totals.of(vector(acq, view) for acq, view in persons)
    assert Totals.of([]) == Totals()
    acquainted = [view for acq, view in persons if acq]
    for group, acq in (([v for _, v in persons], False), (acquainted, True)):
        for degree in DEGREES:
            scores = [s for v in group if (s := v.score(degree)) is not None]
            assert t.average(degree, acquainted=acq) == (round(mean(scores), 10) if scores else None)
            for name in rollups.BUCKETS:
                assert t.degree(degree, name, acquainted=acq) == sum(
                    one_by_one_bucket(v, degree) == name for v in group)
    insighted = [v for _, v in persons if all(v.score(d) is not None for d in DEGREES)
                 and v.veto is not None and v.approver is not None]
    assert f.key_persons(t).value == len(persons)
    assert f.insighted(t).value == len(insighted)
    assert f.not_insighted(t).value == len(persons) - len(insighted)
    assert f.acquainted(t).value == len(acquainted)
    assert f.acquainted_not_insighted(t).value == sum(v not in insighted for v in acquainted)
    assert f.value_potential(t).value == (len(acquainted) / len(persons) if persons else None)


def test_a_hand_worked_average() -> None:
    support, oppose = Attitudes(closeness=Attitude.SUPPORT), Attitudes(closeness=Attitude.OPPOSE)
    # 1 + 1 - 1 over three known; the unknown one is left out.
    assert f.average([support, support, oppose, Attitudes()], "closeness") == round(1 / 3, 10)
    assert f.average([Attitudes()], "closeness") is None
    t = Totals.of(vector(False, v) for v in (support, support, oppose, Attitudes()))
    assert t.average("closeness") == round(1 / 3, 10) and t.average("price") is None


def test_buckets_by_score() -> None:
    assert [rollups.bucket_of(s) for s in (2, 1, 0, -1, -2, None)] == [
        "supportive", "supportive", "neutral", "opposed", "opposed", "unknown"]
