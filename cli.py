"""Command line: thin click commands over pipeline, storage and reports. Every command has --help.

    python cli.py collect            fetch every source into the store
    python cli.py analyse --input posts.csv --output out.csv   analyse a file offline
    python cli.py export --output mentions.csv --topic "State Pension"
    python cli.py serve              first start: collect if empty, then the dashboard
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import subprocess
import sys
from pathlib import Path

import click

import pipeline
from collectors.posts_file import PostsFileError, read_posts
from config import PROJECT_DIR, Config, ConfigError, config_dir, database_url, load_config
from reports import to_csv
from storage import Filters, Store, queries

ANALYSE_COLUMNS = ("id", "topics", "voices", "sentiment", "sentiment_label", "is_question", "inaccuracy_ids",
                   "inaccuracy_detail", "response_kind", "suggested_response")


class Context:
    def __init__(self, config_path: str | None, db: str | None) -> None:
        self.config_path, self.db = config_path, db

    def config(self) -> Config:
        try:
            return load_config(config_dir(self.config_path))
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
    else:
        click.echo(f"  ok      {run.source}: {run.items} item(s), {run.new} new")


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
@click.pass_obj
def export(obj: Context, output_path: Path, date_from: str | None, date_to: str | None, topic: tuple[str, ...],
           voice: tuple[str, ...], channel: tuple[str, ...], source: tuple[str, ...], sentiment: tuple[str, ...],
           flag: tuple[str, ...], bom: bool) -> None:
    """Export stored mentions matching the filter as CSV (every column is described in the README)."""
    try:
        filters = Filters(_date(date_from), _date(date_to), topic, voice, channel, source, sentiment, flag)
    except ValueError as exc:
        raise click.BadParameter(f"dates are YYYY-MM-DD: {exc}") from None
    config = obj.config()
    rows, _ = to_csv(queries.iter_pages(obj.store(config), filters), output_path, bom=bom)
    click.echo(f"exported {rows} mention(s) -> {output_path}")


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
    raise SystemExit(subprocess.call(command, env=env))


@cli.command("check-config")
@click.pass_obj
def check_config(obj: Context) -> None:
    """Load the config folder and report every problem, or a summary when it is sound."""
    config = obj.config()
    click.echo(f"{config.directory}: {len(config.sources)} source(s), {len(config.watchlist.topics)} topic(s), "
               f"{len(config.watchlist.voices)} voice(s), {len(config.facts)} fact(s), {len(config.myths)} myth(s): ok")


if __name__ == "__main__":
    cli()
