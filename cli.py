"""Command line: thin click commands over pipeline, storage and reports. Every command has --help.

    python cli.py collect            fetch every source into the store
    python cli.py analyse --input posts.csv --output out.csv   analyse a file offline
    python cli.py export --output mentions.csv --topic "State Pension"
    python cli.py serve              first start: collect if empty, then the dashboard
    python cli.py watch              poll sources when due; evaluate alerts; send the daily digest
    python cli.py alerts             evaluate alerts now
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import click

import alerting
import pipeline
from analysis import check
from collectors.posts_file import PostsFileError, read_posts
from config import PROJECT_DIR, Config, ConfigError, config_dir, database_url, load_config
from report_catalogue import REPORTS
from report_catalogue import export as export_report
from reports import to_csv
from storage import Filters, Store, queries
from storage import stories as storage_stories
from storage.aggregates import PERIODS
from storage.triage import STATUSES

ANALYSE_COLUMNS = ("id", "topics", "voices", "matches", "sentiment", "sentiment_label", "is_question",
                   "question_kind", "inaccuracy_ids", "inaccuracy_detail", "inaccuracies", "response_kind",
                   "suggested_response", "response_reason")


class Context:
    def __init__(self, config_path: str | None, db: str | None) -> None:
        self.config_path, self.db = config_path, db
        self.warnings: list[str] = []

    def config(self) -> Config:
        try:
            config = load_config(config_dir(self.config_path))
            self.warnings = check(config)  # watchlist queries and the sentiment lexicon are config too
            return config
        except ConfigError as exc:
            raise click.ClickException(f"{exc}\nFix the files above and run the command again.") from None

    def store(self, config: Config) -> Store:
        url = database_url(config.settings, self.db)
        try:
            return Store.open(url, PROJECT_DIR)
        except Exception as exc:  # a bad URL or an unreachable server: one line with the fix
            raise click.ClickException(f"cannot open the database {url!r}: {exc}. "
                                       "Check --db, LISTENING_DB_URL or [storage] url in settings.toml.") from None


@click.group()
@click.option("--config", "config_path", metavar="DIR", help="Config folder (default: ./config or LISTENING_CONFIG_DIR).")
@click.option("--db", metavar="URL", help="SQLAlchemy database URL (default: LISTENING_DB_URL or settings.toml).")
@click.option("-v", "--verbose", is_flag=True, help="Log details to stderr.")
@click.pass_context
def cli(ctx: click.Context, config_path: str | None, db: str | None, verbose: bool) -> None:
    """Listening Post: social-media monitoring for public-sector communications teams."""
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    ctx.obj = Context(config_path, db)


def _print_run(run: pipeline.SourceRun) -> None:
    if run.error:
        click.echo(f"  FAILED  {run.source}: {run.error}")
    elif run.unchanged:
        click.echo(f"  ok      {run.source}: unchanged since the last poll")
    else:
        click.echo(f"  ok      {run.source}: {run.items} item(s), {run.new} new")
    if run.note:
        click.echo(f"          note: {run.note}")


@cli.command()
@click.option("--source", "sources", multiple=True, metavar="NAME", help="Collect only this source (repeatable).")
@click.pass_obj
def collect(obj: Context, sources: tuple[str, ...]) -> None:
    """Fetch every enabled source, analyse the items and store them (idempotent)."""
    config = obj.config()
    unknown = set(sources) - {s.name for s in config.sources}
    if unknown:
        raise click.ClickException(f"unknown source(s): {', '.join(sorted(unknown))}; see sources.toml")
    store = obj.store(config)
    report = pipeline.collect(config, store, only=sources or None, progress=_print_run)
    click.echo(report.summary())


@cli.command()
@click.pass_obj
def bootstrap(obj: Context) -> None:
    """Collect the configured sources if the store is empty (what `make run` does first)."""
    config = obj.config()
    report = pipeline.bootstrap(config, obj.store(config))
    click.echo("store already has mentions; nothing to do" if report is None else report.summary())


@cli.command()
@click.option("--input", "input_path", type=click.Path(path_type=Path), help="CSV or JSONL posts to analyse offline.")
@click.option("--output", "output_path", type=click.Path(path_type=Path), help="Where to write the analysis CSV.")
@click.pass_obj
def analyse(obj: Context, input_path: Path | None, output_path: Path | None) -> None:
    """Analyse posts from a file (--input/--output, offline), or re-analyse the whole store."""
    config = obj.config()
    if input_path is None:
        if output_path is not None:
            raise click.UsageError("--output needs --input")
        click.echo(f"re-analysed {pipeline.reanalyse(config, obj.store(config))} stored mention(s)")
        return
    if output_path is None:
        raise click.UsageError("--input needs --output")
    try:
        posts = read_posts(input_path, pipeline.utc_now())
    except (PostsFileError, OSError) as exc:
        raise click.ClickException(str(exc)) from None
    for problem in posts.problems:
        click.echo(f"warning: {problem}", err=True)
    result = pipeline.analyse_posts(posts.frame, config)
    result.insert(0, "id", posts.ids)
    rows, _ = to_csv([result], output_path, columns=ANALYSE_COLUMNS)
    click.echo(f"analysed {rows} post(s) -> {output_path}")


@cli.command()
@click.pass_obj
def retag(obj: Context) -> None:
    """Tag every stored mention again with the current watchlist (after editing watchlist.toml); nothing is fetched."""
    config = obj.config()
    click.echo(f"re-tagged {pipeline.retag(config, obj.store(config))} stored mention(s)")


@cli.command()
@click.option("--regroup", is_flag=True, help="Forget every grouping first (after changing [stories] thresholds).")
@click.pass_obj
def stories(obj: Context, regroup: bool) -> None:
    """Group stored mentions not yet in a story (collecting does this for what it brings)."""
    config = obj.config()
    store = obj.store(config)
    if regroup:
        click.echo(f"forgot the grouping of {storage_stories.reset(store)} mention(s)")
    grouped = pipeline.group_stories(config, store)
    click.echo(f"grouped {grouped} mention(s); {storage_stories.count_pending(store)} waiting")


@cli.command()
@click.option("--at", "at", metavar="YYYY-MM-DDTHH:MM", help="Evaluate as of this UTC time (default: now).")
@click.option("--no-send", is_flag=True, help="Store the alerts but do not email or post them.")
@click.pass_obj
def alerts(obj: Context, at: str | None, no_send: bool) -> None:
    """Evaluate alerts now: spikes, negative surges, stories reaching the news, wide-reach flags, silent sources."""
    config = obj.config()
    try:
        when = dt.datetime.fromisoformat(at) if at else pipeline.utc_now()
    except ValueError:
        raise click.BadParameter(f"expected a time like 2025-11-03T09:00, got {at!r}", param_hint="--at") from None
    when = when if when.tzinfo else when.replace(tzinfo=dt.timezone.utc)
    raised = alerting.evaluate(config, obj.store(config), when, send=not no_send)
    for alert in raised:
        click.echo(f"{alert.kind}: {alert.title}")
    click.echo(f"{len(raised)} alert(s) raised at {when:%Y-%m-%d %H:%M} UTC")


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


@cli.command()
@click.option("--output", "output_path", type=click.Path(path_type=Path), required=True, help="CSV file to write.")
@click.option("--from", "date_from", metavar="YYYY-MM-DD", help="First day (UTC), inclusive.")
@click.option("--to", "date_to", metavar="YYYY-MM-DD", help="Last day (UTC), inclusive.")
@click.option("--topic", multiple=True, help="Only mentions of this topic (repeatable).")
@click.option("--voice", multiple=True, help="Only mentions of this voice (repeatable).")
@click.option("--channel", multiple=True, help="Only this channel (repeatable).")
@click.option("--source", multiple=True, help="Only this source (repeatable).")
@click.option("--sentiment", multiple=True, type=click.Choice(["positive", "neutral", "negative"]))
@click.option("--flag", multiple=True, type=click.Choice(sorted(queries.FLAGS)), help="Only flagged mentions.")
@click.option("--bom", is_flag=True, help="Start the file with a UTF-8 byte-order mark (for Excel).")
@click.option("--status", multiple=True, type=click.Choice(STATUSES), help="Only this triage status (repeatable).")
@click.option("--search", default="", help="Only mentions with these words in the title or text.")
@click.option("--report", type=click.Choice(list(REPORTS)), default="mentions", show_default=True,
              help="; ".join(f"{r.name}: {r.title.lower()}" for r in REPORTS.values()) + ".")
@click.option("--period", type=click.Choice(list(PERIODS)), help="Rows per day, week or month (daily-topics: day; "
              "share-of-voice: week).")
@click.pass_obj
def export(obj: Context, output_path: Path, date_from: str | None, date_to: str | None, topic: tuple[str, ...],
           voice: tuple[str, ...], channel: tuple[str, ...], source: tuple[str, ...], sentiment: tuple[str, ...],
           flag: tuple[str, ...], status: tuple[str, ...], search: str, bom: bool, report: str,
           period: str | None) -> None:
    """Export a report of the stored mentions matching the filter as CSV (columns are described in the README)."""
    try:
        filters = Filters(_date(date_from), _date(date_to), topic, voice, channel, source, sentiment, flag, search,
                          status)
    except ValueError as exc:
        raise click.BadParameter(f"dates are YYYY-MM-DD: {exc}") from None
    chosen = REPORTS[report]
    if period and not chosen.periodic:
        raise click.BadParameter(f"--period applies to {', '.join(r.name for r in REPORTS.values() if r.periodic)}, "
                                 f"not {report}")
    config = obj.config()
    own = config.watchlist.own_voice
    options = {"period": period} if period else {}
    try:
        rows, _ = export_report(report, obj.store(config), filters, output_path, bom=bom, own=own, **options)
    except OSError as exc:
        raise click.ClickException(f"cannot write {output_path}: {exc.strerror or exc}") from None
    click.echo(f"exported {rows} {chosen.noun} -> {output_path}")


@cli.command()
@click.option("--address", help="Address to bind (default: [server] address in settings.toml, 127.0.0.1).")
@click.option("--port", type=int, help="Port (default: [server] port in settings.toml, 8501).")
@click.pass_obj
def serve(obj: Context, address: str | None, port: int | None) -> None:
    """Collect the sample feeds on first start, then serve the dashboard."""
    config = obj.config()
    report = pipeline.bootstrap(config, obj.store(config))
    if report is not None:
        click.echo(f"first start: {report.summary()}")
    env = dict(os.environ, LISTENING_CONFIG_DIR=str(config.directory),
               LISTENING_DB_URL=database_url(config.settings, obj.db))
    address = address or config.settings.server_address
    port = port or config.settings.server_port
    click.echo(f"Listening Post dashboard: http://{'localhost' if address == '127.0.0.1' else address}:{port}")
    command = [sys.executable, "-m", "streamlit", "run", str(PROJECT_DIR / "dashboard.py"),
               "--server.address", address, "--server.port", str(port), "--server.headless", "true",
               "--browser.gatherUsageStats", "false"]
    # from the project folder, so Streamlit reads .streamlit/config.toml (theme, no telemetry)
    raise SystemExit(subprocess.call(command, env=env, cwd=PROJECT_DIR))


@cli.command()
@click.option("--tick", default=30.0, show_default=True, help="Longest sleep between checks for due sources (s).")
@click.pass_obj
def watch(obj: Context, tick: float) -> None:
    """Poll sources continuously, each when it is due; stop cleanly with Ctrl+C or SIGTERM."""
    config = obj.config()
    store = obj.store(config)
    stop = threading.Event()

    def _stop(signum: int, _frame: object) -> None:
        click.echo(f"{signal.Signals(signum).name} received: finishing what was fetched, then stopping")
        stop.set()

    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, _stop)
    click.echo(f"watching {sum(s.enabled for s in config.sources)} source(s); Ctrl+C to stop")
    cycles = pipeline.watch(config, store, stop, tick_seconds=tick, progress=_print_run)
    click.echo(f"stopped after {cycles} polling cycle(s)")


@cli.command("check-config")
@click.pass_obj
def check_config(obj: Context) -> None:
    """Load the config folder and report every problem, or a summary when it is sound."""
    config = obj.config()
    click.echo(f"{config.directory}: {len(config.sources)} source(s), {len(config.watchlist.topics)} topic(s), "
               f"{len(config.watchlist.voices)} voice(s), {len(config.facts)} fact(s), {len(config.myths)} myth(s): ok")
    for warning in obj.warnings:
        click.echo(f"warning: {warning}")


# -- sources: list them, import them from OPML, export them to OPML ------------------------------------
# imported here, beside the commands that use them, so this group stays one block at the end of the file
from collectors.opml import OpmlError, read_opml, write_opml  # noqa: E402
from config.sources_file import append_sources, split_new  # noqa: E402
from mention import CHANNELS  # noqa: E402


@cli.group()
def sources() -> None:
    """List the configured sources, import them from an OPML file or export them to one."""


@sources.command("list")
@click.pass_obj
def sources_list(obj: Context) -> None:
    """Show each source's name, kind, channel, location and whether it is enabled."""
    config = obj.config()
    rows = [("NAME", "KIND", "CHANNEL", "ENABLED", "LOCATION")]
    rows += [(s.name, s.kind, s.channel, "yes" if s.enabled else "no", s.location) for s in config.sources]
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    for row in rows:
        click.echo("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=False)) + "  " + row[4])


@sources.command("import-opml")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--channel", type=click.Choice(CHANNELS), default="news", show_default=True,
              help="Channel for feeds not inside an OPML folder named like a channel (News, Blog, ...).")
