"""Lead, lag or tie against a competitor: the means of known scores, compared exactly."""

from statistics import mean

from hypothesis import given
from hypothesis import strategies as st

from app.chains.service import compare

scores = st.lists(st.integers(min_value=-2, max_value=2), max_size=40)


@given(scores, scores)
def test_compare_agrees_with_the_means(ours: list[int], theirs: list[int]) -> None:
    expected = ("unknown" if not ours or not theirs else
                "lead" if mean(ours) > mean(theirs) else
                "lag" if mean(ours) < mean(theirs) else "tie")
    assert compare(ours, theirs) == expected


def test_hand_worked_cases() -> None:
    assert compare([1, 1, 0], [2, 0, 0]) == "tie"  # 2/3 each
    assert compare([2, 2, 2, 1], [2, 2, 2]) == "lag"  # 7/4 < 2
    assert compare([0, 1], [-2, 2, 0]) == "lead"  # 1/2 > 0
    assert compare([-1], []) == "unknown"
