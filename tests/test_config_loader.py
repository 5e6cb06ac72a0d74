"""The config loader: the shipped demo loads; every mistake is named with file, entry and field."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from config import RESPONSE_PLACEHOLDERS, ConfigError, load_config
from config.loader import database_url

SHIPPED = Path(__file__).resolve().parent.parent / "config"


def test_shipped_config_is_a_realistic_demo() -> None:
    config = load_config(SHIPPED)
    assert config.settings.organisation_name == "Department for Work and Pensions"
    assert config.settings.server_address == "127.0.0.1"
    assert len(config.sources) >= 8
    assert {s.channel for s in config.sources} >= {"news", "blog", "forum", "social", "government"}
    assert sum(v.own for v in config.watchlist.voices) == 1
    assert len([v for v in config.watchlist.voices if not v.own]) >= 3
    assert len(config.watchlist.topics) >= 5
    nsp = next(f for f in config.facts if f.id == "nsp-2025")
    assert (nsp.value, nsp.unit, nsp.per) == (230.25, "GBP", "week")
    assert nsp.valid_on(dt.date(2025, 10, 1)) and not nsp.valid_on(dt.date(2026, 5, 1))
    assert nsp.tolerance == 0.01
    assert {m.id for m in config.myths} >= {"myth-wfp-scrapped"}
    assert set(config.templates) == set(RESPONSE_PLACEHOLDERS)
    assert config.responses.account.kind in {"corporate", "named"} and len(config.responses.faq) >= 10
    assert {e.topic for e in config.responses.faq} == {t.name for t in config.watchlist.topics}
    for source in config.sources:
        assert source.path is None or source.path.is_absolute()


def _broken(tmp_path: Path, name: str, text: str) -> Path:
    for toml in SHIPPED.glob("*.toml"):
        (tmp_path / toml.name).write_text(toml.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def test_every_problem_is_reported_with_file_entry_and_field(tmp_path: Path) -> None:
    _broken(tmp_path, "sources.toml", """
[[sources]]
name = "One"
kind = "rss"
channel = "tv"
url = "ftp://example.org/feed"

[[sources]]
name = "One"
kind = "feed"
channel = "news"

[[sources]]
kind = "feed"
channel = "news"
path = "x.xml"
url = "https://example.org"
""")
    with pytest.raises(ConfigError) as err:
        load_config(tmp_path)
    problems = err.value.problems
    assert "sources.toml: sources[1] (One): kind: unknown kind 'rss'; expected one of feed, discourse, reddit, mastodon" in problems
    assert "sources.toml: sources[1] (One): channel: unknown channel 'tv'; expected one of news, blog, forum, social, government, video" in problems
    assert any(p.startswith("sources.toml: sources[1] (One): url: only http and https") for p in problems)
    assert "sources.toml: sources[2] (One): give exactly one of url or path" in problems
    assert "sources.toml: sources[2] (One): name: duplicate source name 'One'" in problems
    assert "sources.toml: sources[3]: name: missing" in problems
    assert "sources.toml: sources[3]: give exactly one of url or path" in problems


def test_facts_and_templates_are_checked(tmp_path: Path) -> None:
    _broken(tmp_path, "facts.toml", """
[[facts]]
id = "a"
statement = "s"
keywords = []
value = "eleven"
unit = "GBP"
per = "fortnight"
valid_from = 2025-04-01
valid_to = 2024-04-01
source_url = "https://www.gov.uk"

