"""Boolean queries over mentions: a Brandwatch-compatible subset, parsed once, run over whole frames.

Grammar (operators are upper case; any other word, ``and`` included, is a search term)::

    query   = or
    or      = and { "OR" and }
    and     = unary { "AND" unary | "NOT" unary }        a NOT b  is  a AND NOT b
    unary   = "NOT" unary | near
    near    = primary { "NEAR/" n [ "f" ] primary }
    primary = "(" or ")" | field ":" primary | '"' words '"' [ "~" n ] | term
    field   = title | text | author | source | site | url | channel | language

Binding, tightest first: field prefix, NEAR, NOT, AND, OR; so ``a OR b AND NOT c`` is
``a OR (b AND (NOT c))``. Two terms side by side are refused ("missing AND or OR before 'b'"):
Brandwatch has no implicit AND, and guessing AND or OR would change what a watchlist catches.

- ``pension``: the word, any case, accents folded (``cafe`` finds "Café"), on word boundaries:
  it finds "Pension's" and "#pension", never "pensioner". Punctuation inside a term is literal
  (``co-op``, ``£230.25``, ``don't``; curly and straight apostrophes are the same); punctuation
  around it is dropped, except ``@ # £ $ € %`` (``#pension`` finds only the hashtag, ``10%`` the percent).
  A leading ``-`` is refused: write NOT to exclude.
- ``pension*``: ``*`` is any run of letters or digits inside one word (none too); ``?`` exactly one.
- ``"state pension"``: the words in order, separated only by spaces or punctuation ("State-Pension").
- ``"cost of living"~3``: every word of the phrase, in any order, with at most 3 other words among them.
- ``a NEAR/5 b``: at most 5 words between a and b, either order; ``a NEAR/5f b``: a comes first.
  Each side is a term, a phrase, an OR of those or another NEAR, and both sides must be in one field.
  Distances count runs of letters and digits, so "pension's" and "£12.21" are two words each.
- No field means title or text. A phrase or NEAR never spans from the title into the text.
- ``title:``, ``text:``, ``author:``, ``source:``: as above, in that column only. ``title:(a OR b)``
  scopes a whole group; a field inside it wins.
- ``site:gov.uk``: the link's host is gov.uk or ends with ".gov.uk" (www.gov.uk, assets.gov.uk).
- ``url:gov.uk/pension``: the link contains the text, any case; ``*`` is any characters but "/".
- ``channel:forum``: exactly that channel (news, blog, forum, social, government, video).
- ``language:en``: the frame's ``language`` column is en or en-something (en-GB). A frame without a
  ``language`` column matches no ``language:`` term, so ``NOT language:en`` matches every row there.

Malformed queries raise :class:`QuerySyntaxError` with a 1-based position ("unclosed quote at 14").
Costly patterns are kept in :attr:`Query.warnings` (a wildcard after fewer than 3 letters, NEAR or
``~`` over 10).

How it runs: :func:`parse` is cached on the query text, and query nodes compare by value, so
:func:`evaluate_many` scans each distinct term once for all queries, over folded pyarrow columns
with RE2 on every core, and combines boolean arrays with numpy. Proximity runs an RE2 "window"
(side, up to n words, side) only on rows where both sides occur; rows with non-ASCII letters, and
windows too large or inexact for RE2, are checked word by word in Python. :meth:`Query.matches`
is that word-by-word test alone, for one mention: the reference the frame path is tested against.
:meth:`Query.spans` gives the matched stretches of a mention's title and text in its original
characters (folding is done character by character to keep the positions).
"""

from __future__ import annotations

import os
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, fields
from functools import lru_cache
from itertools import permutations
from typing import NamedTuple, Union

import ahocorasick
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from analysis.text import fold
from mention import CHANNELS

TEXT_FIELDS: tuple[str, ...] = ("title", "text", "author", "source")
VALUE_FIELDS: tuple[str, ...] = ("site", "url", "channel", "language")
FIELDS: tuple[str, ...] = TEXT_FIELDS + VALUE_FIELDS
COSTLY_DISTANCE = 10
#: Frames with fewer rows are scanned with Python's re; RE2 (pyarrow) from this size up.
RE2_FROM = 2000
_WHERE = {"": frozenset({"title", "text"}), **{f: frozenset({f}) for f in TEXT_FIELDS}}  # columns a field reads


class QuerySyntaxError(ValueError):
    """A query that cannot be parsed; ``position`` is the 1-based character where the problem is."""

    def __init__(self, message: str, position: int, hint: str = "") -> None:
        self.message, self.position, self.hint = message, position, hint
        super().__init__(f"{message} at {position}" + (f"; {hint}" if hint else ""))


# -- the parsed query ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Words:
    """A term (one word) or an exact phrase, folded, in a text field ("" = title or text)."""
    field: str
    words: tuple[str, ...]


@dataclass(frozen=True)
class Nearby:
    """``"a b c"~n``: the words in any order with at most ``distance`` other words among them."""
    field: str
    words: tuple[str, ...]
    distance: int


@dataclass(frozen=True)
class Value:
    """``site:``, ``url:``, ``channel:`` or ``language:`` and its (lower-cased) value."""
    field: str
    value: str


@dataclass(frozen=True)
class Not:
    child: Node


@dataclass(frozen=True)
class And:
    left: Node
    right: Node


@dataclass(frozen=True)
class Or:
    left: Node
    right: Node


@dataclass(frozen=True)
class Near:
    left: Node
    right: Node
    distance: int
    ordered: bool


Node = Union[Words, Nearby, Value, Not, And, Or, Near]


def _cached_hash(node: object) -> int:
    """A node's hash, worked out once: nodes key the evaluator's results and compare by value, and a long OR
    chain hashed afresh at every lookup costs time quadratic in its length."""
    found = node.__dict__.get("_hash")
    if found is None:
        found = hash((type(node).__name__, *(getattr(node, f.name) for f in fields(node))))
        object.__setattr__(node, "_hash", found)
    return found


for _kind in (Words, Nearby, Value, Not, And, Or, Near):
    _kind.__hash__ = _cached_hash  # type: ignore[method-assign]


