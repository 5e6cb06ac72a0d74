"""Read the TOML config folder into frozen dataclasses, reporting every problem at once.

The folder holds ``settings.toml``, ``sources.toml``, ``watchlist.toml`` (read by :mod:`config.watchlist`),
``facts.toml`` and ``responses.toml`` (read by :mod:`config.responses`). :func:`load_config` reads them all
and raises :class:`ConfigError` whose ``problems`` name the file, the entry and the field of each mistake,
so a user fixes them in one pass. Defaults and help for settings live in :data:`SETTINGS_HELP`, nowhere
else (for responses.toml, in ``config.responses.RESPONSES_HELP``).
"""

from __future__ import annotations

import datetime as dt
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from config.features import EmailSettings, feature_settings
from config.responses import RESPONSES_FILE, Responses, read_responses
from config.watchlist import WATCHLIST_FILE, Watchlist, read_watchlist
from mention import CHANNELS

PROJECT_DIR = Path(__file__).resolve().parent.parent
DEFAULT_CONFIG_DIR = PROJECT_DIR / "config"
SOURCE_KINDS = ("feed", "discourse", "reddit", "mastodon")
UNITS = ("GBP", "percent", "count", "years", "hours", "days", "weeks", "months")
PERIODS = ("hour", "day", "week", "month", "year")