[[facts]]
id = "a"
statement = "s"
keywords = ["k"]
value = 1
unit = "furlongs"
source_url = "https://www.gov.uk"
""")
    (tmp_path / "responses.toml").write_text('[templates]\ncorrect = "{official} {nonsense}"\nmyth = "{"\n'
                                             'answer = "{statement}"\nrefer = "{topic}"\nshout = "x"\n', encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_config(tmp_path)
    text = "\n".join(err.value.problems)
    assert "facts.toml: facts[1] (a): keywords: is empty" in text
    assert "facts.toml: facts[1] (a): value: expected a number, got str 'eleven'" in text
    assert "facts.toml: facts[1] (a): per: unknown period 'fortnight'" in text
    assert "facts.toml: facts[1] (a): valid_to: is before valid_from" in text
    assert "facts.toml: facts[2] (a): id: duplicate id 'a'" in text
    assert "facts.toml: facts[2] (a): unit: unknown unit 'furlongs'" in text
    assert "responses.toml: [templates]: correct: unknown placeholder(s) {nonsense}" in text
    assert "responses.toml: [templates]: myth: bad placeholder syntax" in text
    assert "responses.toml: [templates]: shout: unknown template kind" in text


def test_broken_toml_and_missing_files_are_named(tmp_path: Path) -> None:
    _broken(tmp_path, "watchlist.toml", "[[topics]\nname = ")
    (tmp_path / "facts.toml").unlink()
    with pytest.raises(ConfigError) as err:
        load_config(tmp_path)
    assert any(p.startswith("watchlist.toml: not valid TOML") for p in err.value.problems)
    assert any(p.startswith("facts.toml: file not found") for p in err.value.problems)


def test_unknown_setting_and_wrong_type(tmp_path: Path) -> None:
    _broken(tmp_path, "settings.toml", '[fetch]\ntimeout_seconds = "ten"\nretries = 3\n')
    with pytest.raises(ConfigError) as err:
        load_config(tmp_path)
    assert "settings.toml: [fetch]: timeout_seconds: expected a number, got str 'ten'" in err.value.problems
    assert "settings.toml: [fetch]: retries: unknown setting" in err.value.problems


def test_missing_settings_file_uses_defaults(tmp_path: Path) -> None:
    _broken(tmp_path, "settings.toml", "")
    (tmp_path / "settings.toml").unlink()
    config = load_config(tmp_path)
    assert config.settings.max_bytes == 10_000_000
    assert config.settings.server_port == 8501


def test_database_url_precedence(monkeypatch: pytest.MonkeyPatch) -> None:
    settings = load_config(SHIPPED).settings
    monkeypatch.delenv("LISTENING_DB_URL", raising=False)
    assert database_url(settings) == "sqlite:///data/listening.db"
    monkeypatch.setenv("LISTENING_DB_URL", "sqlite:////tmp/env.db")
    assert database_url(settings) == "sqlite:////tmp/env.db"
    assert database_url(settings, "postgresql+psycopg://x/y") == "postgresql+psycopg://x/y"


def test_response_templates_account_lists_and_faq_are_checked(tmp_path: Path) -> None:
    shipped = (SHIPPED / "responses.toml").read_text(encoding="utf-8")
    text = (shipped.replace('kind = "corporate"', 'kind = "person"')
            .replace('answer = "{statement} You can find', 'answer = "{statement} {nonsense} You can find')
            .replace('myth = "{rebuttal}', 'myth = "{rebuttal} {')
            .replace('acknowledge = "Thank you', 'shout = "x"\n# acknowledge = "Thank you')
            .replace('refer = "We\'re sorry to hear this.', 'refer = "No link here." # ')
            .replace('parties = ["Labour",', 'parties = "Labour"\nold_parties = [')
            .replace('min_reading_ease = 60', 'min_reading_ease = "sixty"')
            .replace('url = "https://www.gov.uk/pension-credit/how-to-claim"', 'url = "http://www.gov.uk/pension-credit"', 1)
            .replace('url = "https://www.gov.uk/pension-credit/eligibility"', 'url = "https://www.gov.uk.example.com/pc"')
            .replace('answer = "You can check your State Pension forecast online.', 'wrong = "You can check')
            .replace('keywords = ["forecast", "how much will i get", "check my state pension"]', 'keywords = []')
            .replace('"Universal Credit" = "https://www.gov.uk/universal-credit/contact-universal-credit"',
                     '"Universal Credit" = "https://gov.uk@evil.example/uc"')
            .replace("[checks]", "[checks]\nmax_words = 40"))
    _broken(tmp_path, "responses.toml", text)
    with pytest.raises(ConfigError) as err:
        load_config(tmp_path)
    problems = err.value.problems
    expected = [
        "responses.toml: [account]: kind: unknown kind 'person'; expected corporate or named",
        "responses.toml: [templates]: answer: unknown placeholder(s) {nonsense}; allowed: department, source_url, "
        "statement, topic",
        "responses.toml: [templates]: acknowledge: missing",
        "responses.toml: [templates]: refer: must use {topic_url}",
        "responses.toml: [templates]: shout: unknown template kind; expected one of correct, myth, answer, signpost, "
        "refer, complaint, acknowledge, disclosure",
        "responses.toml: [impartiality]: parties: expected an array, got str 'Labour'",
        "responses.toml: [impartiality]: old_parties: unknown setting",
        "responses.toml: [checks]: min_reading_ease: expected a number, got str 'sixty'",
        "responses.toml: [checks]: max_words: unknown setting",
        "responses.toml: faq[1] (pc-apply): url: 'http://www.gov.uk/pension-credit' must be an https address",
        "responses.toml: faq[3] (pc-homeowners): url: www.gov.uk.example.com is not on an allowed domain (gov.uk)",
        "responses.toml: faq[4] (sp-forecast): answer: missing",
        "responses.toml: faq[4] (sp-forecast): keywords: is empty",
        "responses.toml: faq[4] (sp-forecast): wrong: unknown field; expected one of answer, id, keywords, topic, url, "
        "valid_from, valid_to",
        "responses.toml: [contacts]: Universal Credit: 'https://gov.uk@evil.example/uc' must name its site plainly "
        "(no user name)",
    ]
    assert [p for p in expected if p not in problems] == []
    assert any(p.startswith("responses.toml: [templates]: myth: bad placeholder syntax") for p in problems)
    assert all(p.startswith("responses.toml") for p in problems), problems


def test_a_named_account_must_say_its_role_and_lists_are_required(tmp_path: Path) -> None:
    shipped = (SHIPPED / "responses.toml").read_text(encoding="utf-8")
    text = shipped.replace('kind = "corporate"', 'kind = "named"').replace('role = "Digital engagement officer"', "")
    text = text.replace("motive_words = [", "old_motive_words = [").replace('allowed_domains = ["gov.uk"]',
                                                                          'allowed_domains = ["https://gov.uk/"]')
    _broken(tmp_path, "responses.toml", text)
    with pytest.raises(ConfigError) as err:
        load_config(tmp_path)
    assert set(err.value.problems) == {
        "responses.toml: [account]: role: missing: a named account must say its role",
        "responses.toml: [impartiality]: motive_words: missing",
        "responses.toml: [impartiality]: old_motive_words: unknown setting",
        "responses.toml: [checks]: allowed_domains: 'https://gov.uk/' must be a bare domain such as gov.uk",
    }


def test_stories_alerts_and_delivery_settings_are_checked(tmp_path: Path) -> None:
    folder = _broken(tmp_path, "settings.toml", """
