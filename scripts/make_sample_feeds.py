#!/usr/bin/env python3
"""Generate the offline demo corpus for Listening Post (sample_feeds/).

Deterministic: all randomness comes from random.Random(SEED), there is no network
access and only the standard library is used, so running this twice produces
byte-identical files.  Every sentence is composed from the templates and phrase
banks below, written for this project; none of it is copied from a real feed.

The corpus exercises config/sources.toml, config/watchlist.toml and config/facts.toml:
all topics and voices are mentioned, there are factual-inaccuracy candidates
(wrong current figures and paraphrased myths), correct statements of the current
figures, tricky non-claims (hypotheticals, past figures, "should be", predictions,
corrections), questions, personal cases that need a referral, and off-topic noise.

Regenerate with:  .venv/bin/python scripts/make_sample_feeds.py
"""
from __future__ import annotations

import datetime as dt
import html
import json
import random
import re
import sys
from collections import Counter
from pathlib import Path

SEED = 20250901
ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "sample_feeds"

UTC = dt.timezone.utc
START = dt.datetime(2025, 9, 1, tzinfo=UTC)
END = dt.datetime(2025, 10, 31, 23, 59, 59, tzinfo=UTC)
DAYS = 61
BST_END = dt.datetime(2025, 10, 26, 1, 0, tzinfo=UTC)  # clocks go back
DOW = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
MON = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July",
               "August", "September", "October", "November", "December"]

# --------------------------------------------------------------------------------------
# Time helpers
# --------------------------------------------------------------------------------------


def uk(t: dt.datetime) -> dt.datetime:
    """UK local time (BST until 26 October 2025, GMT afterwards)."""
    return t.astimezone(dt.timezone(dt.timedelta(hours=1 if t < BST_END else 0)))


def rfc822_gmt(t: dt.datetime) -> str:
    t = t.astimezone(UTC)
    return f"{DOW[t.weekday()]}, {t.day:02d} {MON[t.month - 1]} {t.year} {t:%H:%M:%S} GMT"


def rfc822_local(t: dt.datetime) -> str:
    lt = uk(t)
    off = "+0100" if lt.utcoffset() else "+0000"
    return f"{DOW[lt.weekday()]}, {lt.day:02d} {MON[lt.month - 1]} {lt.year} {lt:%H:%M:%S} {off}"


def iso_z(t: dt.datetime) -> str:
    return t.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def iso_utc(t: dt.datetime) -> str:
    return t.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S+00:00")


def iso_local(t: dt.datetime) -> str:
    return uk(t).isoformat()


def iso_ms(t: dt.datetime, ms: int) -> str:
    return t.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S") + f".{ms:03d}Z"


# Relative weights of posting hour (UK local time) for different kinds of source.
HOURS = {
    "news": [1, 0, 0, 0, 0, 1, 4, 7, 8, 7, 6, 6, 6, 5, 5, 5, 5, 5, 4, 4, 3, 3, 2, 1],
    "social": [4, 3, 2, 1, 1, 1, 2, 3, 4, 4, 4, 5, 5, 5, 5, 5, 5, 5, 6, 6, 7, 7, 6, 5],
    "older": [0, 0, 0, 0, 0, 1, 3, 5, 7, 8, 8, 7, 6, 6, 6, 5, 4, 4, 4, 3, 2, 1, 0, 0],
    "blog": [0, 0, 0, 0, 0, 0, 2, 5, 7, 6, 5, 4, 5, 4, 3, 3, 3, 3, 4, 5, 5, 4, 2, 1],
    "office": [0, 0, 0, 0, 0, 0, 0, 1, 3, 6, 7, 6, 5, 6, 6, 5, 3, 1, 0, 0, 0, 0, 0, 0],
}


def at_local(day: int, hour: int, minute: int, second: int) -> dt.datetime:
    """UTC instant for a UK local wall-clock time on day `day` (0 = 1 Sep 2025)."""
    naive = START + dt.timedelta(days=day, hours=hour, minutes=minute, seconds=second)
    t = naive - dt.timedelta(hours=1 if naive < BST_END else 0)
    return min(max(t, START), END)


def spread(rng: random.Random, n: int, profile: str, weekdays: bool = False,
           lo: int = 0, hi: int = DAYS) -> list[dt.datetime]:
    """n timestamps stratified across days lo..hi-1 so every day gets something."""
    out = []
    for i in range(n):
        d = lo + int((i + rng.random()) * (hi - lo) / n)
        if weekdays:
            wd = (START + dt.timedelta(days=d)).weekday()
            if wd == 5:
                d -= 1
            elif wd == 6:
                d = d + 1 if d + 1 < DAYS else d - 2
        h = rng.choices(range(24), weights=HOURS[profile])[0]
        out.append(at_local(d, h, rng.randrange(60), rng.randrange(60)))
    return out