@dataclass(frozen=True)
class Query:
    """A parsed query. Nodes compare by value, so equal sub-expressions of many queries share results."""
    text: str
    root: Node
    warnings: tuple[str, ...] = ()

    def evaluate(self, frame: pd.DataFrame) -> pd.Series:
        """Which rows of a mention frame match, as a boolean Series on the frame's index."""
        return evaluate_many({"query": self}, frame)["query"]

    def matches(self, mention: Mapping[str, object]) -> bool:
        """Whether one mention (a mapping of column names to values) matches, in pure Python."""
        return _Row(mention).test(self.root)

    def first_hit(self, folded: str) -> int | None:
        """Where the earliest term outside a NOT matches in an already folded text (None: nowhere): a cheap
        stand-in for the first of :meth:`spans` for queries without NEAR (each term is found on its own)."""
        starts = [m.start() for leaf in _positive_leaves(self.root) if isinstance(leaf, Words)
                  if (not _literal(leaf) or _literal(leaf) in folded) for m in [_regex(leaf).search(folded)] if m]
        return min(starts, default=None)

    def spans(self, title: str | None, text: str | None) -> list[tuple[str, int, int]]:
        """Where the query's terms match in a mention's title and text: (field, start, end) in the
        original characters, merged and sorted. Terms under NOT and site:/url:/... terms give none."""
        found: set[tuple[str, int, int]] = set()
        for field, original in (("title", title or ""), ("text", text or "")):
            folded, origin = _aligned_fold(original)
            for hit in _positive_hits(self.root, field, _Text(folded)):
                found.update((field, origin[s], max(origin[e], origin[e - 1] + 1)) for s, e in hit.spans)
        return _merge_spans(sorted(found, key=lambda span: (span[0] != "title", span[1], span[2])))


# -- lexing -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Token:
    kind: str  # ( ) AND OR NOT NEAR WORD PHRASE END
    text: str
    pos: int
    number: int | None = None  # NEAR/n distance, or a phrase's ~n
    ordered: bool = False


_BARE = re.compile(r'[^\s()"]+')
_NEAR = re.compile(r"NEAR/(\d+)([fF]?)")
_TILDE = re.compile(r"~(\d+)")
_STARTS = frozenset({"(", "WORD", "PHRASE"})


def _lex(query: str) -> tuple[list[_Token], list[tuple[int, str]]]:
    tokens: list[_Token] = []
    warnings: list[tuple[int, str]] = []
    i = 0
    while i < len(query):
        char, pos = query[i], i + 1
        if char.isspace():
            i += 1
        elif char in "()":
            tokens.append(_Token(char, char, pos))
            i += 1
        elif char == '"':
            token, i = _lex_phrase(query, i)
            tokens.append(token)
        else:
            word = _BARE.match(query, i)[0]  # type: ignore[index]  # always matches a non-space, non-( ) " char
            tokens.append(_lex_word(word, pos, warnings))
            i += len(word)
    tokens.append(_Token("END", "", len(query) + 1))
    return tokens, warnings


def _lex_phrase(query: str, i: int) -> tuple[_Token, int]:
    close = query.find('"', i + 1)
    if close < 0:
        raise QuerySyntaxError("unclosed quote", i + 1)
    end, number = close + 1, None
    if query.startswith("~", end):
        tilde = _TILDE.match(query, end)
        if not tilde:
            raise QuerySyntaxError("~ needs a number of words", end + 1, 'write "a b"~5')
        end, number = tilde.end(), int(tilde[1])
    return _Token("PHRASE", query[i + 1:close], i + 1, number), end


def _lex_word(word: str, pos: int, warnings: list[tuple[int, str]]) -> _Token:
    if word in ("AND", "OR", "NOT"):
        return _Token(word, word, pos)
    if near := _NEAR.fullmatch(word):
        return _Token("NEAR", word, pos, int(near[1]), bool(near[2]))
    if word == "NEAR" or word.startswith("NEAR/"):
        raise QuerySyntaxError(f"{word} needs a distance", pos, "write NEAR/5, or NEAR/5f for an order")
    if "~" in word:
        raise QuerySyntaxError("~ goes after a quoted phrase", pos + word.index("~"), 'write "a b"~5')
    if word.upper() in ("AND", "OR", "NOT") or re.fullmatch(r"near/\d+f?", word, re.IGNORECASE):
        warnings.append((pos, f"'{word}' at {pos} is searched as a word: operators are upper case"))
    return _Token("WORD", word, pos)


# -- parsing ------------------------------------------------------------------------------------

_FIELD = re.compile(r"([A-Za-z]+):(.*)", re.DOTALL)
_EDGE = re.compile(r"^[^\w@#£$€%*?]+|[^\w@#£$€%*?]+$")  # punctuation around a term is not part of it
_WILDCARD = re.compile(r"[*?]")
_HOST = re.compile(r"[a-z0-9-]+(?:\.[a-z0-9-]+)*")
_LANGUAGE = re.compile(r"[a-z]{2,3}(?:[-_][a-z0-9]+)*")


@lru_cache(maxsize=1024)
def parse(query: str) -> Query:
    """Parse (and cache) a query; raise QuerySyntaxError for a malformed one."""
    tokens, warnings = _lex(query)
    parser = _Parser(tokens, warnings)
    root = parser.parse()
    return Query(query, root, tuple(message for _, message in sorted(parser.warnings)))