[stories]
duplicate_threshold = 1.5
window_hours = 0
[alerts]
sensitivity = "paranoid"
negative_floor = 2
[email]
enabled = true
security = "ssl3"
recipients = ["press office"]
[webhook]
url = "ftp://hooks.example"
[digest]
enabled = true
time = "8 o'clock"
timezone = "Mars/Olympus_Mons"
""")
    with pytest.raises(ConfigError) as caught:
        load_config(folder)
    problems = "\n".join(caught.value.problems)
    for expected in ("[stories]: duplicate_threshold: must be more than 0 and at most 1",
                     "[stories]: window_hours: must be positive",
                     "[alerts]: sensitivity: expected one of sensitive, balanced, strict, got 'paranoid'",
                     "[alerts]: negative_floor: must be between 0 and 1",
                     "[email]: security: expected one of none, starttls, tls, got 'ssl3'",
                     "[email]: recipients: every recipient must be an email address",
                     "[email]: recipients: email is enabled but no recipient is given",
                     "[webhook]: url: only http and https addresses can be posted to, got 'ftp://hooks.example'",
                     "[digest]: time: expected a local time as HH:MM, got \"8 o'clock\"",
                     "[digest]: timezone: unknown time zone 'Mars/Olympus_Mons'"):
        assert expected in problems, expected
    assert all(p.startswith("settings.toml: ") for p in caught.value.problems)


def test_a_digest_needs_somewhere_to_go_and_settings_load_typed(tmp_path: Path) -> None:
    folder = _broken(tmp_path, "settings.toml", "[digest]\nenabled = true\n")
    with pytest.raises(ConfigError, match="nowhere to send it"):
        load_config(folder)
    folder = _broken(tmp_path, "settings.toml", '[email]\nenabled = true\nrecipients = ["a@example.gov.uk"]\n'
                                                 '[digest]\nenabled = true\ntime = "07:30"\ntimezone = "Europe/Paris"\n')
    settings = load_config(folder).settings
    assert settings.digest_time == dt.time(7, 30) and settings.digest_timezone == "Europe/Paris"
    assert settings.email.recipients == ("a@example.gov.uk",) and settings.email.enabled
