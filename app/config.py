"""All settings in one place; every domain threshold is configurable (docs/domain.md section 16)."""

from functools import lru_cache
from pathlib import Path
from typing import Annotated, Self
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from app.domain import ActivityType


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="BRM_", extra="ignore", populate_by_name=True)

    neo4j_uri: str = Field("bolt://127.0.0.1:7687", validation_alias="NEO4J_URI")
    neo4j_user: str = Field("neo4j", validation_alias="NEO4J_USER")
    neo4j_password: SecretStr = Field(SecretStr("brm-local-dev"), validation_alias="NEO4J_PASSWORD")
    neo4j_database: str = Field("neo4j", validation_alias="NEO4J_DATABASE")
    admin_token: SecretStr | None = None
    # Keys the references that stand for colleagues a viewer may not see yet (app/auth/
    # references.py); unset, a random key is made on the first start and kept in the graph.
    secret_key: SecretStr | None = None

    # People sign in with a username and password (app/auth/sessions.py); false leaves bearer
    # tokens only (an organisation that signs in through its own identity provider).
    password_sign_in: bool = True
    session_hours: float = Field(12.0, gt=0)
    # Sign-in failures of one username, known or not: from the `slow_after`-th on each answer
    # waits (doubling, at most 8 s); at `lock_after` the username is locked for `lock_minutes`.
    # A row of failures is forgotten after `forget_hours` without a try.
    sign_in_slow_after: int = Field(3, ge=1)
    sign_in_lock_after: int = Field(6, ge=2)
    sign_in_lock_minutes: float = Field(15.0, gt=0)
    sign_in_forget_hours: float = Field(24.0, gt=0)
    # The session cookie's Secure flag: always (behind TLS), or only for https requests.
    session_cookie_secure: bool = False

    # Time budget of one HTTP request: the driver must give up well before a client would.
    read_timeout_s: float = 5.0
    # Company-wide KPI queries (every account's figures, the breakthrough search) may take longer.
    analytics_timeout_s: float = 120.0
    write_timeout_s: float = 120.0
    retry_budget_s: float = 3.0
    connection_timeout_s: float = 2.0
    connection_acquisition_timeout_s: float = 2.0
    pool_size: int = 50
    retry_after_s: int = 5

    migrate_on_start: bool = True
    migration_lock_timeout_s: float = 60.0
    # None: the migrations shipped in the package (app/migrations); a directory for tests.
    migrations_dir: Path | None = None

    # The organisation's time zone: an activity at a moment counts on its day here.
    org_timezone: str = "Asia/Shanghai"

    # Answers of at least this many bytes are sent gzip-compressed to clients that accept it
    # (0: none is; behind a proxy that compresses them itself, for example).
    gzip_min_bytes: int = Field(16 * 1024, ge=0)

    # Ingestion.
    max_request_bytes: int = 64 * 1024 * 1024
    # Rows a batch writes: two batches in flight hold their rows (and Neo4j's answers), so
    # memory under an import grows with it (docs/performance.md, import memory).
    import_batch_size: int = Field(2_500, ge=1)
    # Documents up to this many rows are written in one transaction (all or nothing);
    # larger ones in idempotent batches, each atomic, that a re-run converges.
    import_single_tx_max_rows: int = 50_000
    # Batches of one step written at once (Neo4j uses a second core while Python waits).
    import_concurrency: int = Field(2, ge=1)
    # Import bodies of at least this many bytes are parsed as they arrive, each part's items
    # kept in a temporary file and read again on each pass, so that the API's memory stays
    # flat in the document's size; smaller ones are parsed whole (faster). Parsed whole, a
    # body takes about 16 times its size at once (orjson's parse, then the JSON objects and
    # models), so this bounds what a document costs a process.
    import_stream_min_bytes: int = Field(1024 * 1024, ge=0)

    # Domain defaults (docs/domain.md sections 2, 5, 6).
    influence_default_strength: float = 0.5
    reports_down_strength: float = 0.8
    reports_up_strength: float = 0.3
    path_max_hops_default: int = 3
    # People one layer of a path search keeps (the strongest ways); a layer with more cuts the
    # search and the answer says `truncated` (work stays bounded on any graph).
    path_budget: int = 20_000
    # Plan the path searches and the change feed's reads when the API starts (a search's plan
    # takes Neo4j seconds to make, once per server: not the first user's wait). With the
    # second, also compute the company's dashboard lines once (their pages' sizes come from the
    # graph): their first answer halves, for 63 MB more at the process's peak (1x), which is
    # why it is off unless asked for; one process of several is enough.
    plan_searches_on_start: bool = True
    warm_company_lines_on_start: bool = False
    # Once this process's writes that made every kept answer stale (an import's large
    # documents) have been quiet this many seconds, work the company's lines out again in the
    # background, and when a day begins if this process claims it (app/warm.py); 0: never.
    warm_company_lines_after_s: float = Field(60.0, ge=0)
    max_chain_members: int = 100

    # Three-degree tiers of an account's average score (docs/domain.md section 7).
    tier_excellent: float = 1.0
    tier_poor: float = -1.0
    list_limit: int = 100
    # The longest list a spreadsheet of a line holds (the screen shows list_limit of it).
    export_limit: int = Field(5000, ge=1)

    # Hidden influencers: among the top share by influence, at least this deep in the hierarchy.
    hidden_top_share: float = 0.25
    hidden_min_depth: int = 2
    political_map_max_people: int = 2_000
    political_map_max_edges: int = 20_000

    # ESP+ strategy (docs/domain.md section 8).
    strategy_min_key_persons: int = 3
    strategy_complete_share: float = 0.8
    strategy_acquisition_max_key_persons: int = 2
    strategy_recovery_drop: float = 0.5
    helpers_per_action: int = 3

    # ESP+ identification (docs/domain.md section 13); industry weights stored via the API win.
    esp_weight_sales: float = 0.4
    esp_weight_potential: float = 0.3
    esp_weight_demonstration: float = 0.1
    esp_weight_winnable: float = 0.2
    esp_top_percent: float = Field(20.0, gt=0, le=100)
    # The 3x3 grid (九宫格) is cut at these percentiles of each score over the accounts.
    esp_grid_low_percentile: float = Field(33.0, ge=0, le=100)
    esp_grid_high_percentile: float = Field(67.0, ge=0, le=100)
    esp_max_accounts: int = 100_000

    # Decision-chain coverage weights (docs/domain.md section 6); contact level (section 3).
    weight_key_member: float = 3.0  # role decision_maker or approver, or either vote
    weight_evaluator: float = 2.0
    weight_other: float = 1.0
    contact_level_window_days: int = 180
    contact_level_occasional: int = 1
    contact_level_multiple: int = 3
    contact_level_deep: int = 6
    # Activity strength (docs/domain.md section 9): each activity's weight by type, halved every
    # `half_life_days`; acquainted from `acquainted` on; the trend compares with `trend_days`
    # earlier, moving by more than `trend_delta`.
    activity_weights: dict[str, float] = {"meeting": 1.0, "visit": 1.0, "dinner": 1.0,
                                          "demo": 1.0, "event": 0.5, "call": 0.5, "email": 0.2,
                                          "message": 0.2, "other": 0.2}
    activity_half_life_days: float = Field(90.0, gt=0)
    activity_acquainted: float = Field(0.2, gt=0, lt=1)
    activity_trend_days: int = Field(90, ge=1)
    activity_trend_delta: float = Field(0.1, ge=0, lt=1)
    # Activities older than this many half-lives weigh less than a thousandth: not read.
    activity_horizon_half_lives: int = Field(10, ge=1)

    # Review cadence (docs/domain.md, the daily loop): a key person's feature is due for
    # re-assessment this many days after its last assessment; never assessed, at once. At
    # most a hundred years: the due list counts back from the day asked (as early as 1900).
    review_closeness_days: int = Field(30, ge=1, le=36_500)
    review_solution_days: int = Field(90, ge=1, le=36_500)
    review_price_days: int = Field(90, ge=1, le=36_500)
    review_votes_days: int = Field(90, ge=1, le=36_500)  # veto holder and approver
    review_importance_days: int = Field(90, ge=1, le=36_500)  # from the contact's importance_at
    review_max_key_persons: int = Field(200_000, ge=1)  # looked at per request, before paging
    # Change events: the longest period one request may cover, the drop of a deal's weighted
    # supportive coverage that is an event, the deals compared per request at most and the
    # records of each kind read (actions, dated edges; the webhooks' assessments' moves and
    # cooling relationships of one read: the feed counts those in full and reads a page's).
    changes_max_period_days: int = Field(92, ge=1)
    changes_coverage_drop: float = Field(0.1, gt=0, le=1)
    changes_max_deals: int = Field(500, ge=1)
    changes_max_rows: int = Field(10_000, ge=1)
    # The weekly review's activity of a scope: the newest this many of a period are counted.
    activity_feed_max: int = Field(20_000, ge=1)

    # Webhooks (app/webhooks). The hosts deliveries may go to: exact names or addresses, or
    # `*.example.com` for its subdomains, comma-separated in the environment; empty, no
    # subscription can be made. A URL's host is checked when subscribing and on every try.
    webhook_allowed_hosts: Annotated[list[str], NoDecode] = []
    webhook_worker: bool = True  # this process turns outbox marks into events and delivers them
    webhook_poll_s: float = Field(0.5, gt=0)
    webhook_timeout_s: float = Field(5.0, gt=0)  # one try, connect to last byte
    # A failed try is tried again after base * 2^(tries - 1) seconds (at most max), until
    # `retry_hours` after the event; then the delivery has failed.
    webhook_retry_base_s: float = Field(10.0, gt=0)
    webhook_retry_max_s: float = Field(3600.0, gt=0)
    webhook_retry_hours: float = Field(24.0, gt=0)
    webhook_concurrency: int = Field(8, ge=1)  # tries under way at once, per process
    webhook_max_accounts: int = Field(200, ge=1)  # accounts the worker compares in one read

    @field_validator("webhook_allowed_hosts", mode="before")
    @classmethod
    def _host_list(cls, value: object) -> object:
        if isinstance(value, str):
            return [h.strip().lower() for h in value.split(",") if h.strip()]
        return value

    # Calendar and mail capture (docs/domain.md, Capture from calendars and mail). Recurring
    # events are expanded from this many days before today to this many after (a request
    # may ask for another window); at most `capture_max_items` events or messages per file.
    capture_days_back: int = Field(180, ge=0)
    capture_days_ahead: int = Field(90, ge=0)
    capture_max_items: int = Field(100_000, ge=1)
    # An event's activity type: the first of these words (lower-case) found among its
    # CATEGORIES, else in its SUMMARY; else the default. BRM_CAPTURE_CALENDAR_TYPES takes JSON.
    capture_calendar_types: dict[str, ActivityType] = {
        "visit": ActivityType.VISIT, "拜访": ActivityType.VISIT,
        "dinner": ActivityType.DINNER, "宴请": ActivityType.DINNER,
        "call": ActivityType.CALL, "电话": ActivityType.CALL,
        "demo": ActivityType.DEMO, "演示": ActivityType.DEMO,
    }
    capture_calendar_default_type: ActivityType = ActivityType.MEETING

    @model_validator(mode="after")
    def _grid_cuts_in_order(self) -> Self:
        if self.esp_grid_low_percentile > self.esp_grid_high_percentile:
            raise ValueError("esp_grid_low_percentile is above esp_grid_high_percentile")
        return self

    @field_validator("org_timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown time zone {value!r} (an IANA name such as "
                             "Asia/Shanghai)") from None
        return value

    @property
    def org_zone(self) -> ZoneInfo:
        return ZoneInfo(self.org_timezone)

    # The one currency every summed or shown amount of the analysis lines is converted to, with
    # the dated exchange rates of the import document (docs/domain.md section 2, Money).
    reporting_currency: str = Field("CNY", pattern=r"^[A-Z]{3}$")


@lru_cache
def get_settings() -> Settings:
    return Settings()
