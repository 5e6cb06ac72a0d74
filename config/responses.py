"""``responses.toml``: the approved response templates, the account that posts, the FAQ, the contact pages,
and the word lists and limits that drafts are checked against; read into frozen dataclasses.

:func:`read_responses` reads the file with the loader's problem collector, like :mod:`config.watchlist`
does ``watchlist.toml``, so one load reports every mistake with its file, entry and field: an unknown or
malformed placeholder, a missing template, a bad account kind, a list given as a string, an FAQ entry
without its answer or with a link that is not https on an allowed official domain. Defaults and help
for the limits and lists live in :data:`RESPONSES_HELP`, nowhere else. Writing and checking drafts is
:mod:`analysis.responses`'s work; :func:`link_problem` is here because both sides need it.
"""

from __future__ import annotations

import datetime as dt
import string
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any
from urllib.parse import urlsplit

from mention import CHANNELS

RESPONSES_FILE = "responses.toml"
ACCOUNT_KINDS = ("corporate", "named")

#: Placeholders each template may use. Every template is required.
RESPONSE_PLACEHOLDERS: dict[str, frozenset[str]] = {
    "correct": frozenset({"official", "statement", "valid_from", "source_url", "claimed", "department"}),
    "myth": frozenset({"rebuttal", "claim", "source_url", "department"}),
    "answer": frozenset({"statement", "source_url", "topic", "department"}),
    "signpost": frozenset({"topic", "topic_url", "department"}),
    "refer": frozenset({"topic", "topic_url", "department"}),
    "complaint": frozenset({"topic", "complaint_url", "department"}),
    "acknowledge": frozenset({"topic", "url", "department"}),
    "disclosure": frozenset({"role", "department"}),
}
#: Placeholders a template must use: the fact and its link, the page a referral points to, the role disclosed.
REQUIRED_PLACEHOLDERS: dict[str, frozenset[str]] = {
    "correct": frozenset({"statement", "source_url"}), "myth": frozenset({"rebuttal", "source_url"}),
    "answer": frozenset({"statement", "source_url"}), "signpost": frozenset({"topic_url"}),
    "refer": frozenset({"topic_url"}), "complaint": frozenset({"complaint_url"}), "acknowledge": frozenset({"url"}),
    "disclosure": frozenset({"role"}),
}

_REQUIRED = None  # in RESPONSES_HELP: no default, the file must give it
#: (section, key) -> (default, help). The one table of the limits and word lists; lists are matched as
#: whole words, case-insensitively, accents folded.
RESPONSES_HELP: dict[tuple[str, str], tuple[Any, str]] = {
    ("account", "kind"): ("corporate", "corporate (the department's own account) or named (a person's account: "
                                       "drafts carry the disclosure line)."),
    ("account", "role"): ("", "The poster's role, e.g. 'Digital engagement officer'; a named account must give it."),
    ("checks", "allowed_domains"): (("gov.uk",), "Links in drafts must be https on one of these domains or a "
                                                 "subdomain of one (www.gov.uk, not gov.uk.example.com)."),
    ("checks", "min_reading_ease"): (60.0, "Flesch reading ease a draft must reach (60 to 70 is plain English)."),
    ("checks", "max_length"): (280, "Longest short variant, in X/Twitter characters."),
    ("checks", "url_length"): (23, "What one link counts for in that length (X shortens every link to 23)."),
    ("engagement", "low_reach_max"): (2, "A correction is not drafted for a post whose replies plus likes are at "
                                         "most this: a reply would only spread the claim further than the post did."),
    ("engagement", "low_reach_channels"): (("forum", "social"), "Channels where a post's reach is read from its "
                                                                "replies and likes."),
    ("engagement", "reply_channels"): (("social", "forum", "blog", "video"), "Channels where a reply to a person "
                                                                            "makes sense: personal cases, complaints "
                                                                            "and kind words are answered only here."),
    ("engagement", "complaint_url"): ("https://www.gov.uk/government/organisations/department-for-work-pensions/"
                                      "about/complaints-procedure", "Where complaints are referred."),
    ("engagement", "complaint_words"): (_REQUIRED, "Words that make a negative post about the service a complaint."),
    ("engagement", "argument_words"): (_REQUIRED, "Words that, beside a party or politician, make a post a "
                                                  "party-political argument (loaded words count too)."),
    ("impartiality", "parties"): (_REQUIRED, "Political parties: never named in a draft; a post arguing about "
                                             "them is not engaged with."),
    ("impartiality", "politicians"): (_REQUIRED, "Politicians, as posts name them: never named in a draft."),
    ("impartiality", "loaded_words"): (_REQUIRED, "Charged words a civil servant does not use."),
    ("impartiality", "motive_words"): (_REQUIRED, "Words about motive that a correction never uses (lie, spin...)."),
    ("impartiality", "not_political"): ((), "Phrases that contain a party's name but are not about it "
                                            "('labour market')."),
}
_TABLES = ("templates", "faq", "contacts", *dict.fromkeys(section for section, _ in RESPONSES_HELP))
_FAQ_DATES = ("valid_from", "valid_to")
_FAQ_KEYS = frozenset({"id", "keywords", "answer", "url", "topic", *_FAQ_DATES})