# --------------------------------------------------------------------------------------
# Text helpers: a paragraph is a list of segments; a segment is a plain-text string,
# ("a", href, text), ("b", text) for <strong>, or ("em", text).
# --------------------------------------------------------------------------------------


def P(*parts) -> list:
    segs: list = []
    for i, part in enumerate(parts):
        if part is None or part == "":
            continue
        if segs:
            segs.append(" ")
        if isinstance(part, (str, tuple)):
            segs.append(part)
        else:
            segs.extend(part)
    merged: list = []
    for s in segs:
        if isinstance(s, str) and merged and isinstance(merged[-1], str):
            merged[-1] += s
        else:
            merged.append(s)
    return merged


AMOUNT_RE = re.compile(r"£\d[\d,]*(?:\.\d\d)?(?: (?:a|an|per) (?:week|month|hour))?")


def emph(sentence: str, rng: random.Random, prob: float = 0.5) -> list:
    m = AMOUNT_RE.search(sentence)
    if not m or rng.random() > prob:
        return [sentence]
    return [sentence[:m.start()], ("b", m.group(0)), sentence[m.end():]]


def esc_text(s: str, st: dict) -> str:
    s = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if st.get("quotes") == "smart":
        s = re.sub(r'"([^"]*)"', "\u201c\\1\u201d", s)
    apos = st.get("apos", "'")
    if apos != "'":
        s = s.replace("'", apos)
    if st.get("pound") == "entity":
        s = s.replace("£", "&pound;")
    return s


def seg_html(seg, st: dict) -> str:
    if isinstance(seg, str):
        return esc_text(seg, st)
    tag = seg[0]
    if tag == "a":
        return f'<a href="{html.escape(seg[1], quote=True)}"{st.get("a_attrs", "")}>{esc_text(seg[2], st)}</a>'
    if tag == "b":
        return f"<strong>{esc_text(seg[1], st)}</strong>"
    if tag == "em":
        return f"<em>{esc_text(seg[1], st)}</em>"
    raise ValueError(seg)


def para_html(p, st: dict) -> str:
    if isinstance(p, dict) and "ul" in p:
        return "<ul>" + "".join("<li>" + "".join(seg_html(s, st) for s in li) + "</li>" for li in p["ul"]) + "</ul>"
    if isinstance(p, dict) and "quote" in p:
        q = p["quote"]
        return (f'<aside class="quote no-group" data-username="{q["username"]}" data-post="{q["post"]}" '
                f'data-topic="{q["topic"]}">\n<div class="title">\n<div class="quote-controls"></div>\n'
                f'<img alt="" width="24" height="24" src="{q["avatar"]}" class="avatar"> {q["username"]}:</div>\n'
                f"<blockquote>\n<p>{esc_text(q['text'], st)}</p>\n</blockquote>\n</aside>")
    return "<p>" + "".join(seg_html(s, st) for s in p) + "</p>"


def body_html(paras, st: dict, sep: str = "\n") -> str:
    return sep.join(para_html(p, st) for p in paras)


def seg_text(seg) -> str:
    return seg if isinstance(seg, str) else seg[-1]


def para_text(p) -> str:
    if isinstance(p, dict) and "ul" in p:
        return "\n".join("- " + "".join(seg_text(s) for s in li) for li in p["ul"])
    if isinstance(p, dict) and "quote" in p:
        return p["quote"]["text"]
    return "".join(seg_text(s) for s in p)


def body_text(paras, sep: str = "\n\n") -> str:
    return sep.join(para_text(p) for p in paras)


def seg_md(seg) -> str:
    if isinstance(seg, str):
        return seg
    if seg[0] == "a":
        return f"[{seg[2]}]({seg[1]})"
    if seg[0] == "b":
        return f"**{seg[1]}**"
    return f"*{seg[1]}*"


def body_md(paras) -> str:
    out = []
    for p in paras:
        if isinstance(p, dict) and "ul" in p:
            out.append("\n".join("* " + "".join(seg_md(s) for s in li) for li in p["ul"]))
        elif isinstance(p, dict) and "quote" in p:
            q = p["quote"]
            out.append(f'[quote="{q["username"]}, post:{q["post"]}, topic:{q["topic"]}"]\n{q["text"]}\n[/quote]')
        else:
            out.append("".join(seg_md(s) for s in p))
    return "\n\n".join(out)


def x(s: str) -> str:
    """Escape for an XML text node."""
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def xa(s: str) -> str:
    """Escape for an XML attribute value."""
    return x(s).replace('"', "&quot;")