@click.pass_obj
def sources_import_opml(obj: Context, file: Path, channel: str) -> None:
    """Add the feeds of an OPML subscription list to sources.toml; ones already there are skipped."""
    config = obj.config()
    try:
        found = read_opml(file, channel)
    except OpmlError as exc:
        raise click.ClickException(str(exc)) from None
    for line in found.skipped:
        click.echo(f"  skipped  {line}")
    if not found.sources:
        raise click.ClickException(f"{file.name}: no feed subscriptions found (no outline has an xmlUrl)")
    new, present = split_new(config, found.sources)
    for line in present:
        click.echo(f"  present  {line}")
    if not new:
        click.echo(f"nothing added: all {len(found.sources)} feed(s) in {file.name} are already configured")
        return
    today = dt.datetime.now(dt.timezone.utc).date().isoformat()
    try:
        path = append_sources(config.directory, new, f"Imported from {file.name} on {today}")
    except ConfigError as exc:
        raise click.ClickException(f"nothing was written: the imported sources would break the config\n{exc}") from None
    for source in new:
        click.echo(f"  added    {source.name} ({source.channel}): {source.url}")
    click.echo(f"added {len(new)} source(s) to {path}")


@sources.command("export-opml")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.pass_obj
def sources_export_opml(obj: Context, file: Path) -> None:
    """Write the web sources to an OPML 2.0 file that feed readers can import (file sources are skipped)."""
    config = obj.config()
    try:
        written, notes = write_opml(file, config.sources, f"{config.settings.organisation_short_name}: "
                                                          "Listening Post sources")
    except OSError as exc:
        raise click.ClickException(f"cannot write {file}: {exc.strerror or exc}") from None
    for note in notes:
        click.echo(f"  {note}")
    click.echo(f"exported {written} source(s) -> {file}")


if __name__ == "__main__":
    cli()
