"""What the API process loads when it starts: libraries that only some answers need (the political
map's networkx, the workbooks' openpyxl, the calendar files' icalendar) are imported by those
answers, not with the API, whose memory every process pays."""

import subprocess
import sys

ON_FIRST_USE = ("networkx", "openpyxl", "icalendar", "recurring_ical_events", "pytz")


def test_the_api_starts_without_the_libraries_of_rare_answers() -> None:
    loaded = subprocess.run(
        [sys.executable, "-c", "import sys, app.main; "
         f"print(' '.join(m for m in {ON_FIRST_USE!r} if m in sys.modules))"],
        capture_output=True, text=True, check=True, timeout=120).stdout.split()
    assert loaded == []