def slugify(title: str, sep: str = "-", limit: int = 70) -> str:
    s = re.sub(r"[^a-z0-9]+", sep, title.lower().replace("'", "").replace("\u2019", "")).strip(sep)
    if len(s) > limit:
        s = s[:limit].rsplit(sep, 1)[0]
    return s


def sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+", text.strip()) if s]


class Bank:
    """Deterministic pick-without-replacement per key, refilled when exhausted."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.pools: dict[str, list[int]] = {}

    def pick(self, key: str, seq):
        pool = self.pools.get(key)
        if not pool:
            pool = list(range(len(seq)))
            self.rng.shuffle(pool)
            self.pools[key] = pool
        return seq[pool.pop()]


CITIES = ["Leeds", "Swansea", "Norwich", "Plymouth", "Stoke-on-Trent", "Derby", "Sunderland",
          "Bristol", "Wolverhampton", "Preston", "Hull", "Cardiff", "Luton", "Carlisle", "Exeter",
          "Blackpool", "Lincoln", "Newport", "Doncaster", "Ipswich"]
TOWNS = ["Haverbridge", "Eastmoor", "Calderbank", "Rothwick", "Saltby", "Kelderwick", "Thornholme",
         "Ashworth Vale", "Marsden Cross", "Brackley Fold"]
FIRSTS_OLD = ["Maureen", "Ken", "Pauline", "Derek", "Jean", "Brian", "Sandra", "Trevor", "Carol",
              "Malcolm", "Irene", "Graham", "Lesley", "Clive", "Brenda", "Alan"]
FIRSTS_YOUNG = ["Jade", "Liam", "Sophie", "Kyle", "Amira", "Dan", "Chloe", "Tariq", "Gemma",
                "Ryan", "Leanne", "Marcus", "Nadia", "Josh", "Kirsty", "Owen"]
JOBS = ["care worker", "warehouse picker", "school cook", "delivery driver", "retail assistant",
        "cleaner", "hospital porter", "kitchen porter", "call-centre adviser", "bar worker"]
OLD_JOBS = ["retired bus driver", "former nurse", "retired postman", "former dinner lady",
            "retired joiner", "former shop manager", "retired miner", "former care assistant"]
RELF = ["my mum", "my nan", "my mother-in-law", "my aunt", "my gran"]
RELM = ["my dad", "my grandad", "my father-in-law", "my uncle", "my step-dad"]
RELN = ["my mum", "my dad", "my nan", "my grandad", "my mother-in-law", "my uncle", "my aunt"]
WEEKS = ["six", "seven", "eight", "nine", "ten", "eleven", "twelve"]
MONTHS_N = ["three", "four", "five", "six", "seven"]


class Slots(dict):
    """Lazily generated template slots; a slot used twice in a template stays the same."""

    def __init__(self, rng: random.Random, when: dt.datetime):
        super().__init__()
        self.rng, self.when = rng, when

    def __missing__(self, key):
        if key[0].isupper():
            base = self[key[0].lower() + key[1:]]
            val = base[0].upper() + base[1:]
        else:
            r, w = self.rng, uk(self.when)
            gen = {
                "city": lambda: r.choice(CITIES),
                "place": lambda: r.choice(TOWNS),
                "first": lambda: r.choice(FIRSTS_OLD),
                "young": lambda: r.choice(FIRSTS_YOUNG),
                "job": lambda: r.choice(JOBS),
                "oldjob": lambda: r.choice(OLD_JOBS),
                "relf": lambda: r.choice(RELF),
                "relm": lambda: r.choice(RELM),
                "rel": lambda: r.choice(RELN),
                "weeks": lambda: r.choice(WEEKS),
                "months": lambda: r.choice(MONTHS_N),
                "age": lambda: str(r.randint(58, 65)),
                "oldage": lambda: str(r.randint(71, 89)),
                "workage": lambda: str(r.randint(19, 57)),
                "shop": lambda: str(r.choice([38, 42, 47, 53, 56, 61, 64, 68, 72])),
                "wk": lambda: str(w.isocalendar()[1]),
                "month": lambda: MONTH_NAMES[w.month - 1],
                "weekday": lambda: ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
                                    "Saturday", "Sunday"][w.weekday()],
                "optout": lambda: ("you can still opt out on GOV.UK until 15 September"
                                   if self.when < dt.datetime(2025, 9, 15, 23, 0, tzinfo=UTC)
                                   else "the opt-out deadline was 15 September, so now HMRC will "
                                        "take it back through your tax instead"),
            }[key]
            val = gen()
        self[key] = val
        return val


def fill(rng: random.Random, when: dt.datetime, s: str) -> str:
    return s.format_map(Slots(rng, when))
