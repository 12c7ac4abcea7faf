"""A keep's per-account maps go to its query in parts, in id order (app/kpis/kept.py Keep), and
a summary's JSON is kept in texts of bounded size."""

import pytest

from app.kpis import kept


def test_a_keep_runs_its_accounts_in_parts_in_id_order(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(kept, "KEEP_PART", 2)
    states = [{"account_id": a, "seen": n} for n, a in enumerate(["a3", "a1", "a5", "a2", "a4"])]
    runs = list(kept.Keep("RETURN 1", {"states": states, "day": "d"}, each="states").runs())
    assert [[s["account_id"] for s in run["states"]] for run in runs] == [
        ["a1", "a2"], ["a3", "a4"], ["a5"]]
    assert [run["day"] for run in runs] == ["d"] * 3
    assert states[0] == {"account_id": "a3", "seen": 0}  # the caller's list as it was


def test_a_keep_of_no_accounts_runs_once_as_does_one_without_parts() -> None:
    assert list(kept.Keep("RETURN 1", {"states": []}, each="states").runs()) == [{"states": []}]
    assert list(kept.Keep("RETURN 1", {"rows": [{"account_id": "a1"}]}).runs()) == [
        {"rows": [{"account_id": "a1"}]}]


def test_a_summary_is_cut_into_texts_between_characters() -> None:
    text = "a\u00e9\u4e2d\U0001f600b\u4e2d\u4e2dcd"  # of 1, 2, 3 and 4 bytes in UTF-8
    for size in range(4, 12):
        parts = kept._texts(text.encode(), size)
        assert "".join(parts) == text
        assert all(0 < len(p.encode()) <= size for p in parts)
    assert kept._texts(b"", 4) == []
    with pytest.raises(ValueError):
        kept._texts(text.encode(), 3)