#: (section, key) -> (default, help). The one table of settings.
SETTINGS_HELP: dict[tuple[str, str], tuple[Any, str]] = {
    ("organisation", "name"): ("Department for Work and Pensions", "The department the dashboard speaks for."),
    ("organisation", "short_name"): ("DWP", "Short name used in headings."),
    ("organisation", "contact_url"): ("https://www.gov.uk", "Where referrals point when a topic has no page."),
    ("storage", "url"): ("sqlite:///data/listening.db", "SQLAlchemy URL; relative SQLite paths are under the project."),
    ("fetch", "timeout_seconds"): (20.0, "Seconds allowed for connecting, reading and the whole request."),
    ("fetch", "max_bytes"): (10_000_000, "Largest feed body accepted, enforced while downloading."),
    ("fetch", "user_agent"): ("ListeningPost/0.1", "User-Agent sent with every request; include a contact."),
    ("fetch", "allow_private_addresses"): (False, "Allow fetching from private, loopback and link-local addresses "
                                                  "(off: the SSRF guard refuses them)."),
    ("fetch", "concurrency"): (16, "Sources fetched at the same time, across all hosts."),
    ("fetch", "per_host_concurrency"): (2, "Requests in flight to one host at most."),
    ("fetch", "per_host_interval_seconds"): (1.0, "Least time between the starts of two requests to one host."),
    ("schedule", "interval_minutes"): (15.0, "How often each source is polled when nothing says otherwise."),
    ("schedule", "min_interval_minutes"): (5.0, "Feed hints (ttl, Cache-Control) never poll more often than this."),
    ("schedule", "max_interval_minutes"): (360.0, "Backoff after failures and quiet feeds never wait longer than this."),
    ("claims", "myth_suggest_threshold"): (0.62, "Confidence (0 to 1, the myth model's probability) from which a "
                                                  "sentence is suggested as repeating a known false claim, for a "
                                                  "person to look at."),
    ("claims", "myth_flag_threshold"): (0.72, "Confidence from which a sentence is flagged as repeating a known "
                                              "false claim."),
    ("claims", "short_text_margin"): (0.06, "Added to both myth thresholds for sentences under 8 words: short "
                                            "texts need more evidence."),
    ("server", "address"): ("127.0.0.1", "Address the dashboard binds to."),
    ("server", "port"): (8501, "Port the dashboard listens on."),
    ("server", "refresh_seconds"): (30.0, "While collectors run, the Inbox queue refreshes itself this often."),
    ("stories", "duplicate_threshold"): (0.5, "Share of word shingles (MinHash Jaccard, 0 to 1) from which two "
                                              "mentions are copies of one item (syndicated or lightly edited)."),
    ("stories", "paraphrase_threshold"): (0.2, "Word-weight similarity (TF-IDF cosine, 0 to 1) from which two "
                                               "mentions published at the same time tell the same story in other "
                                               "words; the bar rises with the time between them and for short texts, "
                                               "and mentions whose figures disagree are never grouped."),
    ("stories", "window_hours"): (72.0, "A mention joins a story only if a mention of it was published this many "
                                        "hours before or after."),
    ("alerts", "sensitivity"): ("balanced", "How unusual volume must be to alert: sensitive, balanced or strict."),
    ("alerts", "cycle_minutes"): (60.0, "How often alerts are evaluated (`cli.py watch`), over windows ending then."),
    ("alerts", "cooldown_hours"): (3.0, "The same alert (kind and subject) is not raised again within this time, "
                                        "unless its ratio to the usual has grown by half (1.5x)."),
    ("alerts", "negative_floor"): (0.4, "Negative share of a topic's or voice's mentions from which a surge in "
                                        "volume is also a negative-sentiment surge."),
    ("alerts", "wide_reach_authors"): (20, "A source is of wide reach when it carried this many distinct authors in "
                                           "the last 30 days, or its channel is news or government."),
    ("alerts", "dashboard_url"): ("http://127.0.0.1:8501", "Address of the dashboard, for links in alerts."),
    ("email", "enabled"): (False, "Send alerts and the digest by email."),
    ("email", "host"): ("127.0.0.1", "SMTP server."),
    ("email", "port"): (25, "SMTP port (587 for STARTTLS, 465 for TLS)."),
    ("email", "security"): ("none", "none, starttls or tls."),
    ("email", "sender"): ("listening-post@localhost", "From address."),
    ("email", "recipients"): ([], "To addresses."),
    ("email", "username"): ("", "SMTP login name (empty: no login)."),
    ("email", "password_env"): ("", "Name of the environment variable holding the SMTP password (never the "
                                    "password itself)."),
    ("email", "timeout_seconds"): (20.0, "Seconds allowed for the SMTP conversation."),
    ("webhook", "url"): ("", "Address alerts are POSTed to as JSON (empty: no webhook)."),
    ("webhook", "secret_env"): ("", "Name of the environment variable holding a secret; when set, each POST is "
                                    "signed (X-Listening-Signature: sha256=HMAC of the body)."),
    ("webhook", "timeout_seconds"): (10.0, "Seconds allowed for one POST."),
    ("digest", "enabled"): (False, "Send a daily digest of the last 24 hours' alerts and figures."),
    ("digest", "time"): ("08:00", "Local time (HH:MM) the digest is sent."),
    ("digest", "timezone"): ("Europe/London", "IANA time zone of the digest time."),
}