class _Parser:
    """Recursive descent over the tokens, one method per grammar rule; ``field`` is the scope."""

    def __init__(self, tokens: list[_Token], warnings: list[tuple[int, str]]) -> None:
        self.tokens, self.i, self.warnings = tokens, 0, warnings

    def parse(self) -> Node:
        if self._peek().kind == "END":
            raise QuerySyntaxError("empty query", 1)
        node = self._or("")
        if self._peek().kind != "END":  # every other token is consumed or refused on the way: a stray ")"
            raise QuerySyntaxError("unbalanced parenthesis", self._peek().pos)
        return node

    def _peek(self) -> _Token:
        return self.tokens[self.i]

    def _next(self) -> _Token:
        self.i += 1
        return self.tokens[self.i - 1]

    def _or(self, field: str) -> Node:
        node = self._and(field)
        while (op := self._peek()).kind == "OR":
            self.i += 1
            node = Or(node, self._operand(op, field, self._and))
        return node

    def _and(self, field: str) -> Node:
        node = self._unary(field)
        while (op := self._peek()).kind in ("AND", "NOT") or op.kind in _STARTS:
            if op.kind in _STARTS:
                raise QuerySyntaxError(f"missing AND or OR before {_shown(op)}", op.pos,
                                       "terms need an operator between them; put an exact phrase in quotes")
            self.i += 1
            right = self._operand(op, field, self._unary)
            node = And(node, right if op.kind == "AND" else Not(right))
        return node

    def _unary(self, field: str) -> Node:
        if (op := self._peek()).kind != "NOT":
            return self._near(field)
        self.i += 1
        return Not(self._operand(op, field, self._unary))

    def _near(self, field: str) -> Node:
        node = self._primary(field)
        while (op := self._peek()).kind == "NEAR":
            self.i += 1
            node = _near_node(node, self._operand(op, field, self._primary), op)
            self._warn_distance(op.text, op.pos, op.number or 0)
        return node

    def _operand(self, op: _Token, field: str, rule: Callable[[str], Node]) -> Node:
        following = self._peek().kind
        if following in _STARTS or (following == "NOT" and op.kind != "NEAR"):
            return rule(field)
        raise QuerySyntaxError(_needs(op), op.pos)

    def _primary(self, field: str) -> Node:
        tok = self._next()
        if tok.kind == "(":
            if self._peek().kind == ")":
                raise QuerySyntaxError("empty parentheses", tok.pos)
            node = self._or(field)
            if self._next().kind != ")":
                raise QuerySyntaxError("unbalanced parenthesis", tok.pos)
            return node
        if tok.kind == "PHRASE":
            return self._phrase(tok, field)
        if tok.kind == "WORD":
            return self._word(tok.text, tok.pos, field)
        if tok.kind in (")", "END"):
            raise QuerySyntaxError("unbalanced parenthesis", tok.pos)
        raise QuerySyntaxError(_needs(tok), tok.pos)

    def _word(self, text: str, pos: int, field: str) -> Node:
        prefix = _FIELD.fullmatch(text)
        if prefix and prefix[1].lower() in FIELDS:
            name = prefix[1].lower()
            if prefix[2]:
                return self._word(prefix[2], pos + len(prefix[1]) + 1, name)
            if self._peek().kind in _STARTS:
                return self._primary(name)
            raise QuerySyntaxError(f"{name}: needs a value", pos)
        if prefix and field not in ("site", "url"):  # letters then ":" is a mistyped field, not a word
            raise QuerySyntaxError(f"unknown field '{prefix[1]}'", pos)
        if len(text) > 1 and text.startswith("-") and field not in VALUE_FIELDS:  # -word excludes elsewhere
            raise QuerySyntaxError(f"'{text}' starts with -", pos, "write NOT to exclude a word")
        if field in VALUE_FIELDS:
            return Value(field, _value(field, text, pos))
        return Words(field, (self._term(text, pos, phrase=False),))

    def _phrase(self, tok: _Token, field: str) -> Node:
        if field in VALUE_FIELDS:
            if tok.number is not None:
                raise QuerySyntaxError(f"~{tok.number} needs words, not {field}:", tok.pos)
            return Value(field, _value(field, tok.text, tok.pos))
        found = (self._term(m[0], tok.pos + 1 + m.start(), phrase=True) for m in re.finditer(r"\S+", tok.text))
        words = tuple(w for w in found if w)
        if not words:
            raise QuerySyntaxError("empty phrase", tok.pos)
        if tok.number is None or len(words) == 1:
            return Words(field, words)
        self._warn_distance(f'"{tok.text}"~{tok.number}', tok.pos, tok.number)
        return Nearby(field, words, tok.number)

    def _term(self, raw: str, pos: int, phrase: bool) -> str:
        word = _EDGE.sub("", fold(raw))
        wildcard = _WILDCARD.search(word)
        if not re.search(r"\w", word):
            if wildcard:
                raise QuerySyntaxError(f"wildcard '{raw}' needs letters", pos)
            if phrase:
                return ""  # punctuation between a phrase's words: the words are separated anyway
            raise QuerySyntaxError(f"nothing to search for in '{raw}'", pos)
        if wildcard and len(re.findall(r"\w", word[:wildcard.start()])) < 3:
            self.warnings.append((pos, f"wildcard '{raw}' at {pos} has fewer than 3 letters: slow and broad"))
        return word

    def _warn_distance(self, shown: str, pos: int, distance: int) -> None:
        if distance > COSTLY_DISTANCE:
            self.warnings.append((pos, f"{shown} at {pos} allows more than {COSTLY_DISTANCE} words between: "
                                       "slow and broad"))


def _shown(tok: _Token) -> str:
    return f'"{tok.text}"' if tok.kind == "PHRASE" else f"'{tok.text}'"


def _needs(op: _Token) -> str:
    if op.kind == "NOT":
        return "NOT needs something after it"
    if op.kind == "NEAR":
        return f"{op.text} needs words or phrases on both sides"
    return f"{op.text} needs something on both sides"


def _value(field: str, raw: str, pos: int) -> str:
    value = raw.strip().lower()
    if field == "site":
        value = re.sub(r"^[a-z][a-z0-9+.-]*://", "", value).strip(".")
        if not _HOST.fullmatch(value):
            raise QuerySyntaxError(f"site: needs a host name such as gov.uk, not '{raw}'", pos,
                                   "use url: for part of a link")
    elif field == "channel" and value not in CHANNELS:
        raise QuerySyntaxError(f"unknown channel '{raw}'", pos, f"use one of {', '.join(CHANNELS)}")
    elif field == "language" and not _LANGUAGE.fullmatch(value):
        raise QuerySyntaxError(f"language: needs a language code such as en, not '{raw}'", pos)
    elif not value:
        raise QuerySyntaxError(f"{field}: needs a value", pos)
    return value


