"""What migrations need besides their Cypher (app/db/migrations.py), by version: code that
computes data for what was stored before the version."""

from app.db.migrations import DataSteps
from app.kpis.rollups import rebuild
from app.search.backfill import backfill

DATA_STEPS: DataSteps = {
    11: rebuild,  # the KPI pieces and company day rollups
    13: backfill,  # the search keys (pinyin)
}