class ConfigError(ValueError):
    """The config folder has mistakes; ``problems`` lists each as 'file: entry: field: message'."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("config has {} problem(s):\n{}".format(len(problems), "\n".join(f"  - {p}" for p in problems)))


@dataclass(frozen=True)
class Settings:
    organisation_name: str
    organisation_short_name: str
    contact_url: str
    db_url: str
    timeout_seconds: float
    max_bytes: int
    user_agent: str
    allow_private_addresses: bool
    concurrency: int
    per_host_concurrency: int
    per_host_interval_seconds: float
    interval_minutes: float
    min_interval_minutes: float
    max_interval_minutes: float
    server_address: str
    server_port: int
    myth_suggest_threshold: float = 0.62
    myth_flag_threshold: float = 0.72
    short_text_margin: float = 0.06
    refresh_seconds: float = 30
    duplicate_threshold: float = 0.5
    paraphrase_threshold: float = 0.2
    story_window_hours: float = 72.0
    alert_sensitivity: str = "balanced"
    alert_cycle_minutes: float = 60.0
    alert_cooldown_hours: float = 3.0
    negative_floor: float = 0.4
    wide_reach_authors: int = 20
    dashboard_url: str = "http://127.0.0.1:8501"
    email: EmailSettings = field(default_factory=lambda: EmailSettings())
    webhook_url: str = ""
    webhook_secret_env: str = ""
    webhook_timeout_seconds: float = 10.0
    digest_enabled: bool = False
    digest_time: dt.time = dt.time(8, 0)
    digest_timezone: str = "Europe/London"


@dataclass(frozen=True)
class Source:
    name: str
    kind: str
    channel: str
    url: str | None = None
    path: Path | None = None
    base_url: str | None = None
    enabled: bool = True
    interval_minutes: float | None = None

    @property
    def location(self) -> str:
        return self.url if self.url else str(self.path)


@dataclass(frozen=True)
class Fact:
    id: str
    statement: str
    keywords: tuple[str, ...]
    value: float
    unit: str
    source_url: str
    per: str | None = None
    tolerance: float = 0.01
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    correction: str | None = None
    exclude: tuple[str, ...] = ()
    # Boolean queries (the watchlist's language): a sentence matching one names the fact more closely than any
    # keyword, e.g. '(ca OR "carer's allowance") AND earn*' for the Carer's Allowance earnings limit, where
    # "ca" alone names the allowance itself; checked by analysis.check, run by analysis.claims.
    named_by: tuple[str, ...] = ()

    def valid_on(self, day: dt.date) -> bool:
        return (self.valid_from is None or day >= self.valid_from) and (self.valid_to is None or day <= self.valid_to)


@dataclass(frozen=True)
class Myth:
    id: str
    claim: str
    source_url: str
    variants: tuple[str, ...] = ()
    rebuttal: str | None = None
    keywords: tuple[str, ...] = ()
    # Boolean queries (the watchlist's language) for what a sentence naming the subject says when it
    # asserts the myth in words of its own; checked by analysis.check, run by analysis.myths.
    says: tuple[str, ...] = ()


@dataclass(frozen=True)
class Config:
    directory: Path
    settings: Settings
    sources: tuple[Source, ...]
    watchlist: Watchlist
    facts: tuple[Fact, ...]
    myths: tuple[Myth, ...]
    responses: Responses

    @property
    def templates(self) -> Mapping[str, str]:
        """The response templates by name (``responses.templates``)."""
        return self.responses.templates

    def topic_url(self, topic: str) -> str:
        for entry in self.watchlist.topics:
            if entry.name == topic and entry.url:
                return entry.url
        return self.settings.contact_url


class _Reader:
    """Collects problems while reading fields, so one load reports all of them."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def problem(self, where: str, message: str) -> None:
        self.problems.append(f"{where}: {message}")

    def table(self, directory: Path, filename: str, required: bool = True) -> dict[str, Any]:
        path = directory / filename
        if not path.exists():
            if required:
                self.problem(filename, f"file not found in {directory}")
            return {}
        try:
            return tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            self.problem(filename, f"not valid TOML: {exc}")
            return {}

    def get(self, entry: dict[str, Any], key: str, where: str, kind: type | tuple[type, ...],
            required: bool = True, default: Any = None) -> Any:
        if key not in entry:
            if required:
                self.problem(f"{where}: {key}", "missing")
            return default
        value = entry[key]
        if kind is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
            self.problem(f"{where}: {key}", f"expected {_kind_name(kind)}, got {type(value).__name__} {value!r}")
            return default
        if isinstance(value, str) and required and not value.strip():
            self.problem(f"{where}: {key}", "is empty")
            return default
        return value

    def strings(self, entry: dict[str, Any], key: str, where: str, required: bool = True) -> tuple[str, ...]:
        value = self.get(entry, key, where, list, required=required, default=[])
        bad = [v for v in value if not isinstance(v, str) or not v.strip()]
        if bad:
            self.problem(f"{where}: {key}", f"every item must be a non-empty string, got {bad[0]!r}")
        if required and not value and key in entry:
            self.problem(f"{where}: {key}", "is empty")
        return tuple(v.strip() for v in value if isinstance(v, str) and v.strip())

    def entries(self, data: dict[str, Any], key: str, filename: str) -> list[tuple[str, dict[str, Any]]]:
        value = data.get(key, [])
        if not isinstance(value, list):
            self.problem(f"{filename}: {key}", "must be an array of tables ([[{}]])".format(key))
            return []
        out = []
        for i, entry in enumerate(value, start=1):
            label = entry.get("name") or entry.get("id") if isinstance(entry, dict) else None
            where = f"{filename}: {key}[{i}]" + (f" ({label})" if isinstance(label, str) else "")
            if not isinstance(entry, dict):
                self.problem(where, "must be a table")
                continue
            out.append((where, entry))
        return out


