"""Shared fixtures: real files, a real HTTP server on 127.0.0.1, a real SQLite store in tmp_path."""

from __future__ import annotations

import datetime as dt
import shutil
import threading
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

import pipeline
from config import Config, load_config
from storage import Filters, Store, queries

PROJECT = Path(__file__).resolve().parent.parent
REALDATA = PROJECT.parent / "shared" / "realdata"
SAMPLE_FEEDS = PROJECT / "sample_feeds"
NOW = dt.datetime(2025, 11, 1, 9, 0, tzinfo=dt.timezone.utc)
PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def realdata(*parts: str) -> Path:
    """A path under ../shared/realdata, skipping the test with a reason when it is absent."""
    path = REALDATA.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"real test data not present at {path} (it lives beside the project in ../shared/realdata)")
    return path


def copy_config(target: Path, local_fetching: bool = True) -> Path:
    """A copy of the shipped config in ``target`` whose relative paths still point at the bundled sample
    feeds; ``local_fetching`` lets it fetch from 127.0.0.1 (which the SSRF guard refuses) without spacing."""
    target.mkdir()
    for toml in (PROJECT / "config").glob("*.toml"):
        text = toml.read_text(encoding="utf-8")
        if toml.name == "sources.toml":
            text = text.replace('path = "../sample_feeds/', f'path = "{SAMPLE_FEEDS}/')
        if toml.name == "settings.toml" and local_fetching:
            text = text.replace("allow_private_addresses = false", "allow_private_addresses = true")
            text = text.replace("per_host_interval_seconds = 1.0", "per_host_interval_seconds = 0.0")
        (target / toml.name).write_text(text, encoding="utf-8")
    return target


def collect_sample(folder: Path) -> tuple[Path, Path]:
    """(a SQLite file collected from the sample feeds, its config folder as shipped) under ``folder``.

    The file is self-contained (WAL checkpointed), so a test may copy it and change the copy."""
    config_dir = copy_config(folder / "config", local_fetching=False)
    database = folder / "sample.db"
    store = Store.open(f"sqlite:///{database}")
    pipeline.collect(load_config(config_dir), store, now=NOW)
    with store.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    return database, config_dir


@pytest.fixture(scope="module")
def sample_collected(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A store filled from the sample feeds once per test module (its file), and its config folder."""
    return collect_sample(tmp_path_factory.mktemp("sample"))


@pytest.fixture
def sample_db(sample_collected: tuple[Path, Path], tmp_path: Path) -> Path:
    """A copy of the sample store that one test may change without touching the others."""
    copy = tmp_path / "copy.db"
    shutil.copyfile(sample_collected[0], copy)
    return copy


@pytest.fixture
def sample_app(sample_db: Path, sample_collected: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch) -> Any:
    """The dashboard (Streamlit AppTest) over the copy of the sample store."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("LISTENING_DB_URL", f"sqlite:///{sample_db}")
    monkeypatch.setenv("LISTENING_CONFIG_DIR", str(sample_collected[1]))
    st.cache_data.clear()
    st.cache_resource.clear()
    return AppTest.from_file(str(PROJECT / "dashboard.py"), default_timeout=60)


@pytest.fixture
def sample_store(sample_db: Path) -> Iterator[Store]:
    """The copy of the sample store the dashboard of ``sample_app`` shows."""
    opened = Store.open(f"sqlite:///{sample_db}")
    yield opened
    opened.close()


def default_filter(store: Store, **narrower: tuple[str, ...]) -> Filters:
    """The sidebar's starting filter: the newest 90 days of stored mentions."""
    options = queries.options(store)
    first = max(options["first_day"], options["last_day"] - dt.timedelta(days=89))
    return Filters(date_from=first, date_to=options["last_day"], **narrower)


@pytest.fixture
def config_dir(tmp_path: Path) -> Path:
    """A copy of the shipped config whose relative paths still point at the bundled sample feeds."""
    return copy_config(tmp_path / "config")


@pytest.fixture
def config(config_dir: Path) -> Config:
    return load_config(config_dir)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = Store.open(f"sqlite:///{tmp_path / 'listening.db'}")
    yield opened
    opened.close()


@pytest.fixture(params=["sqlite", "postgresql"])
def any_store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """An empty store on SQLite, or in a fresh schema of the local PostgreSQL (skipped when it is not running)."""
    if request.param == "sqlite":
        store = Store.open(f"sqlite:///{tmp_path / 'db.sqlite'}")
        yield store
        store.close()
        return
    schema = f"lp_{uuid.uuid4().hex[:10]}"
    try:
        admin = sa.create_engine(PG_URL)
        with admin.begin() as conn:
            conn.execute(sa.text(f"CREATE SCHEMA {schema}"))
    except Exception as exc:  # pragma: no cover - depends on the machine
        pytest.skip(f"PostgreSQL is not reachable at {PG_URL}: {exc}")
    store = Store.open(f"{PG_URL}?options=-csearch_path%3D{schema}")
    yield store
    store.close()
    with admin.begin() as conn:
        conn.execute(sa.text(f"DROP SCHEMA {schema} CASCADE"))
    admin.dispose()


def write_sources(config_dir: Path, entries: list[dict[str, str]]) -> None:
    """Replace sources.toml in ``config_dir`` with ``entries``."""
    lines = []
    for entry in entries:
        lines.append("[[sources]]")
        lines.extend(f'{key} = "{value}"' for key, value in entry.items())
        lines.append("")
    (config_dir / "sources.toml").write_text("\n".join(lines), encoding="utf-8")


Handler = Callable[[BaseHTTPRequestHandler], None]


@dataclass
class Route:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    handler: Handler | None = None  # full control: slow, endless or broken responses


class LocalServer:
    """A real HTTP server on 127.0.0.1 with routes set by each test."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.posts: list[tuple[str, dict[str, str], bytes]] = []  # (path, headers, body) of each POST
        server = self

        class _Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (http.server's name)
                server.requests.append((self.path, dict(self.headers)))
                self._respond()

            def do_POST(self) -> None:  # noqa: N802 (http.server's name)
                length = self.headers.get("Content-Length", "")
                body = self.rfile.read(int(length)) if length.isdigit() else b""
                server.posts.append((self.path, dict(self.headers), body))
                self._respond()

            def _respond(self) -> None:
                route = server.routes.get(self.path.split("?")[0])
                if route is None:
                    self.send_error(404, "Not Found")
                    return
                if route.handler is not None:
                    route.handler(self)
                    return
                self.send_response(route.status)
                for key, value in route.headers.items():
                    self.send_header(key, value)
                if "Content-Length" not in route.headers:
                    self.send_header("Content-Length", str(len(route.body)))
                self.end_headers()
                self.wfile.write(route.body)

            def log_message(self, *args: object) -> None:
                return

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def url(self, path: str) -> str:
        return self.base + path

    def serve_file(self, path: str, file: Path, content_type: str = "application/xml") -> str:
        self.routes[path] = Route(body=file.read_bytes(), headers={"Content-Type": content_type})
        return self.url(path)


@pytest.fixture
def http_server() -> Iterator[LocalServer]:
    server = LocalServer()
    server.thread.start()
    yield server
    server.httpd.shutdown()
    server.httpd.server_close()


@pytest.fixture
def project_dir() -> Path:
    return PROJECT


def copy_tree(src: Path, dst: Path) -> Path:
    shutil.copytree(src, dst)
    return dst