@dataclass(frozen=True)
class Account:
    """Who posts: the department's corporate account, or a named person who must say who they are."""
    kind: str = "corporate"
    role: str = ""

    @property
    def named(self) -> bool:
        return self.kind == "named"


@dataclass(frozen=True)
class FaqEntry:
    """An approved answer to a common question, found by its keywords (within its topic, when it has one)."""
    id: str
    keywords: tuple[str, ...]
    answer: str
    url: str
    topic: str | None = None
    valid_from: dt.date | None = None   # an answer that quotes this year's rates stops being used after valid_to
    valid_to: dt.date | None = None

    def valid_on(self, day: dt.date) -> bool:
        return (self.valid_from is None or day >= self.valid_from) and (self.valid_to is None or day <= self.valid_to)


@dataclass(frozen=True)
class Responses:
    templates: Mapping[str, str]
    account: Account
    faq: tuple[FaqEntry, ...]
    contacts: Mapping[str, str]        # topic -> the page that says how to contact its service
    allowed_domains: tuple[str, ...]
    min_reading_ease: float
    max_length: int
    url_length: int
    low_reach_max: int
    low_reach_channels: tuple[str, ...]
    reply_channels: tuple[str, ...]
    complaint_url: str
    complaint_words: tuple[str, ...]
    argument_words: tuple[str, ...]
    parties: tuple[str, ...]
    politicians: tuple[str, ...]
    loaded_words: tuple[str, ...]
    motive_words: tuple[str, ...]
    not_political: tuple[str, ...]


def link_problem(url: str, domains: Sequence[str]) -> str | None:
    """Why ``url`` is not an https link on one of ``domains`` or a subdomain of one; None when it is.

    The host itself must end in the domain, so ``gov.uk.evil.com``, ``evilgov.uk`` and
    ``https://gov.uk@evil.com`` fail; backslashes are refused because browsers read them as slashes."""
    if not url or any(c.isspace() or c == "\\" for c in url):
        return f"{url!r} is not a plain web address"
    try:
        parts = urlsplit(url)
        host, _port = (parts.hostname or "").rstrip("."), parts.port
    except ValueError:
        return f"{url!r} is not a valid web address"
    if parts.scheme.lower() != "https":
        return f"{url!r} must be an https address"
    if not host or "@" in parts.netloc:
        return f"{url!r} must name its site plainly (no user name)"
    if not any(host == d or host.endswith("." + d) for d in domains):
        return f"{host} is not on an allowed domain ({', '.join(domains)})"
    return None


def read_responses(reader: Any, data: dict[str, Any]) -> Responses:
    """``responses.toml`` as :class:`Responses`, each problem told to ``reader`` (the loader's collector).

    Topic names (FAQ ``topic``, ``[contacts]``) are not checked against the watchlist: the Watchlists page
    renames and removes topics, and that must not make this file fail to load. An FAQ entry or contact
    whose topic is gone is simply never used."""
    for key in data:
        if key not in _TABLES:
            reader.problem(f"{RESPONSES_FILE}: {key}", f"unknown table; expected {', '.join(_TABLES)}")
    values = _settings(reader, data)
    domains = values["allowed_domains"]
    account = Account(values["kind"], values["role"])
    if account.kind not in ACCOUNT_KINDS:
        reader.problem(f"{RESPONSES_FILE}: [account]: kind",
                       f"unknown kind {account.kind!r}; expected {' or '.join(ACCOUNT_KINDS)}")
    if account.named and not account.role.strip():
        reader.problem(f"{RESPONSES_FILE}: [account]: role", "missing: a named account must say its role")
    _check_link(reader, f"{RESPONSES_FILE}: [engagement]: complaint_url", values["complaint_url"], domains)
    return Responses(
        templates=MappingProxyType(_templates(reader, _table(reader, data, "templates"))), account=account,
        faq=_faq(reader, data, domains), contacts=MappingProxyType(_contacts(reader, data, domains)),
        **{k: v for k, v in values.items() if k not in ("kind", "role")})


def _table(reader: Any, data: dict[str, Any], name: str) -> dict[str, Any]:
    table = data.get(name, {})
    if not isinstance(table, dict):
        reader.problem(f"{RESPONSES_FILE}: [{name}]", "must be a table")
        return {}
    return table