def _kind_name(kind: type | tuple[type, ...]) -> str:
    names = {str: "a string", int: "an integer", float: "a number", bool: "true or false",
             list: "an array", dict: "a table", dt.date: "a date (YYYY-MM-DD)"}
    kinds = kind if isinstance(kind, tuple) else (kind,)
    return " or ".join(names.get(k, k.__name__) for k in kinds)


def load_config(directory: str | Path = DEFAULT_CONFIG_DIR) -> Config:
    """Read every config file in ``directory``; raise ConfigError listing every problem found."""
    directory = Path(directory).resolve()
    reader = _Reader()
    if not directory.is_dir():
        raise ConfigError([f"{directory}: config folder not found"])
    settings = _settings(reader, reader.table(directory, "settings.toml", required=False))
    sources = _sources(reader, reader.table(directory, "sources.toml"), directory)
    watchlist = read_watchlist(reader, reader.table(directory, WATCHLIST_FILE))
    facts_data = reader.table(directory, "facts.toml")
    facts = _facts(reader, facts_data)
    myths = _myths(reader, facts_data)
    responses = read_responses(reader, reader.table(directory, RESPONSES_FILE))
    if reader.problems:
        raise ConfigError(reader.problems)
    return Config(directory, settings, sources, watchlist, facts, myths, responses)


def _settings(reader: _Reader, data: dict[str, Any]) -> Settings:
    values: dict[str, Any] = {}
    for (section, key), (default, _help) in SETTINGS_HELP.items():
        table = data.get(section, {})
        if not isinstance(table, dict):
            reader.problem(f"settings.toml: [{section}]", "must be a table")
            table = {}
        kind: Any = float if isinstance(default, float) else type(default)
        values[f"{section}_{key}"] = reader.get(table, key, f"settings.toml: [{section}]", kind,
                                                required=False, default=default)
    for section, table in data.items():
        for key in table if isinstance(table, dict) else ():
            if (section, key) not in SETTINGS_HELP:
                reader.problem(f"settings.toml: [{section}]: {key}", "unknown setting")
    for section, key in (("fetch", "max_bytes"), ("fetch", "timeout_seconds"), ("fetch", "concurrency"),
                         ("fetch", "per_host_concurrency"), ("schedule", "interval_minutes"),
                         ("schedule", "min_interval_minutes"), ("schedule", "max_interval_minutes"),
                         ("server", "refresh_seconds")):
        if values[f"{section}_{key}"] <= 0:
            reader.problem(f"settings.toml: [{section}]: {key}", "must be positive")
    if values["fetch_per_host_interval_seconds"] < 0:
        reader.problem("settings.toml: [fetch]: per_host_interval_seconds", "must not be negative")
    for key in ("myth_suggest_threshold", "myth_flag_threshold", "short_text_margin"):
        if not 0 <= values[f"claims_{key}"] <= 1:
            reader.problem(f"settings.toml: [claims]: {key}", "must be between 0 and 1")
    if values["claims_myth_suggest_threshold"] > values["claims_myth_flag_threshold"]:
        reader.problem("settings.toml: [claims]", "myth_suggest_threshold is more than myth_flag_threshold")
    if values["schedule_min_interval_minutes"] > values["schedule_max_interval_minutes"]:
        reader.problem("settings.toml: [schedule]", "min_interval_minutes is more than max_interval_minutes")
    return Settings(
        organisation_name=values["organisation_name"], organisation_short_name=values["organisation_short_name"],
        contact_url=values["organisation_contact_url"], db_url=values["storage_url"],
        timeout_seconds=values["fetch_timeout_seconds"], max_bytes=values["fetch_max_bytes"],
        user_agent=values["fetch_user_agent"], allow_private_addresses=values["fetch_allow_private_addresses"],
        concurrency=values["fetch_concurrency"], per_host_concurrency=values["fetch_per_host_concurrency"],
        per_host_interval_seconds=values["fetch_per_host_interval_seconds"],
        interval_minutes=values["schedule_interval_minutes"],
        min_interval_minutes=values["schedule_min_interval_minutes"],
        max_interval_minutes=values["schedule_max_interval_minutes"], server_address=values["server_address"],
        server_port=values["server_port"], myth_suggest_threshold=values["claims_myth_suggest_threshold"],
        myth_flag_threshold=values["claims_myth_flag_threshold"], short_text_margin=values["claims_short_text_margin"],
        refresh_seconds=values["server_refresh_seconds"], **feature_settings(reader, values),
    )