def _where(node: Node) -> frozenset[str] | None:
    """The columns whose words a node can match, or None if it has no word positions (AND, NOT, site:...)."""
    if isinstance(node, (Words, Nearby)):
        return _WHERE[node.field]
    if isinstance(node, (Or, Near)):
        left, right = _where(node.left), _where(node.right)
        if left is None or right is None:
            return None
        return left | right if isinstance(node, Or) else left & right
    return None


def _near_node(left: Node, right: Node, op: _Token) -> Near:
    sides = _where(left), _where(right)
    if sides[0] is None or sides[1] is None:
        raise QuerySyntaxError(_needs(op), op.pos)
    if not sides[0] & sides[1]:
        raise QuerySyntaxError(f"{op.text} needs both sides in the same field", op.pos)
    return Near(left, right, op.number or 0, op.ordered)


# -- regular expressions ------------------------------------------------------------------------

@dataclass(frozen=True)
class _Dialect:
    """Python ``re`` (one mention at a time) and RE2 (pyarrow, whole columns) spell words differently."""
    word: str
    between: str  # what separates a phrase's words: spaces or punctuation, never the title/text joint
    before: str
    after: str


_PY = _Dialect(r"\w", r"[^\w\x1f]+", r"(?<!\w)", r"(?!\w)")
_RE2 = _Dialect(r"[\pL\pN_]", r"[^\pL\pN_\x1f]+", r"(?:^|[^\pL\pN_])", r"(?:[^\pL\pN_]|$)")
# RE2 with Unicode classes runs a proximity window 50-100 times slower (its DFA outgrows its memory and
# it falls back to the NFA), so windows use ASCII classes, exact on rows without non-ASCII letters.
_ASCII = _Dialect(r"[a-z0-9_]", r"[^a-z0-9_\x1f]+", r"(?:^|[^a-z0-9_])", r"(?:[^a-z0-9_]|$)")
_FOREIGN = re.compile(r"[^\W\x00-\x7f]")  # a letter or digit outside ASCII
_JOINT = "\x1f"  # joins title and text into one column, so a term over "title or text" is one scan
_HOST_IN_URL = r"^(?:[a-z][a-z0-9+.\-]*:)?//(?:[^@/?#]*@)?(?P<host>[^:/?#]*)"


def _wildcards(text: str, many: str, one: str) -> str:
    return "".join(many if c == "*" else one if c == "?" else re.escape(c) for c in text)


def _words(words: tuple[str, ...], dialect: _Dialect) -> str:
    return "(?:" + dialect.between.join(_wildcards(w, dialect.word + "*", dialect.word) for w in words) + ")"


@lru_cache(maxsize=8192)
def _pattern(leaf: Words | Value, dialect: _Dialect) -> str:
    if isinstance(leaf, Words):
        return dialect.before + _words(leaf.words, dialect) + dialect.after
    if leaf.field == "site":
        return r"(?:^|\.)" + re.escape(leaf.value) + "$"
    if leaf.field == "url":
        return _wildcards(leaf.value, "[^/]*", ".")
    if leaf.field == "channel":
        return "^" + re.escape(leaf.value) + "$"
    return "^" + re.escape(leaf.value) + "(?:[-_].*)?$"  # language: en matches en and en-gb


@lru_cache(maxsize=8192)
def _regex(leaf: Words | Value) -> re.Pattern[str]:
    return re.compile(_pattern(leaf, _PY))


@lru_cache(maxsize=8192)
def _literal(leaf: Words | Value) -> str:
    """The longest piece of a term that any match must contain as it is ("" for field values)."""
    if not isinstance(leaf, Words):
        return ""
    return max((piece for word in leaf.words for piece in _WILDCARD.split(word)), key=len, default="")


def _pieces(leaf: Words | Value) -> tuple[str, ...]:
    """The literal pieces of a term that any match must contain as they are, leaving out those of one or two letters,
    which are in almost every text (the longest piece when all are that short; none for field values)."""
    if not isinstance(leaf, Words):
        return ()
    pieces = tuple(dict.fromkeys(piece for word in leaf.words for piece in _WILDCARD.split(word) if len(piece) > 2))
    return pieces or ((literal,) if (literal := _literal(leaf)) else ())


def _bools(found: pa.Array | pa.ChunkedArray) -> np.ndarray:
    return np.asarray(found.to_numpy(zero_copy_only=False), dtype=bool)


def _leaves(node: Node) -> Iterator[Words | Value]:
    if isinstance(node, (Words, Value)):
        yield node
    elif isinstance(node, Nearby):
        yield from (Words(node.field, (w,)) for w in node.words)
    elif isinstance(node, Not):
        yield from _leaves(node.child)
    else:
        yield from _leaves(node.left)
        yield from _leaves(node.right)


@lru_cache(maxsize=4096)
def parsed(texts: tuple[str, ...]) -> dict[str, Query]:
    """The queries of ``texts`` that parse, by their text: a malformed one is left out (:func:`problems` names
    it when the config is checked; one bad query must not stop a run)."""
    out = {}
    for text in texts:
        try:
            out[text] = parse(text)
        except QuerySyntaxError:
            continue
    return out


def problems(texts: tuple[str, ...], where: str) -> list[str]:
    """Each malformed query of ``texts``, named ``where[j]: message`` ("facts.toml: myths[2] (id): says[1]:
    unclosed quote at 14")."""
    out = []
    for j, text in enumerate(texts, start=1):
        try:
            parse(text)
        except QuerySyntaxError as exc:
            out.append(f"{where}[{j}]: {exc}")
    return out


def term_literals(query: Query) -> tuple[str, ...]:
    """The pieces of text that some term of ``query`` outside a NOT must contain: a folded text holding none
    of them matches no term of it (a substring test, far cheaper than the terms' patterns)."""
    return tuple(dict.fromkeys(_literal(leaf) for leaf in _positive_leaves(query.root) if isinstance(leaf, Words)))


def _positive_leaves(node: Node) -> tuple[Words | Value, ...]:
    """The terms of a query that are not under a NOT (cached: query nodes compare by value)."""
    if isinstance(node, (Words, Value)):
        return (node,)
    if isinstance(node, Nearby):
        return tuple(Words(node.field, (w,)) for w in node.words)
    if isinstance(node, Not):
        return ()
    return _positive_leaves(node.left) + _positive_leaves(node.right)


