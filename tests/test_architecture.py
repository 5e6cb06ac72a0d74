"""The shape of the code: imports flow one way, Streamlit, HTTP and SQL each stay in their place."""

from __future__ import annotations

import ast
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
CODE = [p for p in PROJECT.rglob("*.py")
        if not any(part in {".venv", "tests", "bench", "scripts", "__pycache__"} for part in p.relative_to(PROJECT).parts)]


def imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found


def where(module: str) -> set[str]:
    return {str(p.relative_to(PROJECT)) for p in CODE if module in imports(p)}


def test_there_is_code_to_check() -> None:
    assert len(CODE) > 20


def test_streamlit_only_in_the_dashboard() -> None:
    assert all(p == "dashboard.py" or p.startswith("views/") for p in where("streamlit")), where("streamlit")


def test_http_only_in_the_fetch_module() -> None:
    allowed = {"collectors/fetch.py", "collectors/__init__.py", "pipeline.py",  # the latter two only pass a client
               "delivery/webhook.py"}  # posts alerts out; fetches nothing
    assert where("httpx") <= allowed, where("httpx")
    assert not where("requests") and not where("urllib3")


def test_sql_only_in_storage() -> None:
    assert all(p.startswith("storage/") for p in where("sqlalchemy")), where("sqlalchemy")
    assert not where("sqlite3")


def test_imports_flow_one_way() -> None:
    layers = {"mention": set(), "config": {"mention"}, "collectors": {"mention", "config"},
              "analysis": {"mention", "config"}, "storage": {"mention", "config"},
              "reports": {"mention", "config"}, "schedule": {"mention", "config"},
              "delivery": {"mention", "config", "analysis"}}
    ours = {"mention", "config", "collectors", "analysis", "storage", "reports", "schedule", "pipeline", "cli",
            "views", "dashboard", "delivery"}
    for path in CODE:
        top = path.relative_to(PROJECT).parts[0].removesuffix(".py")
        if top not in layers:
            continue
        used = (imports(path) & ours) - {top}
        assert used <= layers[top], f"{path.relative_to(PROJECT)} imports {used - layers[top]}"


def test_feed_content_is_never_rendered_as_html() -> None:
    for path in CODE:
        assert "unsafe_allow_html" not in path.read_text(encoding="utf-8"), path