def _sources(reader: _Reader, data: dict[str, Any], directory: Path) -> tuple[Source, ...]:
    out: list[Source] = []
    seen: set[str] = set()
    for where, entry in reader.entries(data, "sources", "sources.toml"):
        name = reader.get(entry, "name", where, str)
        kind = reader.get(entry, "kind", where, str)
        channel = reader.get(entry, "channel", where, str)
        url = reader.get(entry, "url", where, str, required=False)
        path = reader.get(entry, "path", where, str, required=False)
        base_url = reader.get(entry, "base_url", where, str, required=False)
        enabled = reader.get(entry, "enabled", where, bool, required=False, default=True)
        interval = reader.get(entry, "interval_minutes", where, float, required=False)
        if interval is not None and interval <= 0:
            reader.problem(f"{where}: interval_minutes", "must be positive")
        if kind is not None and kind not in SOURCE_KINDS:
            reader.problem(f"{where}: kind", f"unknown kind {kind!r}; expected one of {', '.join(SOURCE_KINDS)}")
        if channel is not None and channel not in CHANNELS:
            reader.problem(f"{where}: channel", f"unknown channel {channel!r}; expected one of {', '.join(CHANNELS)}")
        if (url is None) == (path is None):
            reader.problem(where, "give exactly one of url or path")
        if url is not None and not url.lower().startswith(("http://", "https://")):
            reader.problem(f"{where}: url", f"only http and https addresses are fetched, got {url!r}")
        if name in seen:
            reader.problem(f"{where}: name", f"duplicate source name {name!r}")
        seen.add(name or "")
        resolved = (directory / path).resolve() if path else None
        out.append(Source(name or "", kind or "feed", channel or "news", url, resolved, base_url, enabled, interval))
    return tuple(out)


def _date(reader: _Reader, entry: dict[str, Any], key: str, where: str) -> dt.date | None:
    value = reader.get(entry, key, where, dt.date, required=False)
    if isinstance(value, dt.datetime):
        value = value.date()
    return value