def _column_of(leaf: Words | Value) -> str:
    if isinstance(leaf, Words):
        return leaf.field or "body"
    return "host" if leaf.field == "site" else leaf.field


# -- word positions (proximity and spans) -------------------------------------------------------

class _Hit(NamedTuple):
    """One match: the words it covers (first..last, by index) and its character spans."""
    first: int
    last: int
    spans: tuple[tuple[int, int], ...]


_TOKEN = re.compile(r"\w+")  # words for distances: runs of letters and digits, as RE2 windows count them


class _Text:
    """One folded field of one mention, tokenised on first need."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._bounds: tuple[list[int], list[int]] | None = None

    def find(self, regex: re.Pattern[str]) -> list[_Hit]:
        """Every match, overlapping ones too ("a a" twice in "a a a"), as RE2 windows would see them."""
        matches, found = [], regex.search(self.text)
        while found:
            matches.append(found)
            found = regex.search(self.text, found.start() + 1)
        if not matches:
            return []
        if self._bounds is None:
            tokens = list(_TOKEN.finditer(self.text))
            self._bounds = [t.start() for t in tokens], [t.end() for t in tokens]
        starts, ends = self._bounds
        hits = []
        for m in matches:
            first = bisect_right(ends, m.start())  # words wholly before the match
            hits.append(_Hit(first, max(first, bisect_left(starts, m.end()) - 1), ((m.start(), m.end()),)))
        return hits


def _hits(node: Node, field: str, text: _Text, first_only: bool = False) -> list[_Hit]:
    """Where a positional node (words, phrase~n, OR of those, NEAR) matches in one field."""
    if isinstance(node, Words):
        return text.find(_regex(node)) if field in _WHERE[node.field] else []
    if isinstance(node, Nearby):
        if field not in _WHERE[node.field]:
            return []
        groups = [text.find(_regex(Words(node.field, (w,)))) for w in node.words]
        return _proximate(groups, node.distance, False, first_only)
    if isinstance(node, Or):
        return _hits(node.left, field, text) + _hits(node.right, field, text)
    if isinstance(node, Near):
        groups = [_hits(node.left, field, text), _hits(node.right, field, text)]
        return _proximate(groups, node.distance, node.ordered, first_only)
    return []


def _proximate(groups: list[list[_Hit]], distance: int, ordered: bool, first_only: bool) -> list[_Hit]:
    """Combinations taking one hit from each group, none overlapping (in group order if ``ordered``),
    with at most ``distance`` other words inside the stretch they cover."""
    if not all(groups):
        return []
    widest = distance + sum(max(h.last - h.first + 1 for h in group) for group in groups)
    found: list[_Hit] = []

    def extend(chosen: list[_Hit], low: int, high: int) -> bool:
        if len(chosen) == len(groups):
            if high - low + 1 - sum(h.last - h.first + 1 for h in chosen) <= distance:
                found.append(_Hit(low, high, tuple(span for h in chosen for span in h.spans)))
                return first_only
            return False
        for hit in groups[len(chosen)]:
            if ordered and chosen and hit.first <= chosen[-1].last:
                continue
            if any(hit.first <= c.last and c.first <= hit.last for c in chosen):
                continue
            wider = min(low, hit.first), max(high, hit.last)
            if wider[1] - wider[0] + 1 <= widest and extend(chosen + [hit], *wider):
                return True
        return False

    extend([], 1 << 62, -1)
    return found


def _positive_hits(node: Node, field: str, text: _Text) -> list[_Hit]:
    if isinstance(node, Not | Value):
        return []
    if isinstance(node, And | Or):
        return _positive_hits(node.left, field, text) + _positive_hits(node.right, field, text)
    return _hits(node, field, text)


def _aligned_fold(original: str) -> tuple[str, list[int]]:
    """The folded text and, for each folded character (plus one past the end), where it came from.

    Folding one character at a time keeps the map exact when NFKD changes the length (ﬁ -> fi,
    é as e + U+0301 -> e). Whole-text folding differs only in rare context rules (Greek final
    sigma): then the whole-text form is used when its length agrees, else the per-character one."""
    if original.isascii():
        return original.lower(), list(range(len(original) + 1))
    pieces = [fold(c) for c in original]
    origin = [i for i, piece in enumerate(pieces) for _ in piece] + [len(original)]
    joined, whole = "".join(pieces), fold(original)
    return (whole if len(whole) == len(joined) else joined), origin


def _merge_spans(spans: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    merged: list[tuple[str, int, int]] = []
    for field, start, end in spans:
        if merged and merged[-1][0] == field and start <= merged[-1][2]:
            merged[-1] = (field, merged[-1][1], max(end, merged[-1][2]))
        else:
            merged.append((field, start, end))
    return merged


# -- evaluation over frames ---------------------------------------------------------------------

def evaluate_many(queries: Mapping[str, Query], frame: pd.DataFrame, workers: int | None = None,
                  re2_from: int = RE2_FROM) -> dict[str, pd.Series]:
    """Evaluate many queries over one frame, each distinct term scanned once for all of them.

    ``workers`` threads scan terms at once (pyarrow releases the GIL); by default one per core
    for large frames and one for small ones, where threads cost more than they save. Frames of
    fewer than ``re2_from`` rows (a feed's new items) are scanned with Python's ``re`` behind a
    substring test instead: RE2 compiles each pattern on every call, which costs more than
    scanning a few hundred rows."""
    if workers is None:
        workers = (os.cpu_count() or 1) if len(frame) >= 50_000 else 1
    python = len(frame) < re2_from
    evaluator = _Evaluator(_Columns(frame), len(frame), workers, python=python)
    if python:
        return {name: pd.Series(found, index=frame.index, dtype=bool)
                for name, found in _as_needed(evaluator, queries).items()}
    evaluator.scan([q.root for q in queries.values()])
    return {name: pd.Series(evaluator.mask(q.root), index=frame.index, dtype=bool) for name, q in queries.items()}


def evaluate_texts(queries: Mapping[str, Query], texts: list[str], re2_from: int = RE2_FROM) -> dict[str, np.ndarray]:
    """Evaluate many queries over texts already folded (:func:`analysis.text.fold`), each the ``text`` field of a
    mention with nothing else (a batch's sentences). Fewer than ``re2_from`` texts take :func:`evaluate_many`'s
    small-frame path without building a frame, a pyarrow column or a series for each query."""
    if len(texts) >= re2_from:
        return {name: found.to_numpy() for name, found in evaluate_many(queries, pd.DataFrame({"text": texts})).items()}
    return _as_needed(_Evaluator(_TextColumns(texts), len(texts), 1, python=True), queries)


def _as_needed(evaluator: _Evaluator, queries: Mapping[str, Query]) -> dict[str, np.ndarray]:
    """A small frame's terms are found as needed: an AND whose left side matches no row never looks for its right
    side; which of the queries' literal pieces occur, and in which rows, is found in one pass per column, and a
    term's regex is tried only in the rows of its rarest piece. The queries are compiled once into numbered steps
    (:class:`_Plan`), so a batch costs no hashing of query nodes."""
    plan = _plan_of(tuple(q.root for q in queries.values()))
    columns, size = evaluator.columns, evaluator.size
    done: list[np.ndarray | None] = [None] * len(plan.steps)
    rows_of: list[np.ndarray | None] = [None] * len(plan.steps)
    where: dict[str, dict[str, np.ndarray]] = {}

    def rows(step: int) -> np.ndarray | None:
        """The rows holding the term's rarest piece (None: a term without one, tried in every row)."""
        found = rows_of[step]
        if found is None:
            column, pieces, _ = plan.terms[step]
            if not pieces:
                return None
            if column not in where:
                where[column] = plan.literals.rows(columns.joined(column), columns.texts(column))
            present = where[column]
            found = rows_of[step] = min((present.get(piece, _NO_ROWS) for piece in pieces), key=len)
        return found

    def absent(step: int) -> bool:
        return step in plan.terms and (found := rows(step)) is not None and not len(found)

    def run(step: int) -> np.ndarray:
        found = done[step]
        if found is not None:
            return found
        op = plan.steps[step]
        kind = op[0]
        if kind == "term":
            column, _, regex = plan.terms[step]
            texts = columns.texts(column)
            found = np.zeros(size, dtype=bool)
            where_rows = rows(step)
            if where_rows is None:
                found[:] = [regex.search(t) is not None for t in texts]
            elif len(where_rows):
                found[where_rows] = [regex.search(texts[row]) is not None for row in where_rows]
        elif kind == "not":
            found = ~run(op[1])
        elif kind == "and":  # stopping when no row is left
            found = None
            for child in op[1]:
                if absent(child):
                    found = np.zeros(size, dtype=bool)
                    break
                found = run(child) if found is None else found & run(child)
                if not found.any():
                    break
        elif kind == "or":  # stopping when every row matches; terms found nowhere passed over
            found = np.zeros(size, dtype=bool)
            for child in op[1]:
                if not absent(child):
                    found = found | run(child)
                    if found.all():
                        break
        else:  # NEAR and "..."~n: word by word, where every side occurs
            found = evaluator._positional(op[1], np.logical_and.reduce([run(side) for side in op[2]]))
        done[step] = found
        return found

    return {name: run(top) for name, top in zip(queries, plan.tops)}


class _Plan:
    """Queries compiled for the small-frame path: each distinct node a numbered step, ("term", leaf), ("not", step),
    ("and" | "or", steps of its chain) or ("nearby" | "near", node, steps of its sides); ``tops`` the queries'
    steps; ``terms`` each term step's column, literal pieces and regex; ``literals`` finds every term's pieces."""

    def __init__(self, roots: tuple[Node, ...]) -> None:
        self.steps: list[tuple] = []  # type: ignore[type-arg]
        self.terms: dict[int, tuple[str, tuple[str, ...], re.Pattern[str]]] = {}
        numbered: dict[Node, int] = {}

        def number(node: Node) -> int:
            if node in numbered:
                return numbered[node]
            if isinstance(node, (Words, Value)):
                op: tuple = ("term", node)  # type: ignore[type-arg]
            elif isinstance(node, Not):
                op = ("not", number(node.child))
            elif isinstance(node, (And, Or)):
                op = ("and" if isinstance(node, And) else "or", tuple(number(child) for child in _chain(node)))
            elif isinstance(node, Nearby):
                op = ("nearby", node, tuple(number(Words(node.field, (word,))) for word in node.words))
            else:
                op = ("near", node, (number(node.left), number(node.right)))  # type: ignore[attr-defined]
            numbered[node] = len(self.steps)
            self.steps.append(op)
            if op[0] == "term":
                self.terms[numbered[node]] = (_column_of(node), _pieces(node), _regex(node))
            return numbered[node]

        self.tops = [number(root) for root in roots]
        self.literals = _Literals({piece for _, pieces, _ in self.terms.values() for piece in pieces})


@lru_cache(maxsize=64)
def _plan_of(roots: tuple[Node, ...]) -> _Plan:
    return _Plan(roots)


class _Evaluator:
    """Boolean arrays for the nodes of queries over one frame, cached by node (nodes compare by value)."""

    def __init__(self, columns: _Columns, size: int, workers: int, python: bool = False) -> None:
        self.columns = columns
        self.size = size
        self.workers = workers
        self.python = python
        self.results: dict[Node, np.ndarray] = {}

    def scan(self, roots: list[Node]) -> None:
        leaves = [leaf for leaf in dict.fromkeys(leaf for root in roots for leaf in _leaves(root))
                  if leaf not in self.results]
        for name in dict.fromkeys(_column_of(leaf) for leaf in leaves):
            self.columns.get(name)  # built here, before the threads: the column cache is not thread-safe
        with ThreadPoolExecutor(max(1, self.workers)) as pool:
            self.results.update(zip(leaves, pool.map(self._scan_leaf, leaves)))

    def _scan_leaf(self, leaf: Words | Value) -> np.ndarray:
        column = self.columns.get(_column_of(leaf))
        pattern = _pattern(leaf, _RE2)
        if not isinstance(leaf, Words) or leaf.words[0][0] in "*?":
            return _bools(pc.match_substring_regex(column, pattern))
        # RE2 jumps to a leading literal with memchr: finding the term without its left boundary
        # first, then checking the whole pattern on the rows found, is 1.5-3 times faster.
        rough = _bools(pc.match_substring_regex(column, _words(leaf.words, _RE2) + _RE2.after))
        out = np.zeros(len(column), dtype=bool)
        rows = np.flatnonzero(rough)
        if len(rows):
            out[rows[_bools(pc.match_substring_regex(pc.filter(column, rough), pattern))]] = True
        return out

    def mask(self, node: Node) -> np.ndarray:
        if node not in self.results:
            self.results[node] = self._compute(node)
        return self.results[node]

    def _compute(self, node: Node) -> np.ndarray:
        if isinstance(node, Not):
            return ~self.mask(node.child)
        if isinstance(node, And):  # a chain of ANDs at once, stopping when no row is left
            out = None
            for operand in _chain(node):
                out = self.mask(operand) if out is None else out & self.mask(operand)
                if not out.any():
                    break
            return out
        if isinstance(node, Or):  # a chain of ORs at once, stopping when every row matches
            out = np.zeros(self.size, dtype=bool)
            for operand in _chain(node):
                out = out | self.mask(operand)
                if out.all():
                    break
            return out
        if isinstance(node, Nearby):
            both = np.logical_and.reduce([self.mask(Words(node.field, (w,))) for w in node.words])
            return self._positional(node, both)
        if isinstance(node, Near):
            return self._positional(node, self.mask(node.left) & self.mask(node.right))
        return self._scan_leaf(node)

    def _positional(self, node: Nearby | Near, candidates: np.ndarray) -> np.ndarray:
        """Match the node's RE2 window on the rows where every side occurs; check word by word in
        Python the rows with non-ASCII letters, and those where the window is not exact."""
        out = np.zeros(self.size, dtype=bool)
        if self.python:
            rows = np.flatnonzero(candidates)
            fields = sorted(_where(node) or ())
            out[rows[np.array([self._check(node, row, fields) for row in rows], dtype=bool)]] = True
            return out
        unscoped = all(leaf.field == "" for leaf in _leaves(node))
        for column in ["body"] if unscoped else sorted(_where(node) or ()):
            window = _window(node, column)
            if window is None:
                continue
            rows = np.flatnonzero(candidates)
            foreign = self.columns.foreign(column)[rows]
            plain, exact = rows[~foreign], window[1]
            try:
                plain = plain[_bools(pc.match_substring_regex(pc.take(self.columns.get(column), pa.array(plain)),
                                                              _ASCII.before + window[0] + _ASCII.after))]
            except pa.ArrowInvalid:  # too large for RE2 (a wide NEAR of phrases): check word by word
                exact = False
            if exact:
                out[plain] = True
            check = rows[foreign] if exact else np.concatenate([rows[foreign], plain])
            fields = sorted(_where(node) or ()) if column == "body" else [column]
            out[check[np.array([self._check(node, row, fields) for row in check], dtype=bool)]] = True
        return out

    def _check(self, node: Nearby | Near, row: int, fields: list[str]) -> bool:
        if self.python:
            return any(_hits(node, f, _Text(self.columns.texts(f)[int(row)]), first_only=True) for f in fields)
        return any(_hits(node, f, _Text(self.columns.get(f)[int(row)].as_py()), first_only=True) for f in fields)


@lru_cache(maxsize=8192)
def _chain(node: And | Or) -> tuple[Node, ...]:
    """The operands of a chain of the same operator, in order: ``a OR b OR c`` is (a, b, c)."""
    kind = type(node)
    out: list[Node] = []
    stack: list[Node] = [node]
    while stack:
        top = stack.pop()
        if type(top) is kind:
            stack += [top.right, top.left]  # type: ignore[union-attr]
        else:
            out.append(top)
    return tuple(out)


class _Literals:
    """Some queries' literal pieces, and an automaton that finds which of them a text holds, and where."""

    def __init__(self, pieces: Iterable[str]) -> None:
        self.pieces = frozenset(pieces)
        self._automaton = ahocorasick.Automaton()
        for piece in self.pieces:
            self._automaton.add_word(piece, piece)
        if self.pieces:
            self._automaton.make_automaton()

    def rows(self, joined: str, texts: list[str]) -> dict[str, np.ndarray]:
        """For each piece found in ``joined`` (``texts`` joined by newlines, which no piece holds), the rows that
        hold it."""
        if not self.pieces:
            return {}
        found = list(self._automaton.iter(joined))
        if not found:
            return {}
        joints = np.cumsum([len(t or "") + 1 for t in texts]) - 1  # where each row's joining newline is
        # a match ending at offset e lies in the row after the joints before e
        rows = np.searchsorted(joints, [end for end, _ in found]).tolist()
        out: dict[str, dict[int, None]] = {}
        for (_, piece), row in zip(found, rows):
            out.setdefault(piece, {})[row] = None
        return {piece: np.fromiter(its, dtype=np.intp, count=len(its)) for piece, its in out.items()}


_NO_ROWS = np.zeros(0, dtype=np.intp)


def _gap(distance: int) -> str:
    return f"{_ASCII.between}(?:{_ASCII.word}+{_ASCII.between}){{0,{distance}}}"


def _near_window(left: str, right: str, distance: int, ordered: bool) -> str:
    gap = _gap(distance)
    return f"(?:{left}{gap}{right})" if ordered else f"(?:{left}{gap}{right}|{right}{gap}{left})"


def _spread(words: list[str], distance: int, most: int = 120) -> list[str] | None:
    """Exact windows for "a b c"~n: each order of the words, the n other words shared among the gaps
    in every way (the last gap takes what is left); None when that is more than ``most`` windows."""
    windows: list[str] = []
    for order in dict.fromkeys(permutations(words)):
        for budget in _budgets(len(words) - 1, distance):
            windows.append(order[0] + "".join(_gap(b) + w for b, w in zip(budget, order[1:])))
            if len(windows) > most:
                return None
    return windows


def _budgets(gaps: int, total: int) -> Iterator[tuple[int, ...]]:
    if gaps == 1:
        yield (total,)
        return
    for first in range(total + 1):
        yield from ((first, *rest) for rest in _budgets(gaps - 1, total - first))


def _window(node: Node, column: str) -> tuple[str, bool] | None:
    """RE2 for a stretch of one column where a positional node matches, and whether it is exact (else
    a necessary condition, to check word by word); None when nothing in the node can match there."""
    if isinstance(node, (Words, Nearby)):
        if not (node.field == "" if column == "body" else column in _WHERE[node.field]):
            return None
        if isinstance(node, Words):
            return _words(node.words, _ASCII), True
        words = [_words((w,), _ASCII) for w in node.words]
        spread = _spread(words, node.distance)
        if spread is not None:
            return "(?:" + "|".join(spread) + ")", True
        return "(?:" + "|".join(words) + ")", False  # too many orders to spell out: any word, then check
    if isinstance(node, Or):
        sides = [side for side in (_window(node.left, column), _window(node.right, column)) if side]
        return ("(?:" + "|".join(body for body, _ in sides) + ")", all(exact for _, exact in sides)) if sides else None
    if isinstance(node, Near):
        left, right = _window(node.left, column), _window(node.right, column)
        if left is None or right is None:
            return None
        return _near_window(left[0], right[0], node.distance, node.ordered), left[1] and right[1]
    return None


class _Columns:
    """The folded columns of one frame as pyarrow arrays, each built once on first use."""

    def __init__(self, frame: pd.DataFrame) -> None:
        self.frame = frame
        self.built: dict[str, pa.Array] = {}
        self.flags: dict[str, np.ndarray] = {}
        self.lists: dict[str, list[str]] = {}

    def get(self, name: str) -> pa.Array:
        if name not in self.built:
            self.built[name] = self._build(name)
        return self.built[name]

    def texts(self, name: str) -> list[str]:
        """A folded column as Python strings (for the small-frame path)."""
        key = f"texts {name}"
        if key not in self.lists:
            self.lists[key] = self.get(name).to_pylist()
        return self.lists[key]

    def joined(self, name: str) -> str:
        """A folded column's texts in one string (a term absent from it is in no row)."""
        key = f"joined {name}"
        if key not in self.lists:
            self.lists[key] = "\n".join(t or "" for t in self.texts(name))  # type: ignore[assignment]
        return self.lists[key]  # type: ignore[return-value]

    def foreign(self, name: str) -> np.ndarray:
        """Rows of a folded column holding a letter or digit outside ASCII (few: accents are folded)."""
        key = f"foreign {name}"
        if key not in self.flags:
            column = self.get(name)
            rows = np.flatnonzero(~_bools(pc.string_is_ascii(column)))
            flags = np.zeros(len(column), dtype=bool)
            flags[rows] = [bool(_FOREIGN.search(t)) for t in pc.take(column, pa.array(rows)).to_pylist()]
            self.flags[key] = flags
        return self.flags[key]

    def _build(self, name: str) -> pa.Array:
        if name in TEXT_FIELDS:
            return _fold_array(self._raw(name))
        if name == "body":
            joint = pa.scalar(_JOINT, pa.large_string())
            return pc.binary_join_element_wise(self.get("title"), self.get("text"), joint)
        if name == "host":
            return pc.fill_null(pc.struct_field(pc.extract_regex(self.get("url"), _HOST_IN_URL), "host"), "")
        return pc.utf8_lower(self._raw(name))  # url, channel, language

    def _raw(self, name: str) -> pa.Array:
        if name not in self.frame.columns:  # e.g. no language column: every language: term fails
            return pa.array([""] * len(self.frame), type=pa.large_string())
        values = pa.array(self.frame[name].astype("string"), from_pandas=True)
        if isinstance(values, pa.ChunkedArray):
            values = values.combine_chunks()
        return pc.fill_null(values.cast(pa.large_string()), "")


_NO_FRAME = pd.DataFrame()


class _TextColumns(_Columns):
    """The columns of mentions that hold only a folded ``text`` (the small-frame path reads Python strings only)."""

    def __init__(self, texts: list[str]) -> None:
        super().__init__(_NO_FRAME)
        empty = [""] * len(texts)
        self.lists.update({f"texts {name}": empty for name in (*TEXT_FIELDS, "host", "url", "channel", "language")})
        self.lists.update({"texts text": texts, "texts body": [_JOINT + t for t in texts]})

    def get(self, name: str) -> pa.Array:
        raise NotImplementedError(f"{name}: only Python strings on this path")


def _fold_array(values: pa.Array) -> pa.Array:
    """analysis.text.fold over a column: pyarrow lower-cases ASCII rows, Python folds the others."""
    lowered = pc.utf8_lower(values)
    plain = pc.string_is_ascii(values)
    if pc.all(plain).as_py() is not False:
        return lowered
    other = pc.invert(plain)
    folded = [fold(t) for t in pc.filter(values, other).to_pylist()]
    return pc.replace_with_mask(lowered, other, pa.array(folded, type=lowered.type))


# -- one mention at a time ----------------------------------------------------------------------

class _Row:
    """Evaluates a query on one mention with Python's re: the reference the frame path must agree with."""

    def __init__(self, mention: Mapping[str, object]) -> None:
        def get(name: str) -> str:
            value = mention.get(name)
            return value if isinstance(value, str) else ""
        self.text = {name: fold(get(name)) for name in TEXT_FIELDS}
        url = get("url").lower()
        host = re.match(_HOST_IN_URL, url)
        self.value = {"url": url, "site": host["host"] if host else "", "channel": get("channel").lower(),
                      "language": get("language").lower()}

    def test(self, node: Node) -> bool:
        if isinstance(node, Not):
            return not self.test(node.child)
        if isinstance(node, And):
            return self.test(node.left) and self.test(node.right)
        if isinstance(node, Or):
            return self.test(node.left) or self.test(node.right)
        if isinstance(node, Value):
            return _regex(node).search(self.value[node.field]) is not None
        if isinstance(node, Words):  # the regex only where its literal piece is
            literal = _literal(node)
            return any(literal in self.text[f] and _regex(node).search(self.text[f]) for f in _WHERE[node.field])
        return any(_hits(node, f, _Text(self.text[f]), first_only=True) for f in sorted(_where(node) or ()))