def _settings(reader: Any, data: dict[str, Any]) -> dict[str, Any]:
    sections = {s: _table(reader, data, s) for s in dict.fromkeys(s for s, _ in RESPONSES_HELP)}
    values: dict[str, Any] = {}
    for (section, key), (default, _help) in RESPONSES_HELP.items():
        table, where = sections[section], f"{RESPONSES_FILE}: [{section}]"
        if isinstance(default, tuple) or default is _REQUIRED:
            if key in table and not isinstance(table[key], list):
                reader.get(table, key, where, list)   # reports the type once (strings() would add "is empty")
                values[key] = default or ()
                continue
            given = reader.strings(table, key, where, required=default is _REQUIRED)
            values[key] = given if key in table else (default or ())
            continue
        kind: Any = float if isinstance(default, float) else type(default)
        values[key] = reader.get(table, key, where, kind, required=False, default=default)
    for section, table in sections.items():
        for key in sorted(set(table) - {k for s, k in RESPONSES_HELP if s == section}):
            reader.problem(f"{RESPONSES_FILE}: [{section}]: {key}", "unknown setting")
    for key in ("max_length", "url_length"):
        if values[key] <= 0:
            reader.problem(f"{RESPONSES_FILE}: [checks]: {key}", "must be positive")
    for key in ("low_reach_channels", "reply_channels"):
        for channel in sorted(set(values[key]) - set(CHANNELS)):
            reader.problem(f"{RESPONSES_FILE}: [engagement]: {key}",
                           f"unknown channel {channel!r}; expected one of {', '.join(CHANNELS)}")
    bare = tuple(d.lower().strip(".") for d in values["allowed_domains"] if _bare_domain(d))
    for domain in values["allowed_domains"]:
        if not _bare_domain(domain):
            reader.problem(f"{RESPONSES_FILE}: [checks]: allowed_domains",
                           f"{domain!r} must be a bare domain such as gov.uk")
    values["allowed_domains"] = bare or ("gov.uk",)   # links are still checked while the list itself is wrong
    return values


def _bare_domain(domain: str) -> bool:
    return not any(c in domain for c in "/:@ ") and "." in domain.strip(".")


def _templates(reader: Any, table: dict[str, Any]) -> dict[str, str]:
    where = f"{RESPONSES_FILE}: [templates]"
    out: dict[str, str] = {}
    for name, allowed in RESPONSE_PLACEHOLDERS.items():
        text = reader.get(table, name, where, str)
        if text is None:
            continue
        try:
            used = {field for _, field, _, _ in string.Formatter().parse(text) if field is not None}
        except ValueError as exc:
            reader.problem(f"{where}: {name}", f"bad placeholder syntax: {exc} (write {{{{ or }}}} for a brace)")
            continue
        unknown = sorted(used - allowed)
        if unknown:
            reader.problem(f"{where}: {name}", f"unknown placeholder(s) {', '.join('{' + u + '}' for u in unknown)}; "
                                               f"allowed: {', '.join(sorted(allowed))}")
        missing = sorted(REQUIRED_PLACEHOLDERS[name] - used)
        if missing:
            reader.problem(f"{where}: {name}", f"must use {', '.join('{' + m + '}' for m in missing)}")
        out[name] = text
    for name in sorted(set(table) - set(RESPONSE_PLACEHOLDERS)):
        reader.problem(f"{where}: {name}", f"unknown template kind; expected one of {', '.join(RESPONSE_PLACEHOLDERS)}")
    return out


def _faq(reader: Any, data: dict[str, Any], domains: Sequence[str]) -> tuple[FaqEntry, ...]:
    out: list[FaqEntry] = []
    seen: set[str] = set()
    for where, entry in reader.entries(data, "faq", RESPONSES_FILE):
        fid = reader.get(entry, "id", where, str)
        url = reader.get(entry, "url", where, str)
        topic = reader.get(entry, "topic", where, str, required=False)
        if url is not None:
            _check_link(reader, f"{where}: url", url, domains)
        if fid in seen:
            reader.problem(f"{where}: id", f"duplicate id {fid!r}")
        seen.add(fid or "")
        for key in sorted(set(entry) - _FAQ_KEYS):
            reader.problem(f"{where}: {key}", f"unknown field; expected one of {', '.join(sorted(_FAQ_KEYS))}")
        valid_from, valid_to = (reader.get(entry, key, where, dt.date, required=False) for key in _FAQ_DATES)
        if valid_from and valid_to and valid_from > valid_to:
            reader.problem(f"{where}: valid_to", "is before valid_from")
        out.append(FaqEntry(fid or "", reader.strings(entry, "keywords", where),
                            reader.get(entry, "answer", where, str) or "", url or "", topic, valid_from, valid_to))
    return tuple(out)


def _contacts(reader: Any, data: dict[str, Any], domains: Sequence[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for topic, url in _table(reader, data, "contacts").items():
        where = f"{RESPONSES_FILE}: [contacts]: {topic}"
        if not isinstance(url, str):
            reader.problem(where, f"expected a string, got {type(url).__name__} {url!r}")
            continue
        _check_link(reader, where, url, domains)
        out[topic] = url
    return out


def _check_link(reader: Any, where: str, url: str, domains: Sequence[str]) -> None:
    problem = link_problem(url, domains)
    if problem:
        reader.problem(where, problem)