def _facts(reader: _Reader, data: dict[str, Any]) -> tuple[Fact, ...]:
    out: list[Fact] = []
    ids: set[str] = set()
    for where, entry in reader.entries(data, "facts", "facts.toml"):
        fid = reader.get(entry, "id", where, str)
        value = reader.get(entry, "value", where, float)
        unit = reader.get(entry, "unit", where, str)
        per = reader.get(entry, "per", where, str, required=False)
        tolerance = reader.get(entry, "tolerance", where, float, required=False, default=0.01)
        fact = Fact(
            id=fid or "", statement=reader.get(entry, "statement", where, str) or "",
            keywords=reader.strings(entry, "keywords", where), value=value if value is not None else 0.0,
            unit=unit or "", source_url=reader.get(entry, "source_url", where, str) or "", per=per,
            tolerance=tolerance, valid_from=_date(reader, entry, "valid_from", where),
            valid_to=_date(reader, entry, "valid_to", where),
            correction=reader.get(entry, "correction", where, str, required=False),
            exclude=reader.strings(entry, "exclude", where, required=False),
            named_by=reader.strings(entry, "named_by", where, required=False),
        )
        _known_keys(reader, entry, where, _FACT_KEYS)
        if unit is not None and unit not in UNITS:
            reader.problem(f"{where}: unit", f"unknown unit {unit!r}; expected one of {', '.join(UNITS)}")
        if per is not None and per not in PERIODS:
            reader.problem(f"{where}: per", f"unknown period {per!r}; expected one of {', '.join(PERIODS)}")
        if not 0 <= tolerance < 1:
            reader.problem(f"{where}: tolerance", "must be a fraction between 0 and 1, e.g. 0.01")
        if fact.valid_from and fact.valid_to and fact.valid_from > fact.valid_to:
            reader.problem(f"{where}: valid_to", "is before valid_from")
        _unique(reader, ids, fid, where)
        out.append(fact)
    return tuple(out)


def _myths(reader: _Reader, data: dict[str, Any]) -> tuple[Myth, ...]:
    out: list[Myth] = []
    ids = {f.get("id") for f in data.get("facts", []) if isinstance(f, dict)}
    for where, entry in reader.entries(data, "myths", "facts.toml"):
        mid = reader.get(entry, "id", where, str)
        _unique(reader, ids, mid, where)
        out.append(Myth(
            id=mid or "", claim=reader.get(entry, "claim", where, str) or "",
            source_url=reader.get(entry, "source_url", where, str) or "",
            variants=reader.strings(entry, "variants", where, required=False),
            rebuttal=reader.get(entry, "rebuttal", where, str, required=False),
            keywords=reader.strings(entry, "keywords", where, required=False),
            says=reader.strings(entry, "says", where, required=False),
        ))
        _known_keys(reader, entry, where, _MYTH_KEYS)
    return tuple(out)


_FACT_KEYS = frozenset({"id", "statement", "keywords", "exclude", "value", "unit", "per", "tolerance", "valid_from",
                        "valid_to", "source_url", "correction", "named_by"})
_MYTH_KEYS = frozenset({"id", "claim", "variants", "keywords", "source_url", "rebuttal", "says"})


def _known_keys(reader: _Reader, entry: dict[str, Any], where: str, allowed: frozenset[str]) -> None:
    for key in sorted(set(entry) - allowed):
        reader.problem(f"{where}: {key}", f"unknown field; expected one of {', '.join(sorted(allowed))}")


def _unique(reader: _Reader, ids: set[Any], value: str | None, where: str) -> None:
    if value is None:
        return
    if value in ids:
        reader.problem(f"{where}: id", f"duplicate id {value!r}")
    if ";" in value:
        reader.problem(f"{where}: id", "must not contain ';' (used to join ids in exports)")
    ids.add(value)


def database_url(settings: Settings, override: str | None = None) -> str:
    """The store's URL: ``--db`` if given, else LISTENING_DB_URL, else settings.toml's [storage] url."""
    return override or os.environ.get("LISTENING_DB_URL") or settings.db_url


def config_dir(override: str | Path | None = None) -> Path:
    """The config folder: ``--config`` if given, else LISTENING_CONFIG_DIR, else the shipped config/."""
    return Path(override or os.environ.get("LISTENING_CONFIG_DIR") or DEFAULT_CONFIG_DIR).resolve()
