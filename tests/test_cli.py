"""The command line, run as a user would: real config folders, real files, a real SQLite store."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import cli
from storage import Filters, Store, queries
from tests.conftest import PROJECT


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.output


@pytest.fixture
def db(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'cli.db'}"


def test_every_command_has_help() -> None:
    for command in ("collect", "analyse", "retag", "export", "serve", "bootstrap", "check-config"):
        done = subprocess.run([sys.executable, "cli.py", command, "--help"], cwd=PROJECT, capture_output=True, text=True)
        assert done.returncode == 0 and "Usage:" in done.stdout and "--help" in done.stdout, command


def test_collect_then_export_the_filter(config_dir: Path, db: str, tmp_path: Path) -> None:
    code, out = run("--config", str(config_dir), "--db", db, "collect")
    assert code == 0
    assert "FAILED  Parish Council news (broken): not a feed: got an HTML page" in out
    assert "11 source(s): 10 ok (0 unchanged), 1 failed; 450 new mention(s)" in out
    code, out = run("--config", str(config_dir), "--db", db, "collect")
    assert "0 new mention(s)" in out
    target = tmp_path / "pension.csv"
    code, out = run("--config", str(config_dir), "--db", db, "export", "--output", str(target),
                    "--topic", "State Pension", "--from", "2025-09-01", "--to", "2025-10-31", "--bom")
    assert code == 0
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert out.strip().endswith(f"exported {len(rows)} mention(s) -> {target}")
    assert rows and all("State Pension" in r["topics"].split(";") for r in rows)
    assert all(r["published_at"].endswith("Z") for r in rows)


def test_export_the_summary_reports_for_a_meeting(config_dir: Path, db: str, tmp_path: Path) -> None:
    run("--config", str(config_dir), "--db", db, "collect")
    store = Store.open(db)
    october = Filters(date_from=dt.date(2025, 10, 1), date_to=dt.date(2025, 10, 31), statuses=("new",))
    totals, voices = queries.totals(store, october), queries.voices(store, october)
    candidates = queries.count_candidates(store, october, "all")
    store.close()
    window = ("--from", "2025-10-01", "--to", "2025-10-31", "--status", "new")
    target = tmp_path / "weekly.csv"
    code, out = run("--config", str(config_dir), "--db", db, "export", "--report", "daily-topics", "--period", "week",
                    "--output", str(target), *window)
    assert code == 0, out
    rows = list(csv.DictReader(target.open(encoding="utf-8", newline="")))
    assert out.strip().endswith(f"exported {len(rows)} row(s) -> {target}")
    everything = [r for r in rows if r["topic"] == "(all mentions)"]
    assert [r["period"] for r in everything] == ["2025-09-29", "2025-10-06", "2025-10-13", "2025-10-20", "2025-10-27"]
    assert sum(int(r["mentions"]) for r in everything) == totals["mentions"]
    assert sum(int(r["questions"]) for r in everything) == totals["questions"]

    code, out = run("--config", str(config_dir), "--db", db, "export", "--report", "share-of-voice", "--output",
                    str(target), *window)
    rows = list(csv.DictReader(target.open(encoding="utf-8", newline="")))
    assert code == 0 and sum(int(r["mentions"]) for r in rows) == voices["mentions"].sum()
    assert {r["voice"] for r in rows if r["role"] == "own"} == {"DWP"}

    code, out = run("--config", str(config_dir), "--db", db, "export", "--report", "inaccuracies", "--output",
                    str(target), *window)
    assert code == 0 and out.strip().endswith(f"exported {candidates} candidate(s) -> {target}") and candidates

    code, out = run("--config", str(config_dir), "--db", db, "export", "--report", "mentions", "--period", "week",
                    "--output", str(target))
    assert code == 2 and "--period applies to daily-topics, share-of-voice, not mentions" in out
    code, out = run("--config", str(config_dir), "--db", db, "export", "--output", str(tmp_path / "nowhere" / "x.csv"))
    assert code == 1 and "cannot write" in out and "nowhere" in out


def test_export_the_response_and_audit_logs(config_dir: Path, db: str, tmp_path: Path) -> None:
    run("--config", str(config_dir), "--db", db, "collect")
    store = Store.open(db)
    first = queries.inbox(store, Filters(), limit=2)["mention_id"].tolist()
    state = store.update_triage(first[0], 0, "Sam", status="in_review", note="+44 20 7946 0000 called")
    store.record_response(first[0], state.version, "Sam", "The official figure is on GOV.UK.", "answer")
    store.update_triage(first[1], 0, "Jo", assignee="Jo")
    store.close()
    for report, noun, expected in (("responses", "response(s)", 1), ("audit", "action(s)", 5)):
        target = tmp_path / f"{report}.csv"
        code, out = run("--config", str(config_dir), "--db", db, "export", "--report", report, "--output", str(target))
        assert code == 0 and out.strip().endswith(f"exported {expected} {noun} -> {target}")
        rows = list(csv.DictReader(target.open(encoding="utf-8", newline="")))
        assert len(rows) == expected
    rows = list(csv.DictReader((tmp_path / "audit.csv").open(encoding="utf-8", newline="")))
    assert [(r["mention_id"], r["action"], r["acted_by"]) for r in rows] == [
        (first[0], "status", "Sam"), (first[0], "note", "Sam"), (first[0], "status", "Sam"),
        (first[0], "response", "Sam"), (first[1], "assignee", "Jo")]
    assert rows[1]["after"] == "'+44 20 7946 0000 called" and rows[0]["acted_at"].endswith("Z")
    response = next(csv.DictReader((tmp_path / "responses.csv").open(encoding="utf-8", newline="")))
    assert (response["mention_id"], response["kind"], response["responded_by"]) == (first[0], "answer", "Sam")


def test_analyse_a_file_offline(config_dir: Path, tmp_path: Path) -> None:
    posts = tmp_path / "posts.csv"
    posts.write_text(
        "id,title,text,url,author,source,published\n"
        "p1,,The full new State Pension is only £221.20 a week.,https://x.example/1,ann,X,2025-09-10T10:00:00Z\n"
        "p2,Question,How much is Pension Credit now?,,bob,X,2025-09-11\n"
        "p3,,=HYPERLINK(\"http://evil.example\"),,,X,not a date\n"
        ",,row without id,,,,\n", encoding="utf-8")
    output = tmp_path / "out.csv"
    result = CliRunner().invoke(cli, ["--config", str(config_dir), "analyse", "--input", str(posts),
                                      "--output", str(output)])
    assert result.exit_code == 0, result.output
    assert "posts.csv: line 5: missing id; row skipped" in result.output
    assert "posts.csv: line 4: published 'not a date' is not a date" in result.output
    rows = {r["id"]: r for r in csv.DictReader(output.open(encoding="utf-8", newline=""))}
    assert list(rows) == ["p1", "p2", "p3"]
    assert rows["p1"]["inaccuracy_ids"] == "nsp-2025" and rows["p1"]["topics"] == "State Pension"
    assert "£230.25 a week" in rows["p1"]["suggested_response"]
    assert rows["p2"]["is_question"] == "true" and rows["p2"]["response_kind"] == "answer"
    assert rows["p2"]["sentiment_label"] in {"positive", "neutral", "negative"}
    assert set(rows["p1"]) >= {"id", "topics", "voices", "sentiment", "sentiment_label", "is_question",
                               "inaccuracy_ids", "suggested_response"}


def test_analyse_jsonl(config_dir: Path, tmp_path: Path) -> None:
    posts = tmp_path / "posts.jsonl"
    posts.write_text("\n".join([json.dumps({"id": 1, "text": "The national living wage is £11.44 an hour.",
                                            "published": "2025-06-01"}),
                                "{broken", json.dumps({"id": 2, "text": "Thanks Age UK, brilliant help!"})]),
                     encoding="utf-8")
    output = tmp_path / "out.csv"
    result = CliRunner().invoke(cli, ["--config", str(config_dir), "analyse", "--input", str(posts), "--output", str(output)])
    assert result.exit_code == 0 and "posts.jsonl: line 2: not valid JSON" in result.output
    rows = list(csv.DictReader(output.open(encoding="utf-8", newline="")))
    assert [(r["id"], r["inaccuracy_ids"], r["voices"]) for r in rows] == [("1", "nlw-2025", ""), ("2", "", "Age UK")]


def test_user_errors_are_one_clear_message(config_dir: Path, tmp_path: Path, db: str) -> None:
    (config_dir / "sources.toml").write_text('[[sources]]\nname = "X"\nkind = "feed"\nchannel = "tv"\npath = "a"\n',
                                             encoding="utf-8")
    code, out = run("--config", str(config_dir), "--db", db, "collect")
    assert code == 1 and "sources.toml: sources[1] (X): channel: unknown channel 'tv'" in out
    code, out = run("--config", str(PROJECT / "config"), "--db", db, "collect", "--source", "Nope")
    assert code == 1 and "unknown source(s): Nope" in out
    code, out = run("--config", str(PROJECT / "config"), "analyse", "--input", str(tmp_path / "none.csv"),
                    "--output", str(tmp_path / "o.csv"))
    assert code == 1 and "none.csv: file not found" in out
    bad = tmp_path / "noid.csv"
    bad.write_text("title,text\na,b\n", encoding="utf-8")
    code, out = run("--config", str(PROJECT / "config"), "analyse", "--input", str(bad), "--output", str(tmp_path / "o.csv"))
    assert code == 1 and "line 1: no 'id' column (found: title, text)" in out
    code, out = run("--config", str(PROJECT / "config"), "--db", "nosuchdriver://x", "collect")
    assert code == 1 and "cannot open the database 'nosuchdriver://x'" in out


def test_a_broken_sentiment_lexicon_is_a_config_error(config_dir: Path, db: str) -> None:
    (config_dir / "lexicon.toml").write_text('[[terms]]\nterm = "cost of living"\nvalence = 9\nwhy = "x"\n',
                                             encoding="utf-8")
    code, out = run("--config", str(config_dir), "--db", db, "collect")
    assert code == 1 and "lexicon.toml: terms[1]" in out and "valence" in out


def test_retag_after_editing_the_watchlist_by_hand(config_dir: Path, db: str) -> None:
    run("--config", str(config_dir), "--db", db, "collect")
    path = config_dir / "watchlist.toml"
    path.write_text(path.read_text(encoding="utf-8") + "\n[[topics]]\nname = \"Triple lock\"\nquery = '\"triple lock\"'\n",
                    encoding="utf-8")
    code, out = run("--config", str(config_dir), "--db", db, "retag")
    assert code == 0 and out.strip() == "re-tagged 450 stored mention(s)"
    from storage import Filters, Store, queries
    store = Store.open(db)
    tagged = queries.page(store, Filters(topics=("Triple lock",)), limit=500)
    assert len(tagged) > 0 and all("triple lock" in f"{t} {x}".lower() for t, x in zip(tagged["title"], tagged["text"]))


def test_check_config_names_a_broken_query_and_warns_about_costly_ones(config_dir: Path) -> None:
    path = config_dir / "watchlist.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("query = '\"pension credit\"'", "query = '\"pension credit\" OR pe*'"), encoding="utf-8")
    code, out = run("--config", str(config_dir), "check-config")
    assert code == 0 and out.splitlines()[-1] == ("warning: watchlist.toml: topics[2] (Pension Credit): query: wildcard "
                                                  "'pe*' at 21 has fewer than 3 letters: slow and broad")
    path.write_text(text.replace("query = '\"pension credit\"'", "query = '\"pension credit'"), encoding="utf-8")
    result = CliRunner().invoke(cli, ["--config", str(config_dir), "check-config"])
    assert result.exit_code == 1
    assert "watchlist.toml: topics[2] (Pension Credit): query: unclosed quote at 1\n" in result.output


def test_check_config_names_a_broken_myth_query(config_dir: Path) -> None:
    facts = config_dir / "facts.toml"
    facts.write_text(facts.read_text(encoding="utf-8").replace("says = [\n  '(70 OR", "says = [\n  '((70 OR", 1),
                     encoding="utf-8")
    result = CliRunner().invoke(cli, ["--config", str(config_dir), "check-config"])
    assert result.exit_code == 1
    assert "facts.toml: myths[2] (myth-spa-70): says[1]: " in result.output and "at 1" in result.output
