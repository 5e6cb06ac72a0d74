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
    while t < START:  # just after local midnight on 1 September is still 31 August in UTC
        t += dt.timedelta(hours=1)
    return min(t, END)


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
            "retired joiner", "former shop manager", "retired factory worker", "former care assistant"]
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


# --------------------------------------------------------------------------------------
# Phrase banks.  Topic keys: sp State Pension, pc Pension Credit, uc Universal Credit,
# wfp Winter Fuel Payment, pip PIP, jc Jobcentre, nlw National Living Wage.
# --------------------------------------------------------------------------------------

TOPICS = ["sp", "pc", "uc", "wfp", "pip", "jc", "nlw"]
TNAME = {
    "sp": ["the State Pension", "State Pension rules", "the triple lock"],
    "pc": ["Pension Credit", "Pension Credit claims"],
    "uc": ["Universal Credit", "Universal Credit claims"],
    "wfp": ["the Winter Fuel Payment", "winter fuel support"],
    "pip": ["PIP", "Personal Independence Payment"],
    "jc": ["Jobcentre appointments", "the Jobcentre"],
    "nlw": ["the national living wage", "minimum wage rules"],
}
TOPIC_URL = {
    "sp": "https://www.gov.uk/new-state-pension",
    "pc": "https://www.gov.uk/pension-credit",
    "uc": "https://www.gov.uk/universal-credit",
    "wfp": "https://www.gov.uk/winter-fuel-payment",
    "pip": "https://www.gov.uk/pip",
    "jc": "https://www.gov.uk/contact-jobcentre-plus",
    "nlw": "https://www.gov.uk/national-minimum-wage-rates",
}
VOICE_URL = {
    "ca": "https://www.citizensadvice.org.uk/benefits/",
    "age": "https://www.ageuk.org.uk/information-advice/money-legal/benefits-entitlements/",
    "mse": "https://www.moneysavingexpert.com/family/benefits-checker/",
    "t2u": "https://benefits-calculator.turn2us.org.uk/",
}

FACT_TOPIC = {"nsp": "sp", "bsp": "sp", "spa": "sp", "pc": "pc", "uc": "uc", "nlw": "nlw"}
MYTH_TOPIC = {"wfp": "wfp", "spa70": "sp", "pchome": "pc"}

# Wrong current figures (old rates or plain wrong), keyword + number + unit + period in one sentence.
WRONG = {
    "nsp": {
        "f": ["Pensioners on the full new State Pension receive £221.20 a week.",
              "The full new State Pension currently stands at £221.20 per week.",
              "Someone on the full new State Pension gets £221.20 a week before any private pension is added.",
              "The full State Pension is worth £203.85 a week, a figure campaigners say is far too low."],
        "c": ["The full new State Pension is only £221.20 a week, it's a joke.",
              "Full state pension is £203.85 a week, try heating a house on that.",
              "The state pension is £221.20 a week and that's your lot.",
              "The full new State Pension is £250 a week now and it still doesn't cover the bills."],
    },
    "bsp": {
        "f": ["People who reached pension age before April 2016 get the basic State Pension of £169.50 a week.",
              "The full basic State Pension is £169.50 a week for older pensioners."],
        "c": ["The old basic State Pension is £156.20 a week, I should know, I've been on it for years.",
              "basic state pension is £169.50 a week if you retired before 2016, that's all you get"],
    },
    "spa": {
        "f": ["The State Pension age is now 67 for both men and women.",
              "The State Pension age has already risen to 67."],
        "c": ["State pension age is 68 now, they moved it again.",
              "The pension age is already 67 so I've got ages yet.",
              "You can't get it till 67, the state pension age is 67 now.",
              "state pension age is 67 these days so my plans have gone out the window"],
    },
    "pc": {
        "f": ["Pension Credit tops up a single pensioner's income to £218.15 a week.",
              "Pension Credit guarantees a single person a minimum income of £218.15 a week."],
        "c": ["Pension Credit tops you up to £218.15 a week if you're single, that's it.",
              "pension credit only brings you up to £201.05 a week if you live on your own",
              "Pension Credit tops a single person up to £218.15 a week, so check if you're under that."],
    },
    "uc": {
        "f": ["The Universal Credit standard allowance for a single adult over 25 is £393.45 a month.",
              "Single claimants aged 25 or over receive a Universal Credit standard allowance of £393.45 a month."],
        "c": ["The Universal Credit standard allowance is £393.45 a month, good luck living on that.",
              "Universal Credit pays a single person £368.74 a month before anything else is added.",
              "standard allowance is £334.91 a month and my rent alone is more than that",
              "UC standard allowance is £393.45 a month for over 25s and it hasn't moved in ages."],
    },
    "nlw": {
        "f": ["The national living wage is £11.44 an hour for workers aged 21 and over.",
              "Workers aged 21 and over are entitled to the national living wage of £11.44 an hour."],
        "c": ["The national living wage is £11.44 an hour.",
              "minimum wage is £10.42 an hour and they wonder why nobody wants these jobs",
              "We're on the national living wage, which is £11.44 per hour, and it barely covers the bus and the shopping.",
              "national living wage is only £11.44 an hour, how is anyone meant to rent round here"],
    },
}

# Myths from [[myths]], in the listed wording and in paraphrase.
MYTHS = {
    "wfp": ["The winter fuel payment has been scrapped for all pensioners.",
            "So the winter fuel allowance is gone for every pensioner now.",
            "Nobody gets the winter fuel payment any more, they took it off everyone.",
            "They've abolished the winter fuel payment completely, so my dad won't see a penny this year.",
            "Winter fuel payment has been scrapped, so don't hold your breath for it in November.",
            "There's no winter fuel payment for anyone this year, it's finished."],
    "spa70": ["The state pension age is rising to 70 next year.",
              "They're pushing the state pension age to 70 next year.",
              "From next year the pension age will be 70, so that's me working another four years.",
              "Nobody will get their State Pension before 70 from next year, it was on the news.",
              "pension age will be 70 next year so we'll all be working till we drop"],
    "pchome": ["Don't bother applying for Pension Credit if you own your house, you won't get it.",
               "Homeowners can't get Pension Credit, it's only for people who rent.",
               "Pension Credit is not for homeowners, so with the house paid off we don't qualify.",
               "Owning your own home rules you out of Pension Credit straight away.",
               "If you've paid off your mortgage you can forget Pension Credit, they won't give it to homeowners."],
}

# Correct statements of the current (2025-26) figures.
CORRECT = {
    "nsp": {
        "f": ["The full new State Pension is £230.25 a week in the 2025 to 2026 tax year.",
              "Since April, the full new State Pension has been £230.25 a week.",
              "The full new State Pension is currently £230.25 per week."],
        "c": ["Full new State Pension is £230.25 a week this tax year, but check your own forecast on GOV.UK.",
              "The new State Pension is £230.25 a week at the full rate, not everyone gets the full amount though.",
              "full state pension is £230.25 a week now if you've got your 35 qualifying years"],
    },
    "bsp": {
        "f": ["The full basic State Pension, for people who reached pension age before 6 April 2016, is £176.45 a week.",
              "The old basic State Pension pays £176.45 a week at the full rate."],
        "c": ["Basic State Pension is £176.45 a week if you retired before April 2016.",
              "if you're on the old basic state pension the full rate is £176.45 a week"],
    },
    "spa": {
        "f": ["The State Pension age is currently 66 for both men and women.",
              "The State Pension age is 66."],
        "c": ["State Pension age is 66 right now, whatever you've read on Facebook.",
              "pension age is 66 at the moment for everyone"],
    },
    "pc": {
        "f": ["Pension Credit tops up a single person's income to £227.10 a week.",
              "For a single pensioner, Pension Credit guarantees an income of £227.10 a week."],
        "c": ["Pension Credit tops you up to £227.10 a week if you're single.",
              "pension credit brings a single person up to £227.10 a week this year"],
    },
    "uc": {
        "f": ["The Universal Credit standard allowance for a single person aged 25 or over is £400.14 a month.",
              "A single claimant aged 25 or over gets a Universal Credit standard allowance of £400.14 a month."],
        "c": ["Standard allowance is £400.14 a month if you're single and over 25.",
              "Universal Credit standard allowance is £400.14 a month for a single person over 25, then housing and kids go on top."],
    },
    "nlw": {
        "f": ["The national living wage is £12.21 an hour for workers aged 21 and over.",
              "Since April the national living wage has been £12.21 an hour."],
        "c": ["Minimum wage for anyone 21 or over is £12.21 an hour.",
              "national living wage is £12.21 an hour now, check your payslip"],
    },
}

# Tricky non-claims: (subtype, topic, fact-or-myth it brushes against, register, text).
NONCLAIMS = [
    ("hyp", "sp", "nsp", "c", "If the State Pension went up to £250 a week, I might actually put the heating on."),
    ("hyp", "nlw", "nlw", "c", "Even if the minimum wage were £15 an hour, rents round here would swallow it."),
    ("hyp", "uc", "uc", "c", "If the standard allowance was £600 a month, fewer people would need food banks."),
    ("hyp", "pc", "pc", "c", "If Pension Credit topped people up to £300 a week, take-up would surely go through the roof."),
    ("hyp", "sp", "nsp", "f", "Were the full State Pension to reach £300 a week, the cost to the Treasury would rise sharply."),
    ("hyp", "sp", "spa", "f", "Suppose the pension age went to 70 one day; people in physical jobs would struggle to last that long."),
    ("past", "sp", "nsp", "f", "In 2023 the full new State Pension was £203.85 a week."),
    ("past", "nlw", "nlw", "f", "Back in 2024 the national living wage was £11.44 an hour."),
    ("past", "pc", "pc", "c", "Last year Pension Credit topped a single person up to £218.15 a week."),
    ("past", "uc", "uc", "c", "When I first claimed in 2023, the Universal Credit standard allowance was £368.74 a month."),
    ("past", "sp", "nsp", "c", "In 2024-25 the full new State Pension was £221.20 a week, so April's rise did help a bit."),
    ("past", "sp", "spa", "c", "When my mum retired in 2010, the State Pension age for women was 60."),
    ("should", "nlw", "nlw", "c", "The minimum wage should be £15 an hour, full stop."),
    ("should", "sp", "nsp", "c", "The State Pension should be at least £300 a week, given what energy costs now."),
    ("should", "uc", "uc", "c", "In my view the standard allowance ought to be £500 a month at the very least."),
    ("should", "pc", "pc", "c", "Pension Credit should top people up to £250 a week, not leave them scraping by."),
    ("should", "nlw", "nlw", "f", "Campaigners say the national living wage should be £13.45 an hour to match real living costs."),
    ("pred", "sp", "nsp", "a", "Next April the State Pension will rise to about £241 a week under the triple lock."),
    ("pred", "sp", "nsp", "f", "The full new State Pension is expected to reach around £241.30 a week from April 2026."),
    ("pred", "sp", "spa", "f", "The State Pension age will rise to 67 between 2026 and 2028."),
    ("pred", "nlw", "nlw", "a", "The national living wage is likely to go up to about £12.70 an hour next April."),
    ("pred", "pc", "pc", "f", "Pension Credit could rise to roughly £238 a week next year if it follows earnings."),
    ("pred", "uc", "uc", "f", "The Universal Credit standard allowance is expected to rise to about £420 a month next April."),
    ("pred", "sp", "spa", "f", "The State Pension age is due to reach 68 between 2044 and 2046 under current law."),
    ("corr", "sp", "nsp", "c", "It's not £221.20 any more, the full new State Pension is £230.25 a week."),
    ("corr", "nlw", "nlw", "c", "The national living wage isn't £11.44 these days, it's £12.21 an hour."),
    ("corr", "sp", "spa", "c", "No, the State Pension age isn't 67 yet, it's still 66."),
    ("corr", "uc", "uc", "a", "That £393.45 figure is last year's; the Universal Credit standard allowance is now £400.14 a month."),
    ("corr", "pc", "pchome", "a", "It's simply not true that homeowners can't get Pension Credit, because your home isn't counted as savings."),
    ("corr", "wfp", "wfp", "a", "The winter fuel payment hasn't been scrapped; if you were born before 22 September 1959 you should get it automatically."),
    ("corr", "sp", "spa70", "a", "Nobody is raising the state pension age to 70 next year; it's 66 now and due to go to 67 from 2026."),
    ("corr", "pc", "pc", "a", "£218.15 was last year's rate; Pension Credit now tops a single person up to £227.10 a week."),
    ("corr", "wfp", "wfp", "f", "You may have seen claims that the winter fuel payment has been scrapped, but most pensioners will be paid this winter."),
]
CORR_FOR = {}
for _sub, _t, _f, _r, _txt in NONCLAIMS:
    if _sub == "corr":
        CORR_FOR.setdefault(_f, []).append(_txt)

# Questions as people ask them: (topic, question, answer kind, answer payload, wrong-answer fact/myth).
# answer kind: "text" = plain advice, "correct" = a correct figure (payload is the fact id),
# "nonclaim" = a prediction/correction sentence (payload is the text).
QUESTIONS = [
    ("sp", "How much is the full new State Pension now?", "correct", "nsp", "nsp"),
    ("sp", "When does the State Pension age go up to 67?", "nonclaim",
     "The State Pension age will rise to 67 between 2026 and 2028, depending on your date of birth.", "spa70"),
    ("sp", "Is the triple lock definitely staying for next April?", "text",
     "Everything official says the triple lock is staying for next April, and it's set by the earnings figure published in September.", None),
    ("sp", "How do I check my State Pension forecast online?", "text",
     "Search for 'check your State Pension forecast' on GOV.UK. You'll need to prove your identity online, which takes ten minutes.", None),
    ("sp", "Can I defer my State Pension and get more later?", "text",
     "Yes, your State Pension goes up for every week you put off claiming it, but work out how long it takes to break even first.", None),
    ("sp", "Do I get the new or the old State Pension if I reached pension age in 2015?", "correct", "bsp", "bsp"),
    ("sp", "Will my State Pension be taxed if I've also got a small works pension?", "text",
     "The State Pension counts as taxable income, so HMRC usually collects the tax through the tax code on your works pension.", None),
    ("sp", "Can I pay voluntary National Insurance to fill gaps in my State Pension record?", "text",
     "Usually for the last six years, and sometimes further back. Get your forecast first and ring the Future Pension Centre before paying anything.", None),
    ("sp", "Is the full State Pension £230.25 a week, or is that before tax?", "text",
     "That's the gross figure. It's paid without tax taken off, but it counts towards your income for tax.", None),
    ("sp", "What State Pension age am I if I was born in 1961?", "nonclaim",
     "The State Pension age will rise to 67 between 2026 and 2028, so if you were born in 1961 you'll reach it at 67.", "spa"),
    ("pc", "Can I get Pension Credit if I own my home?", "nonclaim",
     "It's simply not true that homeowners can't get Pension Credit, because your home isn't counted as savings.", "pchome"),
    ("pc", "How far back can Pension Credit be backdated?", "text",
     "Up to three months, as long as you met the conditions for the whole of that time.", None),
    ("pc", "Does Pension Credit count my savings if I've got about £12,000 put by?", "text",
     "The first £10,000 is ignored and anything above it counts as a small amount of income, so you might still qualify.", None),
    ("pc", "If I get Pension Credit, do I get the winter fuel payment too?", "text",
     "Yes, although this winter most people born before 22 September 1959 will get it anyway unless their income is over £35,000.", None),
    ("pc", "How much does Pension Credit top you up to if you're single?", "correct", "pc", "pc"),
    ("pc", "My mum is 81 and lives alone, is it worth her applying for Pension Credit?", "text",
     "Definitely worth it. Ring the Pension Credit claim line with her, or ask Age UK to help with the form.", None),
    ("uc", "Can I claim Universal Credit if I have savings?", "text",
     "Savings under £6,000 don't affect it, between £6,000 and £16,000 reduce it, and over £16,000 you usually can't claim.", None),
    ("uc", "How much is the Universal Credit standard allowance for a single person?", "correct", "uc", "uc"),
    ("uc", "Has anyone's Universal Credit payment date moved because of a bank holiday?", "text",
     "If your date falls on a weekend or bank holiday it's paid on the working day before.", None),
    ("uc", "Do I need to report a one-off payment from my old job to Universal Credit?", "text",
     "It usually comes through automatically from your employer's payroll, but put a note in your journal so there's a record.", None),
    ("uc", "How do I move from tax credits to Universal Credit without a gap in money?", "text",
     "Claim before the deadline on your migration notice and ask for an advance if you need one.", None),
    ("uc", "Does Universal Credit cover the full rent on a housing association flat?", "text",
     "Usually, if it's social housing and you're not under-occupying, but service charges can be a grey area.", None),
    ("wfp", "Do I need to apply for the winter fuel payment or is it automatic?", "text",
     "It's automatic for most people in England and Wales born before 22 September 1959.", None),
    ("wfp", "When will the winter fuel payment be paid this year?", "text",
     "Letters go out first and the payments themselves are made in November and December.", None),
    ("wfp", "How do I opt out of the winter fuel payment if my income is over £35,000?", "text",
     "It depends on the date: {optout}.", None),
    ("wfp", "Will HMRC take the winter fuel payment back through my tax code?", "text",
     "Only if your taxable income is over £35,000. It's then recovered through Self Assessment or your tax code.", None),
    ("wfp", "Is the winter fuel payment still £300 for over-80s?", "text",
     "Yes, households with someone aged 80 or over get £300, otherwise it's £200.", None),
    ("wfp", "Does anyone know if the winter fuel payment is paid in Scotland now?", "text",
     "In Scotland it's the Pension Age Winter Heating Payment from Social Security Scotland instead.", "wfp"),
    ("pip", "Does anyone know if PIP is backdated?", "text",
     "PIP is paid from the date you first rang to start the claim, so it's backdated to then once you're awarded, but not before.", None),
    ("pip", "How long is the wait for a PIP assessment at the moment?", "text",
     "Mine took about four months from sending the form to the assessment, but it varies a lot by area.", None),
    ("pip", "Can I get PIP while working full time?", "text",
     "Yes. PIP isn't means-tested and it doesn't matter whether you work.", None),
    ("pip", "Should I ask for my PIP assessment to be recorded?", "text",
     "Yes, ask in advance. Having a recording helped me massively at mandatory reconsideration.", None),
    ("pip", "What counts as a change of circumstances for Personal Independence Payment?", "text",
     "Anything that changes your daily living or mobility needs, a stay in hospital, or moving abroad.", None),
    ("pip", "Is it worth asking for a mandatory reconsideration on my PIP decision?", "text",
     "Yes. Citizens Advice helped me write mine and the award went up.", None),
    ("jc", "Do I have to tell the Jobcentre if I start working ten hours a week?", "text",
     "Yes, report it in your journal. It will show up through payroll anyway, but tell them first.", None),
    ("jc", "Can my work coach make me apply for jobs an hour and a half away on the bus?", "text",
     "Travel time is meant to be reasonable, so raise it when your claimant commitment is reviewed.", None),
    ("jc", "What happens if I miss a Jobcentre appointment because I'm ill?", "text",
     "Tell them as soon as you can and give the reason. It shouldn't lead to a sanction if you explain.", None),
    ("jc", "Can I ask for phone appointments instead of going into the job centre?", "text",
     "You can ask, especially with a health condition. Mine agreed after I sent a note from my GP.", None),
    ("jc", "Is it normal for your work coach to change every few weeks?", "text",
     "Unfortunately yes, it happens a lot at my Jobcentre too.", None),
    ("nlw", "What's the minimum wage for an 18 year old this year?", "text",
     "There's a lower rate for 18 to 20 year olds, it's on the national minimum wage rates page on GOV.UK.", None),
    ("nlw", "Does the national living wage apply to apprentices?", "text",
     "Apprentices under 19, or in their first year, can be paid the apprentice rate; after that it's the normal rate for your age.", None),
    ("nlw", "When is the national living wage going up again?", "nonclaim",
     "Next April. The national living wage is likely to go up to about £12.70 an hour next April.", None),
    ("nlw", "Is my employer allowed to pay me less than the minimum wage during a trial shift?", "text",
     "Not if you're doing real work. Unpaid trial shifts are a grey area, so ring Acas.", None),
    ("nlw", "How much is the national living wage per hour now?", "correct", "nlw", "nlw"),
]
QBY = {t: [q for q in QUESTIONS if q[0] == t] for t in TOPICS}

QCTX = {
    "sp": ["Asking for {relf}, who isn't online.", "Trying to get my head round this for {rel}.",
           "Sorry, I know this gets asked a lot.", "Getting conflicting answers from friends and family.",
           "Planning ahead and want to get it right."],
    "pc": ["Asking on behalf of {relf}, who is {oldage} and lives alone.", "We're both retired with small works pensions.",
           "Trying to help {relm} sort his money out.", "Been putting this off for months."],
    "uc": ["Never claimed anything before so this is all new.", "Single parent, working part time.",
           "My hours keep changing so every month is different.", "Sorry if this is obvious."],
    "wfp": ["Asking for {relf}, who is {oldage} and doesn't use the internet.", "We're both retired, born in the 1950s.",
            "Getting conflicting information from the news.", "Our income is somewhere around the threshold."],
    "pip": ["I've got fibromyalgia and anxiety and the whole process is overwhelming.", "Asking for my son, who is 19.",
            "Diagnosed with MS last year and new to all this.", "Been waiting since the spring."],
    "jc": ["Started a new claim last month after my contract ended.", "I've got a disability and travelling is hard for me.",
           "This is my first time dealing with the job centre.", "My work coach is nice but I don't want to get it wrong."],
    "nlw": ["Just started a new job and want to check my pay.",
            "My employer says I'm on a 'training rate' for the first three months.",
            "I do 30 hours a week in a warehouse.", "Asking for my daughter, who's just started her first job."],
}
TRIED = ["I've had a look on GOV.UK but I'm none the wiser.",
         "Citizens Advice can't see me until next week.",
         "I've read the MoneySavingExpert guide but it doesn't cover my situation.",
         "Tried the Turn2us calculator but it doesn't answer this.",
         "The DWP helpline has been engaged all morning.",
         "Age UK's advice line was closed by the time I rang.",
         "Searched this sub but the old posts are out of date.",
         "Martin Lewis covered something similar but not quite this."]
SIGNOFF = ["Thanks in advance.", "Any advice appreciated.", "Cheers.", "Sorry for the long post.",
           "Thanks all.", "TIA.", "Any help gratefully received.", ""]
QPREFIX = ["", "", "", "Quick question: ", "Does anyone know: ", "Sorry if this is a daft one, but "]

# Personal cases that need a referral: (topic, title, sentences); the question ends in "?".
REFERRALS = [
    ("uc", "UC payment late – what do I do",
     ["My Universal Credit payment is late, what do I do?", "It was due yesterday and there's nothing in the account.",
      "The journal just says the payment is being processed."]),
    ("pip", "PIP stopped with no letter",
     ["My PIP payment has just stopped and I've had no letter at all.", "Rent is due on Friday. Who do I even ring?"]),
    ("jc", "Sanctioned for an appointment I didn't know about",
     ["I've been sanctioned for missing a Jobcentre appointment that never showed up in my journal.",
      "How do I challenge this?"]),
    ("pc", "Dad's Pension Credit stopped after a review",
     ["Dad's Pension Credit was stopped after a review and he's got nothing for the gas meter.",
      "Where do we even start?"]),
    ("sp", "State Pension not paid this month",
     ["My State Pension hasn't gone in this month and nobody on the phone can tell me why.",
      "What should I do?"]),
    ("uc", "Overpayment letter – they want £1,200 back",
     ["Got a letter saying I've been overpaid Universal Credit and they want £1,200 back.",
      "I honestly don't think I did anything wrong. Is there anyone who can help me check it?"]),
    ("wfp", "Winter fuel letter says not eligible",
     ["The winter fuel payment letter says I'm not eligible but I was born in 1955 and my income is nowhere near the limit.",
      "Who do I contact?"]),
    ("jc", "Work coach ignoring my journal",
     ["My work coach has stopped answering my journal messages and my claim is stuck.", "What can I do?"]),
    ("pip", "PIP report full of mistakes",
     ["My PIP assessment report says I walk the dog every day. I don't have a dog.",
      "How do I get this looked at properly?"]),
    ("uc", "No money until my first UC payment",
     ["Just lost my job and claimed Universal Credit but the first payment is five weeks away.",
      "How am I meant to eat until then?"]),
    ("sp", "Husband's pension stopped after he died",
     ["My husband passed away in August and his State Pension has stopped, but nobody has told me what I'm entitled to now.",
      "Who do I ring first?"]),
    ("pc", "Letter says I owe Pension Credit back",
     ["I've had a letter saying I was overpaid Pension Credit and must pay it back.",
      "I'm {oldage} and I don't understand it. Who can help me?"]),
    ("pip", "PIP tribunal next week and no representative",
     ["My PIP tribunal is next week and the welfare rights person who was helping me has left.",
      "Is there anyone who can help at such short notice?"]),
    ("uc", "Universal Credit cut to nothing after bonus",
     ["My Universal Credit has dropped to zero because of a one-off bonus and I can't pay the rent this month.",
      "Can they really do that, and who can help?"]),
]

# Neutral information sentences (no checkable figure next to a fact keyword).
INFO = {
    "sp": ["The State Pension rises each April under the triple lock, by the highest of inflation, average earnings growth or 2.5%.",
           "How much State Pension someone gets depends on their National Insurance record, and most people need 35 qualifying years for the full amount.",
           "Anyone can check their State Pension forecast online on GOV.UK.",
           "People with gaps in their National Insurance record can sometimes pay voluntary contributions to fill them.",
           "The State Pension is not paid automatically; people have to claim it, and a letter usually arrives about two months before they reach State Pension age.",
           "Deferring the State Pension increases the amount paid later.",
           "The State Pension is taxable income, although it is paid without tax taken off.",
           "The third review of the State Pension age is looking at how the age should change in future.",
           "The earnings figure published in September is the one used to set next April's triple lock increase."],
    "pc": ["Pension Credit is extra money for people over State Pension age who are on a low income.",
           "Getting Pension Credit can also unlock help with housing costs, council tax and heating.",
           "Your home does not count as savings when you apply for Pension Credit.",
           "A Pension Credit claim can be backdated by up to three months.",
           "People can apply for Pension Credit online, by phone or by post.",
           "Hundreds of thousands of pensioners who are eligible for Pension Credit are thought not to claim it.",
           "Savings of up to £10,000 are ignored when Pension Credit is worked out."],
    "uc": ["Universal Credit is paid monthly, and the first payment usually arrives about five weeks after a claim is made.",
           "Claimants who cannot wait for their first payment can ask for an advance, which is repaid from later payments.",
           "Universal Credit is made up of a standard allowance plus extra amounts for children, housing and disability.",
           "Changes of circumstances on Universal Credit have to be reported through the online journal.",
           "The move from older benefits and tax credits to Universal Credit is in its final stages.",
           "Earnings reduce Universal Credit gradually through the taper rather than stopping it outright.",
           "The government has legislated for the standard allowance to rise faster than inflation over the next few years."],
    "wfp": ["The Winter Fuel Payment is being paid to most pensioners this winter after eligibility was widened.",
            "People born before 22 September 1959 should get the Winter Fuel Payment automatically.",
            "Anyone with a taxable income over £35,000 will have the winter fuel payment taken back through the tax system.",
            "Most households will get £200, or £300 where someone is 80 or over.",
            "Payments are due in November and December, with letters explaining the amount sent out beforehand.",
            "In Scotland, the Pension Age Winter Heating Payment replaces the Winter Fuel Payment."],
    "pip": ["Personal Independence Payment helps with the extra costs of a long-term health condition or disability, and it is not means-tested.",
            "People can get PIP whether or not they are working.",
            "Anyone who disagrees with a PIP decision must usually ask for a mandatory reconsideration before appealing to a tribunal.",
            "A large share of PIP decisions that reach a tribunal are overturned.",
            "A review of the PIP assessment is being carried out with disabled people and the organisations that represent them.",
            "PIP assessments can take place face to face, by phone or by video call.",
            "Claimants can ask for their PIP assessment to be recorded."],
    "jc": ["Work coaches at the Jobcentre agree a claimant commitment with each person expected to look for work.",
           "Jobcentres are to be brought together with the National Careers Service in a new jobs and careers service.",
           "Anyone who cannot make a Jobcentre appointment should tell their work coach as soon as possible.",
           "Missing Jobcentre appointments without a good reason can lead to a sanction.",
           "Some Jobcentres offer appointments by phone or video for people who find travelling difficult."],
    "nlw": ["The national living wage applies to workers aged 21 and over.",
            "The Low Pay Commission makes its recommendation for next April's minimum wage rates in the autumn.",
            "Lower minimum wage rates apply to 18 to 20 year olds, under-18s and apprentices.",
            "Employers who underpay the minimum wage can be fined and named publicly.",
            "Unpaid trial shifts and deductions for uniforms can take pay below the legal minimum wage."],
}

DWP_SAYS = {
    "any": ['A DWP spokesperson said: "We are committed to making sure people get the support they are entitled to."',
            "The Department for Work and Pensions said it was working to bring waiting times down.",
            "A spokesperson for the Department for Work and Pensions said anyone affected would be written to.",
            "The DWP said anyone unsure of their entitlement should check GOV.UK or call the relevant helpline."],
    "sp": ["The DWP said the State Pension would continue to rise in line with the triple lock."],
    "pc": ["The DWP said it was writing to households that might be eligible for Pension Credit."],
    "uc": ["The DWP said Universal Credit payments are made early when the usual date falls on a weekend or bank holiday."],
    "wfp": ["The DWP said the winter fuel payment would be paid automatically to most eligible pensioners."],
    "pip": ["The DWP said it was working to bring down PIP waiting times."],
    "jc": ["The DWP said the Jobcentre changes would give people more tailored support."],
    "nlw": ["The Department for Work and Pensions said work remained the best route out of poverty."],
}

VOICE_NEWS = {
    "ca": ["Citizens Advice said it had seen a sharp rise in people asking for help with {t}.",
           "Citizens Advice urged anyone worried about {t} to get free, independent advice.",
           'A spokesperson for Citizens Advice said the system "must work first time for the people who rely on it".'],
    "age": ["Age UK said many older people were still confused about {t}.",
            "Age UK urged older people to check whether they were missing out.",
            "Age UK said its advice line could help people check their entitlement."],
    "mse": ["Martin Lewis, founder of MoneySavingExpert, urged people to check their eligibility.",
            "MoneySavingExpert said it had been inundated with questions about {t}.",
            'Martin Lewis said the rules on {t} were "far more complicated than they need to be".'],
    "t2u": ["Turn2us said its benefits calculator had seen a jump in use.",
            "The charity Turn2us said too many people were missing out on support they were entitled to.",
            "Turn2us warned that people were struggling to navigate {t}."],
}
VOICE_CASUAL = {
    "dwp": ["Rang the DWP and got it sorted in the end.", "The DWP letter was actually quite clear for once.",
            "DWP helpline kept me on hold for 50 minutes.", "Worth ringing the DWP directly rather than waiting.",
            "Tweeted @DWP about it and got a canned reply."],
    "ca": ["Citizens Advice were brilliant when I went in.", "Get down to Citizens Advice, they'll check it for free.",
           "Citizens Advice helped me with the letter.", "Messaged @CitizensAdvice and they pointed me to the right page."],
    "age": ["Age UK's advice line was really helpful.", "Ring Age UK, they'll help with the form.",
            "Age UK have a good factsheet on this.", "Even @age_uk replied to my tweet within the hour."],
    "mse": ["Martin Lewis did a bit on this on his show.", "There's a decent guide on MoneySavingExpert.",
            "MSE's weekly email had a piece on it.", "The Money Saving Expert forum has a long thread on it."],
    "t2u": ["The Turn2us benefits calculator is worth ten minutes of your time.",
            "Turn2us have a grants search too if you're desperate.",
            "Used the Turn2us calculator and found out I was missing out.",
            "Turn 2 Us have a grants search as well, worth a look."],
}
VOICE_ADVICE = {  # what a helpful forum regular says
    "dwp": ["If in doubt, ring the DWP helpline and ask them to check the claim.",
            "The DWP can send you a copy of the decision if you ask."],
    "ca": ["Citizens Advice can check it for you for free.", "Book in with Citizens Advice, they deal with this every day."],
    "age": ["Age UK's advice line can talk you through it.", "Age UK have a free factsheet that covers exactly this."],
    "mse": ["Martin Lewis has a guide on MoneySavingExpert that covers this.",
            "MoneySavingExpert has a good explainer if you want the detail."],
    "t2u": ["The Turn2us calculator is a good way to check.", "Run it through the Turn2us benefits calculator to be sure."],
}
VOICE_BLOG = {
    "dwp": ["The DWP's own guidance on GOV.UK is clearer than it used to be.",
            "If in doubt, the Department for Work and Pensions helplines can check a claim for you."],
    "ca": ["Citizens Advice can check your entitlement for free and help with forms.",
           "Your local Citizens Advice is a good first stop if a decision looks wrong."],
    "age": ["Age UK's advice line is excellent on this, and their factsheets are free.",
            "Age UK volunteers can visit at home to help with forms."],
    "mse": ["Martin Lewis has covered this on MoneySavingExpert in some detail.",
            "The MoneySavingExpert guide is worth reading alongside this post."],
    "t2u": ["The Turn2us benefits calculator is a good starting point.",
            "Turn2us also has a grants search for people in immediate difficulty."],
}
VOICE_LINK_TEXT = {"ca": "Citizens Advice", "age": "Age UK", "mse": "MoneySavingExpert", "t2u": "Turn2us"}

VOX = {
    "sp": {"neg": ["I paid in for over forty years and I still worry about every bill.",
                   "Nobody explains anything, you just get a letter and that's it."],
           "pos": ["The rise in April made a real difference to us.", "Checking my forecast was the best thing I did this year."]},
    "pc": {"pos": ["I had no idea I could claim. It's made a huge difference.", "It's brilliant news that more people are being told about it."],
           "neg": ["We waited months for a decision and nobody could tell us anything.", "The form is far too long for people my age."]},
    "uc": {"neg": ["The five-week wait put us straight into debt.", "It's an absolute disgrace how long it takes to get an answer."],
           "pos": ["My work coach has been brilliant, I couldn't have done it without her.", "The advance got us through the first month."]},
    "wfp": {"pos": ["It's brilliant news for people like my mother.", "We're relieved, honestly. It takes the edge off the bills."],
            "neg": ["The last year has been a disgrace from start to finish.", "People my age were frightened to put the heating on."]},
    "pip": {"neg": ["I waited eight weeks just for the assessment and I was furious.", "The report didn't sound like me at all."],
            "pos": ["Once I had help with the form, it was a completely different experience.", "The tribunal listened, which is more than the assessor did."]},
    "jc": {"neg": ["It felt like a tick-box exercise.", "I was sanctioned for something that wasn't my fault."],
           "pos": ["The staff at the Jobcentre couldn't have been more helpful.", "My work coach found me a course I didn't know existed."]},
    "nlw": {"neg": ["It's still not enough to live on round here.", "By the time the rent's gone there's nothing left."],
            "pos": ["Every penny helps, it's welcome news.", "My pay went up and I noticed it straight away."]},
}

# Headlines.  National: topic-led.  Regional: local angle with {place}.
NEWS_HEAD = {  # (headline, matching first paragraph)
    "sp": [("Triple lock: earnings figure points to bigger State Pension rise next April",
            "Official earnings figures suggest the State Pension is on course for a rise of more than 4% next April, although the figure will not be confirmed until the Budget."),
           ("State Pension age review: what it could mean for people in their fifties",
            "The government's third review of the State Pension age has prompted questions from people who are still a decade or more from retirement."),
           ("Pensioners urged to check State Pension forecasts for missing years",
            "People approaching retirement are being urged to check their State Pension forecast while there is still time to fill any gaps."),
           ("State Pension underpayments: campaigners say more arrears are due",
            "Campaigners say thousands of older women may still be owed State Pension arrears after years of underpayment."),
           ("Women born in the 1950s vow to keep fighting over State Pension age changes",
            "Campaigners for women born in the 1950s say they will not give up their fight for compensation over changes to the State Pension age."),
           ("What happens to your State Pension if you move abroad",
            "Retiring abroad can affect whether your State Pension goes up each year, depending on where you settle."),
           ("State Pension helpline waits criticised by MPs",
            "MPs have criticised long waits on the State Pension helpline after constituents reported being kept on hold for more than an hour."),
           ("Should the triple lock survive? Economists divided",
            "The triple lock has become one of the most debated promises in British politics."),
           ("Voluntary National Insurance: is topping up your State Pension worth it",
            "Paying voluntary National Insurance contributions can boost your State Pension, but it is not right for everyone."),
           ("Deferring your State Pension: who gains and who loses",
            "Putting off claiming the State Pension increases the weekly amount, but it can take years to come out ahead."),
           ("State Pension Q&A: your questions on forecasts and gaps",
            "We put readers' most common State Pension questions to the experts."),
           ("Widows missing out on inherited State Pension, advisers warn",
            "Advisers say some widows and widowers are not receiving State Pension they may have inherited from a late spouse."),
           ("Self-employed workers warned over State Pension gaps",
            "Self-employed workers who have not paid enough National Insurance could find gaps in their State Pension record."),
           ("Pension age rise: who will be affected first",
            "People born after 5 April 1960 will be the first to wait longer for their State Pension under the planned rise."),
           ("State Pension statements: how to read your forecast",
            "A State Pension forecast can look baffling at first glance, but it only takes a few minutes to understand."),
           ("More pensioners pulled into income tax as State Pension rises",
            "More pensioners are being drawn into paying income tax as the State Pension rises while tax thresholds stay frozen."),
           ("Triple lock costs under scrutiny ahead of Budget",
            "The cost of the triple lock is under fresh scrutiny as the Chancellor prepares for the Budget."),
           ("Retirement planning: why the State Pension is only the start",
            "Financial planners say the State Pension should be treated as a foundation rather than a full retirement income."),
           ("State Pension claims: most paid on time, but some still wait weeks",
            "Most new State Pension claims are paid on time, but some people report waiting weeks for their first payment."),
           ("Think tank calls for State Pension age to track life expectancy",
            "A think tank has called for future changes to the State Pension age to be tied more closely to life expectancy."),
           ("Older workers: combining a job with your State Pension",
            "More people are carrying on working after they start drawing their State Pension."),
           ("Pension age confusion: readers ask when they can retire",
            "Our inbox has been full of readers asking when they will reach pension age.")],
    "pc": [("Pension Credit: pensioners urged to claim before winter",
            "Charities are urging older people on low incomes to check whether they can get Pension Credit before the cold weather arrives."),
           ("Pension Credit claims rise as charities step up campaign",
            "Claims for Pension Credit have risen as charities and the government step up efforts to reach people who are missing out."),
           ("Charities call for automatic Pension Credit payments",
            "Charities want the government to use the data it already holds to pay Pension Credit automatically."),
           ("Pension Credit backlog leaves some pensioners waiting months",
            "Some pensioners say they have waited months for a decision on their Pension Credit claim."),
           ("Homeowners missing out on Pension Credit, say advisers",
            "Advisers say many homeowners wrongly assume they cannot get Pension Credit."),
           ("Pension Credit: the gateway benefit many still ignore",
            "Pension Credit can unlock a string of other help, from council tax support to a free TV licence for over-75s."),
           ("Pension Credit Q&A: savings, homes and backdating",
            "We answer the questions readers ask most often about Pension Credit."),
           ("Families urged to help older relatives claim Pension Credit",
            "Adult children are being encouraged to talk to their parents about Pension Credit."),
           ("Pension Credit: councils join take-up drive",
            "Councils are writing to older residents who may qualify for Pension Credit."),
           ("Pension Credit form too long, say older claimants",
            "Older people say the Pension Credit application is daunting, despite efforts to simplify it."),
           ("Pension Credit: what changes if your partner is younger",
            "Mixed-age couples face different rules when they apply for Pension Credit."),
           ("Pension Credit and council tax: the double win many miss",
            "People who get Pension Credit can often get their council tax cut as well.")],
    "uc": [("Universal Credit changes: what the new law means for claimants",
            "A new law changes how parts of Universal Credit will work over the next few years."),
           ("Universal Credit five-week wait pushing families into debt, charity warns",
            "A charity says the five-week wait for a first Universal Credit payment is still pushing families into debt."),
           ("Universal Credit payment dates around bank holidays explained",
            "Universal Credit claimants often see their payment arrive early when the usual date falls on a bank holiday."),
           ("Move to Universal Credit enters final phase",
            "The last groups of people on older benefits are being moved to Universal Credit."),
           ("Universal Credit standard allowance to rise faster than inflation",
            "The basic amount of Universal Credit is set to rise faster than inflation over the next few years."),
           ("Universal Credit claimants report journal problems",
            "Claimants say messages left in their Universal Credit journal are going unanswered for days."),
           ("Universal Credit health element: what changes next April",
            "Changes to the health element of Universal Credit are due to take effect next April."),
           ("Universal Credit deductions leave families short, say food banks",
            "Food banks say deductions from Universal Credit payments are leaving families short."),
           ("Self-employed on Universal Credit confused by minimum income floor",
            "Self-employed Universal Credit claimants say the minimum income floor is hard to understand."),
           ("Universal Credit: what to do if your payment is late",
            "Most Universal Credit payments arrive on time, but a late payment can cause real hardship."),
           ("Universal Credit advances: help or debt trap",
            "Advances help people through the first weeks of a Universal Credit claim, but they have to be repaid.")],
    "wfp": [("Winter Fuel Payment: who gets it this year and when",
             "Most pensioners in England and Wales will get the Winter Fuel Payment again this winter."),
            ("Winter fuel letters start landing on doormats",
             "Pensioners have begun receiving letters confirming their Winter Fuel Payment."),
            ("Confusion over winter fuel payment rules for higher earners",
             "Pensioners with higher incomes say they are confused about whether to opt out of the winter fuel payment."),
            ("Winter Fuel Payment: how the £35,000 income threshold works",
             "The Winter Fuel Payment is recovered through the tax system from pensioners whose taxable income is above £35,000."),
            ("Pensioners welcome return of winter fuel support",
             "Older people's groups have welcomed the return of the Winter Fuel Payment for most pensioners."),
            ("Warning over winter fuel payment scam texts",
             "Pensioners are being warned about scam texts that claim to be about the Winter Fuel Payment."),
            ("Scotland's winter heating payment explained",
             "In Scotland, pensioners get the Pension Age Winter Heating Payment instead of the Winter Fuel Payment."),
            ("Winter fuel: what to do if your letter has not arrived",
             "Some pensioners are still waiting for a letter about their winter fuel payment."),
            ("Energy bills and winter fuel: how pensioners are preparing",
             "With energy bills still high, pensioners are planning ahead for winter and counting on the winter fuel payment."),
            ("Winter Fuel Payment for people living abroad: the rules",
             "Pensioners living abroad may or may not get the Winter Fuel Payment, depending on the country."),
            ("Winter fuel opt-out: what higher-income pensioners need to know",
             "Pensioners with a taxable income over the threshold will have the winter fuel payment recovered through tax unless they opted out.")],
    "pip": [("PIP review: disabled people to help redesign assessments",
             "Disabled people are to help shape a review of the PIP assessment."),
            ("PIP waiting times still too long, charities warn",
             "Charities say people applying for PIP are still waiting too long for a decision."),
            ("High share of PIP decisions overturned at tribunal",
             "Many PIP decisions that reach a tribunal are overturned in the claimant's favour."),
            ("PIP assessments: should you ask for a recording",
             "Claimants are entitled to ask for their PIP assessment to be recorded."),
            ("Disabled campaigners cautious over PIP review",
             "Campaigners have given a cautious welcome to the review of Personal Independence Payment."),
            ("PIP claimants describe months-long waits",
             "People claiming PIP have described waiting months for an assessment."),
            ("PIP and work: the myths that put people off claiming",
             "Many people do not realise PIP can be claimed while working."),
            ("PIP mandatory reconsiderations: what the process involves",
             "Anyone unhappy with a PIP decision must usually ask for a mandatory reconsideration first.")],
    "jc": [("Jobcentres to merge with careers service in overhaul",
            "Jobcentre Plus is to be combined with the National Careers Service, and every Jobcentre will change."),
           ("Work coaches to get more time with young jobseekers",
            "Young jobseekers are to get more time with their Jobcentre work coach."),
           ("Sanctions under scrutiny as MPs question Jobcentre targets",
            "MPs are questioning how sanctions are used at the Jobcentre."),
           ("Claimants say Jobcentre appointments feel like a tick-box exercise",
            "Some claimants say their Jobcentre appointments are too short to be useful."),
           ("Youth guarantee: what it means for 18 to 21 year olds at the Jobcentre",
            "Young people on Universal Credit are to be offered work or training through the Jobcentre."),
           ("Jobcentre phone appointments: who can ask for them",
            "People with health conditions can ask their work coach for appointments by phone."),
           ("Jobcentre staff shortages blamed for delays",
            "Unions say staff shortages at the Jobcentre are causing delays for claimants.")],
    "nlw": [("National living wage: what next April's rise could look like",
             "The Low Pay Commission will soon recommend how much the national living wage should rise next April."),
            ("Low Pay Commission weighs next minimum wage increase",
             "The body that advises on the minimum wage is weighing up its recommendation."),
            ("Employers named for underpaying the minimum wage",
             "A list of employers who underpaid the minimum wage has been published."),
            ("Hospitality bosses warn over national living wage costs",
             "Hospitality firms say another big rise in the national living wage would cost jobs."),
            ("Young workers call for end to lower minimum wage rates",
             "Young workers say they should get the same minimum wage as older colleagues."),
            ("Minimum wage: how to check your payslip",
             "Thousands of workers are paid less than the minimum wage without realising."),
            ("Care workers and the national living wage: the pay gap",
             "Care workers say their pay barely rises above the national living wage."),
            ("Real living wage rises as campaigners push for more",
             "The voluntary real living wage has risen, and campaigners want more firms to pay it on top of the national living wage.")],
}
REG_HEAD = {
    "sp": ["{place} pensioners pack State Pension advice session",
           "{place} widow wins State Pension arrears after years of underpayment",
           "Triple lock debate reaches {place} as MP holds surgery",
           "Age UK volunteers in {place} help with State Pension forecasts",
           "{place} couple urge others to check State Pension forecasts",
           "Pension age changes: {place} women share their stories"],
    "pc": ["{place} charity urges older people to check Pension Credit",
           "Pension Credit drop-in launched at {place} library",
           "{place} councillor: thousands locally could be missing Pension Credit",
           "Citizens Advice {place} sees surge in Pension Credit enquiries"],
    "uc": ["{place} food bank sees more working families on Universal Credit",
           "Universal Credit help sessions extended in {place}",
           "{place} mum speaks out over Universal Credit deductions",
           "{place} advice centre warns over Universal Credit advances"],
    "wfp": ["{place} pensioners warned about winter fuel payment scam calls",
            "Winter fuel relief for {place} pensioners after letters arrive",
            "{place} warm spaces reopen ahead of winter",
            "Age UK {place} answers winter fuel questions at drop-in"],
    "pip": ["{place} man waits seven months for PIP decision",
            "{place} disability group welcomes PIP review but wants action",
            "PIP tribunal win for {place} grandmother"],
    "jc": ["{place} Jobcentre to offer evening appointments",
           "New youth hub opens at {place} Jobcentre",
           "{place} jobs fair draws hundreds as Jobcentre staff lend a hand",
           "{place} Jobcentre praised by young jobseekers"],
    "nlw": ["{place} firms react to national living wage debate",
            "{place} care workers say minimum wage is not enough",
            "{place} cafe owners warn over minimum wage costs"],
}
NEWS_LEADS = {
    "sp": "Millions of pensioners rely on the State Pension as their main source of income.",
    "pc": "Pension Credit remains one of the most under-claimed benefits in the country.",
    "uc": "More than seven million people are now on Universal Credit.",
    "wfp": "Pensioners across England and Wales are being told what to expect from the Winter Fuel Payment this year.",
    "pip": "Disabled people have raised fresh concerns about the PIP process.",
    "jc": "Changes at the Jobcentre are being closely watched by claimants and charities.",
    "nlw": "The national living wage is at the centre of a fresh debate about pay.",
}

NOISE_NEWS = [
    ("Heavy rain to clear by the weekend as temperatures dip",
     ["Forecasters expect heavy showers to ease by Saturday, with clear skies bringing a chilly start on Sunday.",
      "Drivers are being told to allow extra time on rural roads where surface water has been reported."]),
    ("Late penalty settles derby in front of sell-out crowd",
     ["A stoppage-time penalty settled a tense derby on Saturday afternoon.",
      "The home manager praised his side's spirit and said the win was \"for the fans\"."]),
    ("County side clinches promotion on final day",
     ["The county's cricketers sealed promotion with a nervy two-wicket win on the final afternoon of the season.",
      "The captain said the squad would celebrate properly once the kit was packed away."]),
    ("Half-term roadworks warning for major routes",
     ["Motorists are being warned of delays over half-term as overnight resurfacing continues on several major routes.",
      "Diversions will be signposted & local buses may run late."]),
    ("Bakery named best in region at food awards",
     ["A family-run bakery has been named the best in the region at this year's food & drink awards.",
      "Judges praised its sourdough and its \"properly generous\" sausage rolls."]),
    ("Frost warning issued for higher ground overnight",
     ["A yellow warning for ice has been issued for higher ground overnight.",
      "Forecasters say temperatures could drop below freezing in sheltered valleys."]),
    ("Rugby: late try secures comeback win",
     ["A converted try in the final minute completed a remarkable comeback on Saturday.",
      "The visitors had led by twelve points at half-time."]),
    ("Autumn colour: the best walks for this weekend",
     ["With the leaves turning, park rangers have picked their favourite short walks.",
      "Most are under five miles and suitable for families."]),
]
NOISE_REG = [
    ("{place} Rovers through to cup second round",
     ["{place} Rovers booked their place in the next round with a comfortable home win on Tuesday night.",
      "The manager said the squad would \"enjoy it tonight and focus on Saturday\"."]),
    ("Bonfire night displays confirmed across {place}",
     ["Organised firework displays have been confirmed for parks across {place}.",
      "Organisers are asking families to leave pets at home and arrive early."]),
    ("Conker championship returns to {place} village green",
     ["The annual conker championship drew more than sixty entrants to the village green on Sunday.",
      "This year's winner used a conker she said had been \"seasoned in the airing cupboard\"."]),
    ("{place} library extends weekend opening after petition",
     ["The library in {place} will open on Sunday afternoons from next month after more than a thousand people signed a petition.",
      "Volunteers will help run a homework club on Saturdays."]),
]

# Social-media stories: (sentiment, title, sentences).
STORIES = {
    "sp": [("neg", "Paid in 44 years and this is it",
            ["Paid in for 44 years and the State Pension barely covers the gas and the council tax.",
             "Absolute disgrace how they treat people who worked all their lives."]),
           ("neg", "State Pension helpline – over an hour on hold",
            ["Been trying to sort out my State Pension start date for {weeks} weeks.",
             "Every call is over an hour on hold and then it cuts off.", "Furious doesn't cover it."]),
           ("pos", "First State Pension payment landed!",
            ["Just had my first State Pension payment go in.",
             "The claim was really simple online and the letter came within a fortnight.",
             "Brilliant, genuinely didn't expect it to be that easy."]),
           ("pos", "Filled my NI gaps – forecast went up",
            ["Followed the advice on MoneySavingExpert and paid for two missing National Insurance years.",
             "My State Pension forecast went up straight away.", "Really helpful, thank you to whoever posted the guide."]),
           ("neu", "Triple lock and next April",
            ["Seen a few articles saying the triple lock will use the September earnings figure for next April.",
             "Worth keeping an eye on if you're budgeting for next year."]),
           ("neg", "1950s women still waiting",
            ["{Relf} was one of the 1950s women whose State Pension age moved with hardly any notice.",
             "Still no compensation and she's given up hope.", "Absolute disgrace."])],
    "pc": [("neg", "Pension Credit claim – {weeks} weeks and counting",
            ["Applied for Pension Credit for {relf} back in the summer.",
             "Waited {weeks} weeks, chased it three times, furious.", "She's {oldage} and the form alone took us an afternoon."]),
           ("pos", "Pension Credit came through!",
            ["{Relf}'s Pension Credit has been awarded and backdated three months.",
             "Brilliant news, it also means help with her council tax.",
             "Age UK helped us fill in the form, really helpful, thank you."]),
           ("neu", "Pension Credit – worth checking",
            ["Quick reminder that Pension Credit can open the door to other help, like council tax reduction.",
             "The Turn2us calculator gives you a rough idea in ten minutes."]),
           ("neg", "Pension Credit refused over savings",
            ["Pension Credit refused because of a savings account {relm} forgot he had.",
             "It had a few hundred quid in it. Livid."]),
           ("pos", "Pension Credit phone line was great",
            ["Rang the Pension Credit claim line for {rel} this morning.",
             "The adviser was patient and did the whole claim over the phone.",
             "Really pleased, credit where it's due to the DWP."])],
    "uc": [("neg", "Two paydays in one assessment period AGAIN",
            ["Got paid early because of the bank holiday and now my Universal Credit has been slashed because it counted two paydays.",
             "Absolute shambles of a system."]),
           ("neg", "Five week wait with two kids",
            ["Five weeks waiting for the first Universal Credit payment with two kids is a disgrace.",
             "Had to take an advance which now comes out of every payment."]),
           ("pos", "UC advance came through same day",
            ["Rang up about an advance on my Universal Credit and it was in my account the same afternoon.",
             "Huge relief, thank you to everyone who told me to ask."]),
           ("neu", "Help to Claim from Citizens Advice",
            ["If you're struggling with a new Universal Credit claim, Citizens Advice run Help to Claim.",
             "They talked me through verifying my ID and setting up the journal."]),
           ("neg", "UC journal is a black hole",
            ["Posted in my Universal Credit journal four times this week and nothing back.",
             "Waited {weeks} days for a reply last time."]),
           ("pos", "Finally closing my UC claim",
            ["Got a permanent contract so I'm closing my Universal Credit claim.",
             "My work coach was brilliant the whole way through."])],
    "wfp": [("neg", "Winter fuel mess",
             ["The whole winter fuel payment saga has been handled terribly.",
              "{Relf} spent last winter terrified of the bills and still doesn't trust what she's being told."]),
            ("pos", "Winter fuel letter arrived",
             ["Letter arrived today and {relm} is getting the winter fuel payment again this year.",
              "Brilliant news, that's the gas sorted for a couple of months."]),
            ("neu", "Winter fuel scam texts",
             ["Heads up: {relf} got a text saying she needed to apply for her winter fuel payment through a link.",
              "It's a scam, the DWP don't text asking for bank details."]),
            ("neu", "Winter fuel and the £35k threshold",
             ["For anyone confused, the winter fuel payment is paid automatically and only clawed back through tax if your taxable income is over £35,000.",
              "So most pensioners don't need to do anything."]),
            ("pos", "Relieved about winter fuel",
             ["Really relieved the winter fuel payment is back for most pensioners.",
              "Age UK campaigned hard on this, so thank you to them."])],
    "pip": [("neg", "PIP assessment cancelled on the day",
             ["Waited eight weeks for a PIP assessment and it was cancelled the morning of.",
              "Furious. I'd arranged childcare and a lift."]),
            ("neg", "PIP report full of things I never said",
             ["The PIP assessor has written things I never said.",
              "Absolute disgrace, I'm asking for a mandatory reconsideration."]),
            ("pos", "Won my PIP tribunal!",
             ["Won my PIP tribunal today, enhanced rate for both parts.",
              "Thank you to everyone here and to Citizens Advice who helped with the bundle.", "Don't give up."]),
            ("pos", "PIP award went up after MR",
             ["Mandatory reconsideration came back and my PIP award went up.",
              "Used the Turn2us guide to write it, really helpful, thank you."]),
            ("neu", "PIP review – signing up",
             ["Saw the DWP is running a review of the PIP assessment with disabled people involved.",
              "Thinking of signing up to take part, will report back."]),
            ("neg", "Seven months for PIP",
             ["PIP took seven months and two appeals.", "The system is broken and it's making people sicker."])],
    "jc": [("neg", "Third work coach in two months",
            ["My work coach has changed three times in two months and each one tells me something different.",
             "Exhausting."]),
           ("neg", "Sanctioned because the bus didn't come",
            ["Got sanctioned by the Jobcentre because the bus didn't turn up and I was twenty minutes late.",
             "Unbelievable."]),
           ("pos", "Jobcentre got me on a forklift course",
            ["Honestly my work coach has been brilliant and got me onto a forklift course.",
             "Start a new job on Monday."]),
           ("pos", "Phone appointments while I recover",
            ["The Jobcentre agreed to phone appointments while I recover from my operation.", "Really appreciated it."]),
           ("neu", "Jobcentres merging with the careers service",
            ["Read that Jobcentres are merging with the National Careers Service.",
             "Will be interesting to see if it changes anything on the ground."])],
    "nlw": [("neg", "National living wage and still at the food bank",
             ["Even on the national living wage I'm at the food bank by the last week of the month.",
              "Rent's gone up twice this year."]),
            ("neg", "Uniform deductions",
             ["My employer docks us for uniform which takes us under the minimum wage.",
              "Reported it to HMRC, we'll see."]),
            ("pos", "Back pay sorted",
             ["Employer finally paid the national living wage back pay they owed me.",
              "Citizens Advice helped me write the letter, brilliant."]),
            ("neu", "Minimum wage rise next year",
             ["The Low Pay Commission recommendation for the minimum wage comes out in the autumn.",
              "Fingers crossed it's a decent one."])],
}
CLAIM_TITLES = {
    "sp": ["State Pension rant", "Sick of hearing how generous the State Pension is", "So much for the triple lock",
           "Pension age nonsense", "What we actually get"],
    "pc": ["Pension Credit – don't waste your time", "Pension Credit rules are a joke", "Pension Credit for my mum"],
    "uc": ["UC standard allowance is a joke", "Trying to live on UC", "Universal Credit rant"],
    "wfp": ["Winter fuel", "So that's winter fuel gone then", "Winter fuel – spread the word"],
    "nlw": ["Minimum wage rant", "Living wage my foot", "What's the point of working"],
}
CLAIM_FOLLOW = {
    "sp": ["Paid in all my working life for this.", "And they wonder why pensioners are struggling."],
    "pc": ["Typical.", "So much for helping pensioners."],
    "uc": ["The rent alone eats most of it.", "Try feeding two kids on that."],
    "wfp": ["Another kick in the teeth for pensioners.", "Typical of this lot."],
    "nlw": ["The rent's gone up again too.", "Some weeks it feels pointless working at all."],
}
REACT_NEG = ["Absolute disgrace.", "How is anyone supposed to manage.", "Fuming.", "Rant over.",
             "Sorry, needed to get that off my chest.", "Nobody in charge has a clue."]
PASS_ON = ["Just so everyone knows.", "Spread the word.", "Heard it from {relf}, who saw it on Facebook.",
           "Worth knowing before you waste your time."]
THANKS = ["Really helpful, thank you.", "Brilliant, that's cleared it up. Thanks all.",
          "Thank you, I'll ring them in the morning.", "That's really useful, thanks so much.",
          "Cheers, that makes sense now."]
SYMPATHY = ["Same thing happened to me last year, it's a disgrace.", "Sorry you're going through this, it's exhausting.",
            "Waited {weeks} weeks for mine, so you're not alone.", "This is so common, don't blame yourself."]
ADVICE = ["Ring the helpline first thing in the morning, the queues are shorter.",
          "Keep copies of everything and write down who you spoke to and when.",
          "Put it in writing through your journal so there's a record.",
          "Ask for a mandatory reconsideration in writing within a month of the decision."]
FOLLOWUPS = {
    "sp": "Does the same apply to the State Pension if you've lived abroad?",
    "pc": "Does the same apply to Pension Credit for couples?",
    "uc": "Is that the same for Universal Credit if you're self-employed?",
    "wfp": "Does the winter fuel payment work the same way in Wales?",
    "pip": "Does anyone know how long PIP reconsiderations are taking at the moment?",
    "jc": "Is that the same at every Jobcentre or does it depend on the work coach?",
    "nlw": "Does the minimum wage apply to zero-hours contracts too?",
}
OP_UPDATES = {
    "pos": ["Update: rang them this morning and it's sorted. Really helpful, thank you all.",
            "Update for anyone who finds this later: Citizens Advice got it fixed within a week. Brilliant.",
            "Quick update, money arrived today. Thank you everyone."],
    "neg": ["Update: still nothing. Waited {weeks} weeks now, furious.",
            "Update: they've told me to wait another month. Absolute disgrace."],
}

# Older forum voice (Pensioners' Voice).
OLD_STORIES = [
    ("wfp", "pos", "Winter fuel letter came today",
     ["Well, the letter came this morning and the winter fuel payment is coming after all.",
      "Ken and I are very relieved, last winter we sat in our coats most evenings."]),
    ("wfp", "neg", "Still cross about last winter",
     ["I'm still cross about last year's winter fuel business.",
      "We paid in all our lives and were made to feel like scroungers."]),
    ("sp", "neu", "All this triple lock talk",
     ["My son keeps sending me newspaper pieces about the triple lock.",
      "I've lived through enough governments to know nothing is certain."]),
    ("sp", "neg", "Phoning about my State Pension",
     ["Rang about my State Pension after my husband passed.",
      "Forty minutes of music and then cut off. I'm {oldage}, I don't do computers."]),
    ("pc", "pos", "Glad I finally asked about Pension Credit",
     ["I was too proud to ask about Pension Credit for years.",
      "A lady from Age UK came round and we did the form at the kitchen table. I wish I'd done it sooner."]),
    ("pc", "neu", "The Pension Credit form",
     ["The Pension Credit form asks a lot of questions but it's not as bad as people say.",
      "Take your time and have your bank statements to hand."]),
    ("sp", "pos", "Deferring paid off for me",
     ["I deferred my State Pension for two years while I was still doing a bit of bookkeeping.",
      "The extra each week has been very welcome."]),
    ("sp", "neg", "My sister and the pension age changes",
     ["My sister was caught by the State Pension age changes and had to go back to cleaning for another six years.",
      "Nobody ever wrote to her. It's a disgrace."]),
    ("wfp", "neu", "Be careful of phone calls",
     ["Had a phone call from a man saying he was from the DWP about my winter fuel.",
      "I put the phone down and rang the number on my letter instead. Be careful, everyone."]),
    ("pip", "neu", "PIP or Attendance Allowance",
     ["My neighbour was told she can't start a new PIP claim at her age and it's Attendance Allowance instead.",
      "Worth knowing for anyone over pension age."]),
    ("sp", "neu", "Prices at the shops",
     ["Prices in the Co-op are shocking this month.",
      "Thank goodness the State Pension went up in April, it's kept our heads above water."]),
    ("pc", "pos", "Council tax came down too",
     ["Getting Pension Credit meant our council tax came down as well.",
      "Turn2us have a calculator if your grandchildren can help you use it."]),
    ("jc", "neu", "My grandson and the job centre",
     ["My grandson has been going to the job centre every fortnight.",
      "His work coach seems very nice, which wasn't my experience in the eighties."]),
    ("nlw", "neu", "Young ones and wages",
     ["My granddaughter is on the minimum wage at the garden centre.",
      "I don't know how young people afford rent these days."]),
    ("wfp", "pos", "Thank you to Age UK",
     ["Just wanted to say thank you to the Age UK lady who explained the winter fuel letter to me.",
      "Really helpful, and she stayed for a cup of tea."]),
]
NOT_FOR_OLD = {"When does the State Pension age go up to 67?", "What State Pension age am I if I was born in 1961?",
               "How do I check my State Pension forecast online?",
               "Can I pay voluntary National Insurance to fill gaps in my State Pension record?",
               "My mum is 81 and lives alone, is it worth her applying for Pension Credit?"}
OLD_CTX = ["I'm {oldage} and my late husband always dealt with the money.",
           "My daughter usually helps me with the computer but she's away.",
           "We've both been retired since 2009.",
           "I live on my own in a bungalow I own outright.",
           "I'm {oldage} and still doing the garden, but the bills worry me."]
OLD_SIGN = ["Thank you all.", "Kind regards, {first}.", "Many thanks.", "Best wishes to everyone.", ""]

NOISE_SOCIAL = [
    ("Anyone else's cat obsessed with the laptop",
     ["Every time I sit down to fill in a form the cat lies across the keyboard.", "Photo in the comments."]),
    ("Good luck to everyone with appointments this week",
     ["Just wanted to say good luck to everyone with appointments and calls this week.", "Be kind to yourselves."]),
    ("Cheap meal ideas thread",
     ["Lentil soup, jacket potatoes and a big pot of chilli have got me through this month.", "Share yours below."]),
    ("Free museum days worth knowing about",
     ["Took the kids to the museum in town on Saturday, completely free and warm all afternoon.",
      "Brilliant day out for nothing."]),
]
NOISE_FORUM = [
    ("Forum maintenance on Sunday night",
     ["The forum will be read-only for about an hour on Sunday night while we update the software.",
      "Thanks for your patience."]),
    ("Off topic: anyone watching the rugby",
     ["Needed something to take my mind off forms this weekend. Anyone else watching the rugby?",
      "What a finish on Saturday."]),
]
NOISE_OLD = [
    ("Knitting for the hospital",
     ["Our group has knitted forty little hats for the special care baby unit this month.",
      "If anyone has spare wool, do send it our way."]),
    ("Autumn garden jobs",
     ["Got the last of the runner beans in and the dahlias lifted before the frost.",
      "What's everyone else doing in the garden this month?"]),
    ("Coach trip to the Lakes",
     ["Our coach trip to the Lakes was lovely despite the drizzle.",
      "Fish and chips in Bowness and home by seven."]),
    ("Lovely walk along the front",
     ["Managed the whole promenade this morning without stopping, first time since my hip.",
      "The sea was like glass."]),
]
NOISE_DIARY = [
    ("Batch cooking Sunday: five dinners for under £20",
     ["Spent Sunday afternoon batch cooking and got five family dinners out of a £20 shop.",
      "The star was a chickpea and spinach curry that even my fussy eater finished."]),
    ("Nerd corner: my budgeting script (pip install and all)",
     ["I finally tidied up the little Python script I use to sort my bank export into categories.",
      "It's one pip install and a CSV file, and it has made the monthly review much quicker."]),
    ("Decluttering the loft and selling on eBay",
     ["Cleared the loft this weekend and listed twenty things on eBay.",
      "The old games console went for more than I paid for it, which feels like a small victory."]),
    ("Autumn walks that cost nothing",
     ["We had three lovely autumn walks this week and spent nothing but the bus fare.",
      "Flask of tea, sandwiches, and a bag for conkers."]),
    ("The great energy meter reading saga",
     ["Submitted a meter reading, got a bill based on an estimate anyway, submitted a photo, got a new bill.",
      "Three phone calls later it's finally right."]),
]

BLOG_HEAD = {
    "sp": ["The triple lock explained in plain English",
           "Why your State Pension forecast might not be what you expect",
           "State Pension arrears: could you be owed money",
           "Deferring your State Pension: a worked example",
           "Voluntary National Insurance: when topping up makes sense",
           "What the State Pension age review is really about",
           "Moving abroad? What happens to your State Pension",
           "Inheriting State Pension from a spouse: the rules",
           "State Pension and tax: a gentle guide",
           "Your State Pension statement, line by line",
           "What the triple lock debate means for today's pensioners",
           "Claiming your State Pension: the letter, the call and the first payment",
           "Gaps, credits and carers: how National Insurance credits protect your State Pension"],
    "pc": ["Pension Credit: a step-by-step guide to the form",
           "Helping a parent claim Pension Credit",
           "Pension Credit is a gateway benefit: here is what it unlocks",
           "Pension Credit and savings: how the calculation works",
           "Pension Credit for couples where one partner is younger",
           "Pension Credit and the council tax bill",
           "Why Pension Credit is worth claiming even for a small amount"],
    "wfp": ["Winter Fuel Payment 2025: the new rules explained",
            "Close to the £35,000 threshold? What it means for your winter fuel",
            "Winter fuel letters: what to check",
            "Spotting winter fuel payment scams"],
    "pip": ["PIP or Attendance Allowance? Which applies after pension age",
            "Preparing for a PIP assessment with an older relative"],
    "uc": ["Universal Credit for mixed-age couples",
           "When a pensioner's partner is on Universal Credit"],
    "nlw": ["Working past State Pension age on the national living wage"],
    "jc": ["Over 60 and sent to the Jobcentre: your rights"],
}
BLOG_FACT_HEAD = {
    "nsp": ["Rates check: what the new State Pension pays in 2025-26", "How much is the State Pension this year? The short answer"],
    "bsp": ["Rates check: the basic State Pension for pre-2016 pensioners", "Old or new State Pension? How to tell which you get"],
    "spa": ["Rates check: your State Pension age today", "When can I get my State Pension? Start here"],
    "pc": ["Rates check: Pension Credit in 2025-26", "Pension Credit in one page"],
    "uc": ["Rates check: Universal Credit for a pensioner's younger partner", "Universal Credit basics for mixed-age households"],
    "nlw": ["Rates check: pay for older workers", "Older workers and the minimum wage"],
}
BLOG_NC_HEAD = {
    "corr": ["Myth-busting: {tn}", "Let's clear up some confusion about {tn}", "No, that's not right: the facts on {tn}",
             "Things people tell me about {tn} that aren't true"],
    "pred": ["Looking ahead: {tn} next year", "What to expect from {tn} in 2026"],
    "past": ["How {tn} has changed in three years", "A short history of {tn}"],
    "hyp": ["A thought experiment on {tn}"],
    "should": ["Opinion: {tn} needs a rethink"],
}
TITLE_NAME = {"sp": "the State Pension", "pc": "Pension Credit", "uc": "Universal Credit", "wfp": "the Winter Fuel Payment",
              "pip": "PIP", "jc": "the Jobcentre", "nlw": "the minimum wage"}
BLOG_OPEN = ["A reader emailed me this week about {t}, and I suspect she is not alone.",
             "Three different people stopped me after church on Sunday to ask about {t}.",
             "I've had more post than usual about {t}, so this week's piece is a practical one.",
             "If you only read one thing about {t} this month, I hope it is this.",
             "Let me start with the question I hear most often about {t}.",
             "My inbox tells me {t} is on a lot of minds at the moment.",
             "I get asked about {t} more than almost anything else, so here is a fuller answer.",
             "This one has come up three times at my advice sessions this month.",
             "There is a lot of noise about {t} at the moment, so let me set out the basics.",
             "My own mother asked me about this over Sunday lunch, which tells you how confusing it is."]
BLOG_CLOSE = ["As ever, leave a comment below if you have questions and I will answer what I can.",
              "If this helped, please share it with someone who might need it.",
              "I will update this post if the rules change.",
              "Comments are open, but please don't post personal details like National Insurance numbers."]

DIARY_HEAD = {
    "nlw": ["What the national living wage rise did to my payslip", "Budgeting on the minimum wage: my real numbers",
            "Checking my payslip against the national living wage", "Shift work, rent and the minimum wage",
            "Why my wage rise vanished by June"],
    "uc": ["Universal Credit and a second job: month one", "My Universal Credit spreadsheet, explained",
           "When the Universal Credit payment lands early", "Reading my Universal Credit statement properly",
           "The taper, explained with my actual numbers"],
    "jc": ["My first Jobcentre appointment in ten years", "What my work coach actually suggested"],
    "sp": ["Helping Dad check his State Pension forecast", "Mum, the State Pension and a new winter coat"],
    "pc": ["Nan, Pension Credit and a very long phone call", "Why we nagged Nan into claiming Pension Credit"],
    "wfp": ["Winter fuel, energy bills and our heating plan", "Planning Mum's winter fuel money"],
    "pip": ["What PIP actually pays for in our house", "The PIP renewal form weekend"],
}
DIARY_SHORT = {
    "nlw": ["payday maths", "the payslip check", "wages vs rent"], "uc": ["assessment period blues", "the UC statement"],
    "jc": ["Jobcentre catch-up", "work coach week"], "sp": ["Dad's pension paperwork", "Mum's pension"],
    "pc": ["Nan's claim", "the Pension Credit saga"], "wfp": ["heating plans", "winter budget"],
    "pip": ["PIP paperwork", "the PIP form"],
}
DIARY_BITS = {
    "nlw": ["I'm paid the national living wage for my shifts at the garden centre, and April's rise showed up on my payslip as a few extra pounds a week.",
            "Rent went up in June, so most of the national living wage rise has already gone.",
            "A colleague found out she'd been paid under the minimum wage for training hours, so check your payslips, everyone."],
    "uc": ["This month's Universal Credit statement was lower because my hours went up, which is how the taper is meant to work, but it still stings.",
           "I keep a spreadsheet of every Universal Credit assessment period so I can spot mistakes.",
           "My Universal Credit payment landed a day early this month, which threw the whole budget off."],
    "jc": ["Had my monthly catch-up with my work coach at the Jobcentre; she suggested an admin course.",
           "The job centre has a new jobs board by the door, mostly care work and warehouse shifts."],
    "sp": ["Spent Sunday helping Dad check his State Pension forecast online, which took longer than it should have.",
           "Mum's State Pension went up in April and she's treated herself to a new winter coat."],
    "pc": ["Finally got Nan to apply for Pension Credit after months of nagging.",
           "We rang the Pension Credit line together on speaker so Nan could give permission."],
    "wfp": ["Mum's winter fuel payment letter arrived, so we've made a plan for the heating.",
            "We're putting Dad's winter fuel payment straight onto his energy account."],
    "pip": ["My partner's PIP covers his taxis to hospital and the extra heating he needs.",
            "The PIP renewal form arrived, so that's my weekend gone."],
}
DIARY_OPEN = ["Another week, another budget check-in.", "{Month} is always an expensive month in this house.",
              "Quick diary this week because work has been mad.", "Sunday night, tea in hand, spreadsheet open.",
              "The food shop came to £{shop} this week, which is about where I wanted it."]
DIARY_CLOSE = ["Next week: the dreaded car MOT.", "That's it for this week. Be kind to your bank balance.",
               "Let me know in the comments how your week went.", "Onwards!"]

# GOV.UK: (day offset from 1 Sep, topic, kind, fact/subtype, slug-ish title, summary).
GOV = [
    (1, "wfp", "general", None, "Winter Fuel Payment: what pensioners need to know this winter",
     "More than 9 million pensioners in England and Wales will receive the Winter Fuel Payment this winter. People born before 22 September 1959 do not need to apply."),
    (2, "pc", "correct", "pc", "Pension Credit: older people urged to check if they could be missing out",
     "Pension Credit tops up a single person's income to £227.10 a week. The Department for Work and Pensions is urging older people and their families to check eligibility online or by calling the claim line."),
    (3, "wfp", "general", None, "Pensioners with incomes over £35,000 can opt out of Winter Fuel Payment until 15 September",
     "Pensioners with a taxable income over £35,000 can opt out of receiving the Winter Fuel Payment until 15 September 2025. Payments to anyone who does not opt out will be recovered through the tax system."),
    (4, "sp", "correct", "nsp", "State Pension: what you will get in 2025 to 2026",
     "The full new State Pension is £230.25 a week and the full basic State Pension is £176.45 a week. Check your State Pension forecast to see how much you could get."),
    (8, "uc", "general", None, "New law guarantees above-inflation rise to Universal Credit standard allowance",
     "The Universal Credit standard allowance will rise by more than inflation every year to 2029 to 2030, the first sustained real-terms rise since Universal Credit was introduced."),
    (9, "jc", "general", None, "Youth Guarantee: young people on Universal Credit to get support into work or training",
     "Work coaches in Jobcentres will offer 18 to 21 year olds on Universal Credit tailored support into work, training or an apprenticeship."),
    (10, "pip", "general", None, "PIP assessment review: disabled people invited to help shape the future of PIP",
     "Disabled people, charities and experts are being invited to take part in a review of the Personal Independence Payment assessment."),
    (11, "nlw", "correct", "nlw", "National Living Wage: are you being paid correctly",
     "The National Living Wage is £12.21 an hour for workers aged 21 and over. Anyone who thinks they are being underpaid can complain to HMRC, which is free and confidential."),
    (15, "sp", "nonclaim", "pred", "State Pension age: changes coming from 2026",
     "The State Pension age will rise to 67 between 2026 and 2028. People born on or after 6 April 1960 can check their own State Pension age online."),
    (16, "uc", "correct", "uc", "Universal Credit: check what you could get",
     "The Universal Credit standard allowance for a single person aged 25 or over is £400.14 a month in 2025 to 2026. Extra amounts may be paid for children, housing and disability."),
    (17, "wfp", "general", None, "Warning over Winter Fuel Payment scam texts",
     "DWP will never text or email asking for bank details to pay the Winter Fuel Payment. Anyone who receives a suspicious message should forward it to 7726."),
    (19, "jc", "general", None, "Jobcentres and careers advice to come together in new national service",
     "Jobcentre Plus and the National Careers Service will be brought together so people can get help with work and careers in one place."),
    (22, "pc", "nonclaim", "corr", "Pension Credit: owning your home does not stop you claiming",
     "Some people believe homeowners can't get Pension Credit. That is not true: the home you live in does not count as savings when your claim is assessed."),
    (23, "sp", "correct", "spa", "Third State Pension age review: call for evidence published",
     "The State Pension age is 66 for men and women. The review will consider the factors that should inform the State Pension age in future, including life expectancy."),
    (24, "pip", "general", None, "Personal Independence Payment statistics to July 2025",
     "Official statistics on Personal Independence Payment claims, assessments and clearance times in England and Wales."),
    (26, "jc", "general", None, "Work coaches to trial new support for people with health conditions",
     "Work coaches at the Jobcentre in selected areas will trial longer appointments and specialist advice for people with health conditions who want to work."),
    (29, "sp", "correct", "nsp", "Check your State Pension forecast before you retire",
     "The full new State Pension is £230.25 a week in 2025 to 2026. Your forecast shows how much you could get and whether you can fill gaps in your National Insurance record."),
    (30, "uc", "general", None, "Help to Claim: free support with Universal Credit claims from Citizens Advice",
     "Citizens Advice can help people make a Universal Credit claim, from the application through to the first full payment."),
    (33, "wfp", "general", None, "Winter Fuel Payment letters: what they mean",
     "Letters are being sent to eligible pensioners this autumn to confirm how much Winter Fuel Payment they will get and when it will be paid."),
    (35, "pc", "correct", "pc", "Pension Credit week of action: charities and DWP join forces",
     "A single pensioner on a low income could be topped up to £227.10 a week through Pension Credit. Charities including Age UK are supporting the campaign."),
    (37, "nlw", "general", None, "Employers named for failing to pay the minimum wage",
     "Employers who failed to pay staff the minimum wage have been named and ordered to repay workers, and face fines."),
    (38, "sp", "nonclaim", "pred", "State Pension age: what the law says about future changes",
     "Under current law, the State Pension age will rise to 67 between 2026 and 2028 and to 68 between 2044 and 2046."),
    (40, "wfp", "general", None, "Over-80s to receive £300 Winter Fuel Payment this winter",
     "Households with someone aged 80 or over will receive £300 this winter, and other eligible households will receive £200."),
    (43, "pip", "general", None, "PIP: how to tell DWP about a change in your condition",
     "People getting Personal Independence Payment should report changes to their condition, a stay in hospital or a move abroad."),
    (45, "uc", "general", None, "Universal Credit health element: what is changing from April 2026",
     "New claimants from April 2026 will receive a different rate of the health element of Universal Credit, while existing claimants will be protected."),
    (48, "jc", "general", None, "Employment minister visits Jobcentre to meet young jobseekers",
     "The minister heard from work coaches and young people about what helps them into their first job."),
    (51, "nlw", "correct", "nlw", "National Living Wage: rate check for workers aged 21 and over",
     "Since 1 April 2025 the National Living Wage has been £12.21 an hour. Employers must also pay the correct rates to younger workers and apprentices."),
    (54, "wfp", "general", None, "Winter Fuel Payment: payments to begin in November",
     "Most eligible pensioners will receive their Winter Fuel Payment automatically in November or December. There is no need to apply in England and Wales."),
    (57, "sp", "general", None, "Benefit and pension uprating: how rates are set each year",
     "The State Pension is uprated each April under the triple lock. Rates for 2026 to 2027 will be confirmed later this year."),
    (59, "pc", "general", None, "Pension Credit: new online service makes it easier to apply",
     "Older people and their families can now apply for Pension Credit online in a simpler service, or by phone."),
]

# YouTube: (day, topic, kind, sub, title, description lines, views).
YOUTUBE = [
    (2, "sp", "correct", "nsp", "State Pension 2025/26 – how much you REALLY get",
     ["The full new State Pension is £230.25 a week in the 2025 to 2026 tax year.",
      "The old basic State Pension pays £176.45 a week at the full rate.",
      "We explain why so many people get less, how National Insurance gaps work, and how to check your forecast.",
      "Not financial advice. Always check GOV.UK for your own situation.",
      "00:00 Intro", "01:05 New vs basic State Pension", "04:40 Checking your forecast", "08:12 Filling gaps"], 184233),
    (6, "wfp", "general", None, "Winter Fuel Payment 2025: who gets it, when, and the £35,000 rule",
     ["The Winter Fuel Payment is back for most pensioners this winter.",
      "We cover who gets it automatically, how the £35,000 income rule works, and what the opt-out means.",
      "Age UK and Citizens Advice both have helplines if you are unsure.",
      "00:00 Intro", "02:20 Who qualifies", "05:45 The income threshold", "09:10 Scotland"], 412870),
    (11, "pc", "nonclaim", "corr", "Pension Credit: 7 myths that stop people claiming",
     ["Myth number one: homeowners can't get Pension Credit. Wrong!",
      "It's simply not true that homeowners can't get Pension Credit, because your home isn't counted as savings.",
      "We go through seven myths, from savings to couples, and show you how to apply.",
      "Turn2us has a free calculator, link in the pinned comment.",
      "00:00 Intro", "01:30 Myth 1: owning your home", "03:50 Myth 2: savings", "11:20 How to apply"], 96540),
    (16, "sp", "nonclaim", "pred", "Triple lock 2026: what the September earnings figure means",
     ["The earnings figure is out, and it sets next April's rise.",
      "The full new State Pension is expected to reach around £241.30 a week from April 2026.",
      "Until then, nothing changes, and we explain why the figure could still be revised in the Budget.",
      "00:00 The numbers", "03:15 What it means for you", "07:40 Will the triple lock survive"], 271004),
    (20, "pip", "general", None, "PIP form: how to fill it in step by step",
     ["A walk-through of the PIP form, question by question.",
      "Describe your worst days as well as your good ones, and keep copies of everything.",
      "Citizens Advice can check your answers before you send it.",
      "00:00 Before you start", "02:40 Daily living", "14:05 Mobility", "19:30 Evidence"], 538112),
    (25, "uc", "correct", "uc", "Universal Credit: the five-week wait explained",
     ["Why the first Universal Credit payment takes five weeks, and what you can do in the meantime.",
      "The Universal Credit standard allowance for a single person aged 25 or over is £400.14 a month.",
      "Advances, budgeting support, and where to get help.",
      "00:00 Intro", "01:50 Assessment periods", "06:30 Advances"], 66231),
    (28, "sp", "nonclaim", "corr", "Is the State Pension age really going up to 70?",
     ["You have probably seen the posts saying everyone will have to wait until 70.",
      "Nobody is raising the state pension age to 70 next year; it's 66 now and due to go to 67 from 2026.",
      "We look at what the current review can and can't change.",
      "00:00 The rumour", "02:10 What the law says", "06:00 The review"], 329877),
    (32, "nlw", "correct", "nlw", "Minimum wage vs national living wage: what's the difference",
     ["The national living wage is £12.21 an hour for workers aged 21 and over.",
      "Younger workers and apprentices have lower minimum wage rates, and we show you how to check your payslip.",
      "00:00 Intro", "01:45 The rates", "05:20 Checking your pay"], 48120),
    (36, "sp", "general", None, "Money checklist for pensioners this winter",
     ["Ten things to check before the cold weather arrives, from Pension Credit to your energy tariff.",
      "Martin Lewis and MoneySavingExpert have covered several of these, and we add a few of our own.",
      "00:00 Intro", "01:10 Benefits check", "06:30 Energy", "12:00 Council tax"], 152664),
    (40, "pip", "general", None, "PIP mandatory reconsideration: my experience",
     ["I asked for a mandatory reconsideration on my PIP decision and here is exactly what happened.",
      "It took eleven weeks, and the award went up. Turn2us and Citizens Advice both helped.",
      "00:00 My story", "04:00 Writing the letter", "09:45 The result"], 23519),
    (44, "wfp", "general", None, "WINTER FUEL PAYMENT scrapped?! No – here's what is really happening",
     ["Clickbait title, honest video.",
      "The Winter Fuel Payment is being paid to most pensioners this winter, and letters are going out now.",
      "We explain the DWP letter line by line.",
      "00:00 The claims going round", "02:30 The letter", "06:15 When you get paid"], 876402),
    (48, "sp", "general", None, "How to check your State Pension forecast in 10 minutes",
     ["A screen-by-screen guide to checking your State Pension forecast on GOV.UK.",
      "You'll need to prove your identity, so have your passport or driving licence ready.",
      "00:00 Intro", "01:20 Signing in", "05:30 Reading the forecast"], 114905),
    (52, "jc", "general", None, "Jobcentre appointments: your rights",
     ["What your work coach can and can't ask, how sanctions work, and how to ask for phone appointments.",
      "00:00 Intro", "02:00 The claimant commitment", "07:15 Sanctions"], 9876),
    (56, "pc", "wrong", "nsp", "Pension Credit: could you qualify? Quick check",
     ["If you're on a low income over pension age, you might qualify for Pension Credit.",
      "Pensioners on the full new State Pension receive £221.20 a week, so anyone below that should check.",
      "Age UK can help you apply.",
      "00:00 Intro", "01:40 Who qualifies", "04:55 Applying"], 41377),
    (60, "uc", "general", None, "Universal Credit and savings: the £6,000 and £16,000 rules",
     ["How savings affect Universal Credit, with worked examples.",
      "00:00 Intro", "01:15 Under £6,000", "03:30 Between the limits", "07:45 Over £16,000"], 35902),
]

NAT_REPORTERS = [("Priya Raman", 5), ("Tom Ashworth", 4), ("Helen McBride", 4), ("Daniel Okafor", 2),
                 ("Sarah Lindqvist", 2), ("Gareth Pugh", 1), ("Money team", 2), ("Fiona Carrick", 1)]
NAT_SPORT = ["Sport desk", "Weather desk"]
REG_REPORTERS = [("Jenny Holroyd", 5), ("Mark Fenwick", 3), ("Aisha Patel", 3), ("Newsdesk", 2), ("Stuart Bellamy", 1)]
BLOG_AUTHORS = [("Margaret Ellison", 7), ("Colin Brady", 3), ("Dr Ruth Adeyemi", 1)]
DIARY_AUTHORS = [("Kezia Lowe", 9), ("Sam Parfitt", 1)]
REDDIT_REGULARS = ["throwaway_uc_2025", "northern_mum_of_3", "BrokeInBrum", "SpoonieSteph", "grumpy_retiree_64"]
REDDIT_OTHERS = ["Kettle_On_Again", "mancunian_maz", "fish_finger_butty", "TeessideTom", "quietlycoping",
                 "Ldn_night_shift", "ValleysGirl88", "bramble_and_bean", "Anxious_Andy_UK", "pennywise_pete",
                 "carer_for_mum", "ExPostie", "wobbly_knees", "SeagullSoup", "cuppa_and_a_moan", "just_a_dad_in_derby",
                 "BurntToastBrenda", "wearyworker21", "GlasgowGrafter", "MidlandsMeg", "tired_of_forms", "Hull_lad",
                 "sofa_surfing_sam", "scouse_sue", "MummyBudgets", "throwaway_pip_q", "lancs_lass", "NightBusNigel",
                 "kindness_costs_0", "AllotmentAl", "bristol_bookworm", "ducks_in_a_row", "second_shift_sarah",
                 "CornishPasty77", "mrs_brightside_uk", "newbie_claimant"]
FORUM_USERS = [  # (username, display name, trust level)
    ("BenefitsBuddy", "Benefits Buddy (volunteer)", 4), ("WendyW_advisor", "Wendy W", 3), ("GrumpyGeoff", "Geoff", 3),
    ("TeessideTina", "Tina", 2), ("ex_work_coach", "", 3), ("Rosie_M", "Rosie", 2), ("dave_from_derby", "Dave", 1),
    ("CarerClaire", "Claire", 2), ("PipFighter", "", 1), ("Lorraine62", "Lorraine", 2), ("newclaimant_nick", "Nick", 0),
    ("MargaretA", "Margaret A", 1), ("hopeful_hannah", "", 1), ("TonyB_retired", "Tony", 2), ("single_dad_sean", "Sean", 1),
    ("Yasmin_K", "Yasmin", 1), ("ColdHandsCarol", "Carol", 1), ("bus_driver_bill", "Bill", 2), ("anon_worried", "", 0),
    ("JulieT", "Julie", 1), ("quiet_reader", "", 0), ("ShazzaH", "Sharon", 1), ("Mo_in_Manchester", "Mo", 1),
    ("Pat_the_pensioner", "Pat", 2), ("frances_n", "Frances", 1),
]
OLD_USERS = ["Maureen_Whitby", "Ron1947", "SheilaB", "Dennis_H", "Pat from Penrith", "Brian_retired_postie", "Joan M",
             "HaroldW", "Evelyn R", "Kath_and_Ken", "Rita Lomas", "Gordon (Fife)", "Beryl_74", "Stan the Man"]


# --------------------------------------------------------------------------------------
# Item builders
# --------------------------------------------------------------------------------------

OLDER_TOPICS = {"sp", "pc", "wfp"}
LABEL = {"sp": "State Pension", "pc": "Pension Credit", "uc": "UC", "wfp": "Winter fuel", "pip": "PIP",
         "jc": "Jobcentre", "nlw": "Minimum wage"}
TITLE_SUFFIX = [" – update", " (part 2)", ", revisited", " – your questions", " – latest"]


def lower_first(s: str) -> str:
    return s[0].lower() + s[1:] if s and not s[:3].isupper() else s


def topic_of(kind: str, spec):
    if kind in ("wrong", "correct"):
        return FACT_TOPIC[spec]
    if kind == "myth":
        return MYTH_TOPIC[spec]
    return spec


def wpick(rng: random.Random, pairs):
    return rng.choices([p[0] for p in pairs], weights=[p[1] for p in pairs])[0]


class Gen:
    def __init__(self, seed: int = SEED):
        self.rng = random.Random(seed)
        self.B = Bank(self.rng)
        self.titles: dict[str, set] = {}

    # -- small helpers ----------------------------------------------------------------
    def S(self, when, s: str) -> str:
        return fill(self.rng, when, s)

    def uniq(self, file: str, title: str) -> str:
        used = self.titles.setdefault(file, set())
        if title.startswith("Re: "):
            return title
        t, i = title, 0
        while t.lower() in used:
            t = title + TITLE_SUFFIX[i % len(TITLE_SUFFIX)] + ("" if i < len(TITLE_SUFFIX) else f" {i}")
            i += 1
        used.add(t.lower())
        return t

    def claim(self, kind: str, spec: str, reg: str, avoid_family: bool = False):
        B = self.B
        if kind == "wrong":
            return B.pick(f"w-{spec}-{reg}", WRONG[spec][reg]), spec
        if kind == "correct":
            return B.pick(f"c-{spec}-{reg}", CORRECT[spec][reg]), spec
        if kind == "myth":
            bank = MYTHS[spec]
            if avoid_family:
                bank = [m for m in bank if "dad" not in m and "me working" not in m]
            return B.pick(f"m-{spec}-{avoid_family}", bank), spec
        raise ValueError(kind)

    def nonclaim(self, sub: str, reg: str, topic: str | None = None):
        ok = {"f": ("f", "a"), "c": ("c", "a"), "a": ("f", "a", "c")}[reg]
        bank = [n for n in NONCLAIMS if n[0] == sub and n[3] in ok and (topic is None or n[1] == topic)]
        if not bank:
            bank = [n for n in NONCLAIMS if n[0] == sub]
        n = self.B.pick(f"nc-{sub}-{reg}-{topic}", bank)
        return n[4], sub, n[1]

    def voices(self, topic: str, n: int):
        rng = self.rng
        w = ({"age": 3, "mse": 2, "ca": 2, "t2u": 1} if topic in OLDER_TOPICS
             else {"ca": 3, "t2u": 2, "mse": 2, "age": 0.4})
        keys = list(w)
        out = []
        while len(out) < n:
            v = rng.choices(keys, weights=[w[k] for k in keys])[0]
            if v not in out:
                out.append(v)
        return out

    def info(self, topic: str, used: set) -> str:
        """An INFO sentence for topic not already used in the current item."""
        for _ in range(12):
            s = self.B.pick("info-" + topic, INFO[topic])
            if s not in used:
                used.add(s)
                return s
        return ""

    def free_title(self, file: str, candidates, fallback: str) -> str:
        """First candidate title not yet used in this file, else the fallback."""
        used = self.titles.setdefault(file, set())
        for c in candidates:
            if c.lower() not in used:
                return c
        return fallback

    def tn(self, topic: str) -> str:
        return self.rng.choice(TNAME[topic])

    # -- news (national and regional) -------------------------------------------------
    def news_item(self, when, kind, spec, regional: bool, gov_items=None) -> dict:
        rng, B = self.rng, self.B
        slots = Slots(rng, when)
        file = "regional" if regional else "national"
        if kind == "noise":
            title, sents = B.pick(f"noise-{file}", NOISE_REG if regional else NOISE_NEWS)
            paras = [P(s.format_map(slots)) for s in sents]
            return dict(kind="noise", sub=None, topic=None, sent="neu", key=para_text(paras[0]),
                        title=self.uniq(file, title.format_map(slots)), paras=paras, section="uk")
        topic = topic_of(kind, spec) if kind != "nonclaim" else None
        key, sub, sent = None, None, "neu"
        claim_para = None
        if kind in ("wrong", "correct"):
            key, sub = self.claim(kind, spec, "f")
            claim_para = P(emph(key, rng, 0.4))
        elif kind == "nonclaim":
            key, sub, topic = self.nonclaim(spec, "f")
            claim_para = P(key)
        if kind == "question":
            topic = spec
            q = B.pick(f"regq-{topic}", [q for q in QBY[topic] if q[2] == "text"])
            key = q[1]
            title = self.uniq(file, f"Your questions: {q[1]}")
            paras = [P(fill(rng, when, f'A reader from {{place}} asks: "{q[1]}"')),
                     P(*[self.info(topic, set()) for _ in range(1)], self.info(topic, {key})),
                     P(fill(rng, when, "Citizens Advice {place} said anyone unsure should book a free appointment."))]
            return dict(kind="question", sub=None, topic=topic, sent="neu", key=key, title=title, paras=paras,
                        section="money")
        tn = self.tn(topic)
        used_info: set = set()
        if regional:
            title = self.uniq(file, B.pick(f"{file}-head-{topic}", REG_HEAD[topic]).format_map(slots))
            lead = NEWS_LEADS[topic] if rng.random() < 0.4 else self.info(topic, used_info)
        else:
            head, lead = B.pick(f"{file}-head-{topic}", NEWS_HEAD[topic])
            title = self.uniq(file, head)
        paras = [P(lead)]
        if claim_para:
            paras.append(P(claim_para, self.info(topic, used_info)))
        else:
            paras.append(P(self.info(topic, used_info)))
        for v in self.voices(topic, rng.choice([1, 1, 2])):
            line = B.pick("vn-" + v, VOICE_NEWS[v]).replace("{t}", tn)
            if not regional and rng.random() < 0.35:
                paras.append(P(line, [("a", VOICE_URL[v], f"Read {VOICE_LINK_TEXT[v]}'s guidance"), "."]))
            else:
                paras.append(P(line))
        if rng.random() < 0.75:
            paras.append(P(B.pick("dwp-" + topic, DWP_SAYS[topic] + DWP_SAYS["any"])))
        older = topic in OLDER_TOPICS
        who = ("{first}, {oldage}, a {oldjob} from " if older else "{young}, {workage}, a {job} from ")
        who += "{place}" if regional else "{city}"
        if kind == "myth":
            key, sub = self.claim("myth", spec, "c", avoid_family=True)
            paras.append(P(who.format_map(slots) + f', said: "{key}"'))
            sent = "neg"
        elif kind == "general" and rng.random() < 0.6:
            sent = rng.choice(["pos", "neg"])
            quote = B.pick(f"vox-{topic}-{sent}", VOX[topic][sent])
            paras.append(P(who.format_map(slots) + f', said: "{quote}"'))
        if not regional:
            prior = [g for g in (gov_items or []) if g["topic"] == topic and g["when"] < when]
            if prior and rng.random() < 0.6:
                g = prior[-1]
                paras.append(P(["The Department for Work and Pensions ", ("a", g["url"], "set out the details on GOV.UK"), "."]))
            else:
                paras.append(P(["Full eligibility rules are ", ("a", TOPIC_URL[topic], "on GOV.UK"), "."]))
        if key is None:
            key = para_text(paras[1])
        return dict(kind=kind, sub=sub, topic=topic, sent=sent, key=key, title=title, paras=paras,
                    section="business" if topic in ("nlw", "jc") else "money")

    # -- Later Life Finance blog (Atom) ---------------------------------------------
    def blog_item(self, when, kind, spec) -> dict:
        rng, B = self.rng, self.B
        file = "blog"
        if kind == "noise":
            title, sents = B.pick("noise-blog", [
                ("Off topic: my allotment this autumn",
                 ["The squash harvest was a triumph and the leeks are looking promising.",
                  "Normal service resumes next week, I promise."]),
                ("A short break, back soon",
                 ["I'm taking a fortnight off to visit my sister in Aberdeen.",
                  "Comments will be moderated a little more slowly while I'm away."]),
            ])
            return dict(kind="noise", sub=None, topic=None, sent="neu", key=sents[0],
                        title=self.uniq(file, title), paras=[P(s) for s in sents])
        key, sub, topic = None, None, None
        if kind in ("wrong", "correct"):
            topic = FACT_TOPIC[spec]
            key, sub = self.claim(kind, spec, "f")
            title = (B.pick("bfh-" + spec, BLOG_FACT_HEAD[spec]) if kind == "correct"
                     else self.free_title(file, [B.pick("bh-" + topic, BLOG_HEAD[topic]) for _ in range(3)],
                                          B.pick("bh-" + topic, BLOG_HEAD[topic])))
        elif kind == "nonclaim":
            key, sub, topic = self.nonclaim(spec, "a")
            title = B.pick("bnc-" + spec, BLOG_NC_HEAD[spec]).replace("{tn}", TITLE_NAME[topic])
        elif kind == "question":
            topic = spec
            q = B.pick(f"blogq-{topic}", [q for q in QBY[topic] if q[2] == "text"])
            key = q[1]
            title = "Reader question: " + q[1]
        else:
            topic = spec
            title = self.free_title(file, [B.pick("bh-" + topic, BLOG_HEAD[topic]) for _ in range(3)],
                                    B.pick("bh-" + topic, BLOG_HEAD[topic]))
        title = self.uniq(file, title)
        tn = self.tn(topic)
        paras = []
        if kind == "question":
            paras.append(P(fill(rng, when, f'{{First}} from {{city}} writes: "{key}"'),
                           "It's a good question, and the answer depends on a few things."))
        else:
            paras.append(P(B.pick("bopen", BLOG_OPEN).replace("{t}", tn)))
        used_info: set = set()
        if key and kind != "question":
            paras.append(P(emph(key, rng, 0.6), self.info(topic, used_info)))
        infos = [i for i in (self.info(topic, used_info) for _ in range(3)) if i]
        if len(infos) >= 2 and rng.random() < 0.35:
            paras.append(P("The key points:"))
            paras.append({"ul": [[i] for i in infos]})
        else:
            paras.append(P(*infos[:2]))
        for v in self.voices(topic, rng.choice([1, 2])):
            line = B.pick("vb-" + v, VOICE_BLOG[v])
            if rng.random() < 0.4:
                paras.append(P(line, [("a", VOICE_URL[v], VOICE_LINK_TEXT[v] + " online"), " is the place to start."]))
            else:
                paras.append(P(line))
        if rng.random() < 0.4:
            paras.append(P(B.pick("vb-dwp", VOICE_BLOG["dwp"])))
        paras.append(P(B.pick("bclose", BLOG_CLOSE)))
        if key is None:
            key = para_text(paras[0])
        sent = "neu"
        return dict(kind=kind, sub=sub, topic=topic, sent=sent, key=key, title=title, paras=paras)

    # -- Household Money Diary (JSON Feed) --------------------------------------------
    def diary_item(self, when, kind, spec) -> dict:
        rng, B = self.rng, self.B
        file = "diary"
        slots = Slots(rng, when)
        if kind == "noise":
            title, sents = B.pick("noise-diary", NOISE_DIARY)
            return dict(kind="noise", sub=None, topic=None, sent="neu", key=sents[0],
                        title=self.uniq(file, title), paras=[P(s) for s in sents])
        key, sub = None, None
        if kind in ("wrong", "correct", "myth"):
            topic = topic_of(kind, spec)
            key, sub = self.claim(kind, spec, "c")
        elif kind == "nonclaim":
            key, sub, topic = self.nonclaim(spec, "c")
        else:
            topic = spec
        if kind == "question":
            q = B.pick(f"diaryq-{topic}", QBY[topic])
            key = q[1]
            title = self.uniq(file, "Help me settle an argument: " + lower_first(q[1]))
            paras = [P("Question for you lot this week, because the group chat can't agree."),
                     P(B.pick("qctx-" + topic, QCTX[topic]).format_map(slots), q[1]),
                     P("Answers in the comments please, and I'll share what I find out.")]
            return dict(kind=kind, sub=None, topic=topic, sent="neu", key=key, title=title, paras=paras)
        lt = uk(when)
        dated = f"Money diary, {lt.day} {MONTH_NAMES[lt.month - 1]}: " + B.pick("dshort-" + topic, DIARY_SHORT[topic])
        if rng.random() < 0.55:
            title = dated
        else:
            title = self.free_title(file, [B.pick("dh-" + topic, DIARY_HEAD[topic])], dated)
        title = self.uniq(file, title)
        paras = [P(B.pick("dopen", DIARY_OPEN).format_map(slots), B.pick("dbits-" + topic, DIARY_BITS[topic]))]
        sent = "neu"
        if key:
            paras.append(P(emph(key, rng, 0.5)))
        else:
            sent = rng.choice(["pos", "neg", "neu"])
            react = {"pos": "Honestly, it's been a better month than I expected and I'm really pleased.",
                     "neg": "Money is tight again, to be honest. It feels like running up a down escalator.",
                     "neu": "Nothing dramatic, just keeping an eye on it."}[sent]
            paras.append(P(react))
        v = wpick(rng, [("mse", 5), ("ca", 1), ("t2u", 1), ("age", 1), ("dwp", 2)])
        line = B.pick("vc-" + v, VOICE_CASUAL[v])
        if v in VOICE_URL and rng.random() < 0.5:
            paras.append(P(line, [("a", VOICE_URL[v], "Here's the link"), " if you want it."]))
        else:
            paras.append(P(line))
        paras.append(P(B.pick("dclose", DIARY_CLOSE)))
        if key is None:
            key = para_text(paras[0])
        return dict(kind=kind, sub=sub, topic=topic, sent=sent, key=key, title=title, paras=paras)

    # -- social posts (Reddit, Discourse forum openers) -------------------------------
    def social_item(self, when, kind, spec, file: str) -> dict:
        rng, B = self.rng, self.B
        slots = Slots(rng, when)
        key, sub, sent = None, None, "neu"
        if kind == "noise":
            title, sents = B.pick(f"noise-{file}", NOISE_SOCIAL if file == "reddit" else NOISE_FORUM)
            return dict(kind="noise", sub=None, topic=None, sent="pos", key=sents[0],
                        title=self.uniq(file, title), paras=[P(s) for s in sents])
        if kind == "question":
            topic = spec
            q = B.pick(f"{file}-q-{topic}", QBY[topic])
            qt = q[1]
            pre = rng.choice(QPREFIX)
            qbody = pre + lower_first(qt) if pre else qt
            lab = {"uc": "Universal Credit", "wfp": "Winter fuel payment", "nlw": "Minimum wage"}.get(topic, LABEL[topic])
            alts = [f"{lab} question", f"Question about {lab}", f"{lab} – help please", f"Confused about {lab}",
                    f"{lab} query", f"Quick {lab} question"]
            rng.shuffle(alts)
            title = qt if rng.random() < 0.7 else self.free_title(file, alts, qt)
            first = [B.pick("qctx-" + topic, QCTX[topic]).format_map(slots)]
            if rng.random() < 0.6:
                first.append(B.pick("tried", TRIED))
            paras = [P(*first), P(qbody)]
            so = B.pick("signoff", SIGNOFF)
            if so:
                paras.append(P(so))
            if rng.random() < 0.5:  # put the question first sometimes
                paras = [paras[1], paras[0]] + paras[2:]
            return dict(kind=kind, sub=None, topic=topic, sent="neu", key=qt, title=self.uniq(file, title),
                        paras=paras, q=q)
        if kind == "referral":
            topic, title, sents = B.pick("referral", REFERRALS)
            sents = [s.format_map(slots) for s in sents]
            key = next(s for s in sents if s.endswith("?"))
            if len(key) < 45 and key != sents[0]:
                key = sents[0] + " " + key
            paras = [P(*sents)]
            if rng.random() < 0.5:
                paras.append(P(B.pick("tried", TRIED)))
            return dict(kind=kind, sub=None, topic=topic, sent="neg", key=key, title=self.uniq(file, title),
                        paras=paras)
        if kind in ("wrong", "myth"):
            topic = topic_of(kind, spec)
            key, sub = self.claim(kind, spec, "c")
            key = key.format_map(slots)
            title = B.pick("ct-" + topic, CLAIM_TITLES[topic])
            extra = (B.pick("react", REACT_NEG) if kind == "wrong" else B.pick("passon", PASS_ON).format_map(slots))
            paras = [P(key[0].upper() + key[1:] + ("" if key[-1] in ".!?" else "."), extra)]
            if rng.random() < 0.5:
                paras.append(P(B.pick("follow-" + topic, CLAIM_FOLLOW[topic])))
            return dict(kind=kind, sub=sub, topic=topic, sent="neg", key=key, title=self.uniq(file, title),
                        paras=paras)
        if kind == "correct":
            topic = FACT_TOPIC[spec]
            key, sub = self.claim("correct", spec, "c")
            title = rng.choice([f"PSA: {LABEL[topic]} rates for 2025-26",
                                f"PSA for anyone confused about {LABEL[topic] if topic != 'uc' else 'Universal Credit'}"])
            v = self.voices(topic, 1)[0]
            paras = [P(emph(key[0].upper() + key[1:], rng, 0.5)),
                     P(self.info(topic, set()), B.pick("vc-" + v, VOICE_CASUAL[v]))]
            return dict(kind=kind, sub=sub, topic=topic, sent="neu", key=key, title=self.uniq(file, title),
                        paras=paras)
        if kind == "nonclaim":
            key, sub, topic = self.nonclaim(spec, "c")
            title = {"corr": "Correcting something I keep seeing on here",
                     "should": f"{LABEL[topic] if topic != 'uc' else 'Universal Credit'} should be higher",
                     "hyp": "Just imagine", "past": "How things have changed",
                     "pred": "What's coming next April"}[sub]
            extra = {"corr": "Please check GOV.UK before panicking, people.",
                     "should": "Rant over.", "hyp": "A person can dream.", "past": "Feels like a lifetime ago.",
                     "pred": "Nothing is confirmed until the Budget though."}[sub]
            paras = [P(key, extra)]
            if rng.random() < 0.5:
                v = self.voices(topic, 1)[0]
                paras.append(P(B.pick("vc-" + v, VOICE_CASUAL[v])))
            return dict(kind=kind, sub=sub, topic=topic, sent="neu", key=key, title=self.uniq(file, title),
                        paras=paras)
        # general
        topic = spec
        sent, title, sents = B.pick(f"story-{file}-{topic}", STORIES[topic])
        sents = [s.format_map(slots) for s in sents]
        paras = [P(*sents)]
        if rng.random() < 0.55:
            v = wpick(rng, [("dwp", 2), ("ca", 2), ("t2u", 1), ("mse", 1), ("age", 1 if topic in OLDER_TOPICS else 0.2)])
            paras.append(P(B.pick("vc-" + v, VOICE_CASUAL[v])))
        return dict(kind="general", sub=None, topic=topic, sent=sent, key=sents[0],
                    title=self.uniq(file, title.format_map(slots)), paras=paras)

    # -- Pensioners' Voice forum (RSS 1.0) -------------------------------------------
    def old_item(self, when, kind, spec) -> dict:
        rng, B = self.rng, self.B
        slots = Slots(rng, when)
        file = "old"
        threads = {"sp": ["State Pension this year", "Pension age", "The triple lock"],
                   "pc": ["Pension Credit", "Is Pension Credit worth it"],
                   "wfp": ["Winter fuel", "Heating this winter"],
                   "uc": ["Grandchildren and benefits"], "nlw": ["Young ones and wages"],
                   "pip": ["PIP at our age"], "jc": ["Job centres"]}
        sign = B.pick("oldsign", OLD_SIGN).format_map(slots)
        if kind == "noise":
            title, sents = B.pick("noise-old", NOISE_OLD)
            return dict(kind="noise", sub=None, topic=None, sent="pos", key=sents[0],
                        title=self.uniq(file, title), paras=[P(*sents, sign)])
        if kind == "question":
            topic = spec
            q = B.pick(f"oldq-{topic}", [q for q in QBY[topic] if q[1] not in NOT_FOR_OLD])
            paras = [P(B.pick("octx", OLD_CTX).format_map(slots), q[1], sign)]
            return dict(kind=kind, sub=None, topic=topic, sent="neu", key=q[1],
                        title=self.uniq(file, q[1] if rng.random() < 0.6 else "A question about " + LABEL[topic]),
                        paras=paras)
        if kind == "referral":
            pool = [r for r in REFERRALS if r[0] in ("sp", "pc", "wfp")]
            topic, title, sents = B.pick("oldref", pool)
            sents = [s.format_map(slots) for s in sents]
            return dict(kind=kind, sub=None, topic=topic, sent="neg", key=next(s for s in sents if s.endswith("?")),
                        title=self.uniq(file, title), paras=[P(*sents, sign)])
        if kind in ("wrong", "myth", "correct"):
            topic = topic_of(kind, spec)
            key, sub = self.claim(kind, spec, "c")
            key = key[0].upper() + key[1:] + ("" if key[-1] in ".!?" else ".")
            pre = {"wrong": "In case anyone was wondering.", "myth": "I heard this at the lunch club today.",
                   "correct": "My son checked this on the computer for me."}[kind]
            title = "Re: " + B.pick("othr-" + topic, threads[topic])
            return dict(kind=kind, sub=sub, topic=topic, sent="neg" if kind != "correct" else "neu", key=key,
                        title=self.uniq(file, title), paras=[P(pre, key, sign)])
        if kind == "nonclaim":
            key, sub, topic = self.nonclaim(spec, "c")
            title = "Re: " + B.pick("othr-" + topic, threads[topic])
            return dict(kind=kind, sub=sub, topic=topic, sent="neu", key=key, title=self.uniq(file, title),
                        paras=[P("Just my two penn'orth.", key, sign)])
        topic, sent, title, sents = B.pick("oldstory", OLD_STORIES)
        sents = [s.format_map(slots) for s in sents]
        return dict(kind="general", sub=None, topic=topic, sent=sent, key=sents[0],
                    title=self.uniq(file, title), paras=[P(*sents, sign)])

    # -- Discourse forum threads ------------------------------------------------------
    def forum_replies(self, op: dict, when) -> list[dict]:
        rng, B = self.rng, self.B
        slots = Slots(rng, when)
        kind, topic = op["kind"], op["topic"]
        tn = self.tn(topic) if topic else "it"
        seq: list[dict] = []

        def add(k, paras, key, who="any", sub=None, sent="neu", reply_to=1, quote=False, t=topic):
            seq.append(dict(kind=k, sub=sub, topic=t, sent=sent, key=key, paras=paras, who=who,
                            reply_to=reply_to, quote=quote))

        def cap(s):
            s = s[0].upper() + s[1:]
            return s if s[-1] in ".!?" else s + "."

        def voice_line(pref=None, advice=False):
            v = pref or wpick(rng, [("ca", 3), ("t2u", 2), ("dwp", 3), ("mse", 1), ("age", 2 if topic in OLDER_TOPICS else 0.3)])
            return B.pick(("va-" if advice else "vc-") + v, (VOICE_ADVICE if advice else VOICE_CASUAL)[v])

        if kind == "question":
            _, qt, akind, payload, wrong = op["q"]
            if wrong and rng.random() < 0.55:
                wk = "wrong" if wrong in WRONG else "myth"
                txt, _ = self.claim(wk, wrong, "c")
                add(wk, [P(cap(txt))], txt, sub=wrong)
                wrong_no = len(seq) + 1
                if wrong in CORR_FOR:
                    c = B.pick("corr-" + wrong, CORR_FOR[wrong])
                    add("nonclaim", [P(c, "Worth double-checking on GOV.UK.")], c, who="helper", sub="corr",
                        reply_to=wrong_no)
                else:
                    c, _ = self.claim("correct", wrong, "c")
                    add("correct", [P("Not quite.", cap(c))], c, who="helper", sub=wrong, reply_to=wrong_no)
            if akind == "correct":
                txt, sub = self.claim("correct", payload, "c")
                k = "correct"
            elif akind == "nonclaim":
                txt = payload
                k = "nonclaim"
                sub = next((n[0] for n in NONCLAIMS if n[4] in payload), "pred")
            else:
                txt, k, sub = payload.format_map(slots), "general", None
            paras = [P(cap(txt))]
            if rng.random() < 0.5:
                paras.append(P(voice_line(advice=True)))
            add(k, paras, txt, who="helper", sub=sub, quote=rng.random() < 0.45)
            if rng.random() < 0.7:
                add("general", [P(B.pick("thanks", THANKS))], "", who="op", sent="pos")
            if rng.random() < 0.35:
                f = FOLLOWUPS[topic]
                add("question", [P(f)], f)
            if rng.random() < 0.3:
                v = voice_line()
                add("general", [P(v)], v)
        elif kind == "referral":
            v = voice_line(rng.choice(["ca", "t2u", "ca", "dwp"]), advice=True)
            add("general", [P(v, B.pick("advice", ADVICE))], v, who="helper", quote=rng.random() < 0.3)
            s = B.pick("symp", SYMPATHY).format_map(slots)
            add("general", [P(s)], s, sent="neg")
            if rng.random() < 0.5:
                a = B.pick("advice", ADVICE)
                add("general", [P(a)], a, who="helper")
            mood = rng.choice(["pos", "pos", "neg"])
            u = B.pick("upd-" + mood, OP_UPDATES[mood]).format_map(slots)
            add("general", [P(u)], u, who="op", sent=mood)
        elif kind in ("wrong", "myth"):
            spec = op["sub"]
            if spec in CORR_FOR:
                c = B.pick("corr-" + spec, CORR_FOR[spec])
                add("nonclaim", [P(c)], c, who="helper", sub="corr", quote=rng.random() < 0.5)
            else:
                c, _ = self.claim("correct", spec, "c")
                add("correct", [P("I don't think that's right.", cap(c))], c, who="helper", sub=spec, quote=True)
            if rng.random() < 0.6:
                v = voice_line("age" if topic in OLDER_TOPICS else "ca", advice=True)
                add("general", [P(v)], v, who="helper")
            add("general", [P(rng.choice(["Fair enough, I stand corrected.", "Oh! Thanks, I'd got that wrong then.",
                                          "Well that's good news, thank you."]))], "", who="op", sent="pos")
        elif kind == "general":
            if op["sent"] == "neg":
                s = B.pick("symp", SYMPATHY).format_map(slots)
                add("general", [P(s)], s, sent="neg")
                v = voice_line(advice=True)
                add("general", [P(v)], v, who="helper")
            elif op["sent"] == "pos":
                add("general", [P(rng.choice(["Brilliant news, well done!", "So pleased for you.",
                                              "That's fantastic, thanks for sharing the good news."]))], "", sent="pos")
            else:
                v = voice_line(advice=True)
                add("general", [P(v)], v, who="helper")
        else:  # noise
            add("noise", [P(rng.choice(["Ha, brilliant.", "Thanks for the heads-up.", "What a finish that was!"]))],
                "", t=None, sent="pos")
        return seq

    def forum(self) -> tuple[list[dict], list[dict], list[dict]]:
        rng, B = self.rng, self.B
        users = []
        for i, (un, name, tl) in enumerate(FORUM_USERS):
            if rng.random() < 0.5:
                av = f"/user_avatar/forum.benefits-talk.example/{un.lower()}/{{size}}/{rng.randint(20, 400)}_2.png"
            else:
                av = (f"/letter_avatar_proxy/v4/letter/{un[0].lower()}/"
                      f"{rng.choice(['8797f3', 'e9a140', '5f9b52', 'b0a1ce', 'd1d100', 'ce7469'])}/{{size}}.png")
            users.append(dict(id=12 + i * 3 + rng.randint(0, 2), username=un, name=name, trust_level=tl,
                              avatar_template=av))
        helpers = [u for u in users if u["username"] in ("BenefitsBuddy", "WendyW_advisor", "ex_work_coach",
                                                         "GrumpyGeoff", "Pat_the_pensioner")]
        ordinary = [u for u in users if u not in helpers]
        plan = ([("question", t) for t in ["uc", "uc", "uc", "pip", "pip", "pip", "sp", "sp", "pc", "pc", "wfp", "jc", "nlw"]]
                + [("referral", None)] * 4 + [("wrong", "uc"), ("wrong", "nsp"), ("myth", "pchome"), ("myth", "wfp")]
                + [("general", t) for t in ["pip", "pip", "uc", "uc", "jc", "sp", "nlw", "pc"]] + [("noise", None)])
        rng.shuffle(plan)
        times = sorted(spread(rng, len(plan), "social"))
        cats = {"uc": 5, "pip": 6, "sp": 7, "pc": 7, "wfp": 7, "jc": 8, "nlw": 8, None: 9}
        topics, posts = [], []
        tid = 1180
        big = set(rng.sample(range(len(plan)), 2))
        for idx, ((kind, spec), t0) in enumerate(zip(plan, times)):
            tid += rng.randint(1, 4)
            op = self.social_item(t0, kind, spec, "forum")
            op_user = rng.choice(ordinary)
            seq = self.forum_replies(op, t0)
            if idx in big:
                for _ in range(rng.randint(8, 11)):
                    filler = rng.choice([f"Following, I've got the same question about {self.tn(op['topic'] or 'uc')}.",
                                         "Bumping this, would like to know too.",
                                         f"Same situation here with {self.tn(op['topic'] or 'uc')}.",
                                         "Thanks for starting this thread, it's really helpful."])
                    seq.append(dict(kind="general", sub=None, topic=op["topic"], sent="neu", key=filler,
                                    paras=[P(filler)], who="any", reply_to=1, quote=False))
            pop = rng.uniform(1800, 4200) if idx in big else rng.lognormvariate(4.3, 1.0)
            slug = slugify(op["title"])
            thread = []
            t = t0
            op_post = dict(op, user=op_user, when=t0, post_number=1, reply_to=None, topic_id=tid, topic_slug=slug,
                           topic_title=op["title"], category_id=cats[op["topic"]])
            thread.append(op_post)
            for r in seq:
                t = t + dt.timedelta(minutes=4 + rng.expovariate(1 / 240))
                if t > END:
                    break
                if r["who"] == "op":
                    u = op_user
                elif r["who"] == "helper":
                    u = rng.choice(helpers)
                else:
                    u = rng.choice([o for o in ordinary if o is not op_user])
                paras = list(r["paras"])
                if r.pop("quote", False):
                    target = thread[r["reply_to"] - 1]
                    qtext = target["key"] if target["key"] else para_text(target["paras"][0])
                    av = target["user"]["avatar_template"].replace("{size}", "48")
                    paras = [{"quote": dict(username=target["user"]["username"], post=target["post_number"],
                                            topic=tid, avatar=av, text=qtext)}] + paras
                thread.append(dict(r, paras=paras, user=u, when=t, post_number=len(thread) + 1, topic_id=tid,
                                   topic_slug=slug, topic_title=op["title"], title=op["title"],
                                   category_id=cats[op["topic"]]))
            for p in thread[1:]:
                p["rtpn"] = p["reply_to"] if p["reply_to"] != 1 else (1 if rng.random() < 0.4 else None)
            thread[0]["rtpn"] = None
            for p in thread:
                n = p["post_number"]
                p["reads"] = max(1, int(pop * rng.uniform(0.5, 1.0) / (1 + 0.12 * (n - 1))))
                helpful = p["kind"] in ("correct", "nonclaim") or p.get("who") == "helper"
                p["likes"] = int(p["reads"] * rng.uniform(0.0, 0.12 if helpful else 0.04))
                p["reply_count"] = sum(1 for q in thread if q["rtpn"] == n)
                p["quote_count"] = sum(1 for q in thread for pp in q["paras"]
                                       if isinstance(pp, dict) and pp.get("quote", {}).get("post") == n)
                p["incoming_link_count"] = rng.choice([0, 0, 0, 1, 2]) if n == 1 else 0
                p["score"] = round(0.2 * p["reads"] + 15 * p["likes"] + 5 * p["reply_count"]
                                   + 5 * p["incoming_link_count"] + 3 * p["quote_count"] + rng.random(), 1)
                p["ms"] = rng.randrange(1000)
                p["version"] = rng.choice([1, 1, 1, 1, 2])
            posts.extend(thread)
            posters = []
            seen = []
            for p in thread:
                if p["user"]["id"] not in seen:
                    seen.append(p["user"]["id"])
            last = thread[-1]["user"]["id"]
            for uid in seen[:4] + ([last] if last not in seen[:4] else []):
                desc = []
                if uid == op_user["id"]:
                    desc.append("Original Poster")
                if uid == last:
                    desc.append("Most Recent Poster")
                if not desc:
                    desc.append("Frequent Poster")
                extras = None
                if uid == last:
                    extras = "latest single" if len(seen) == 1 else "latest"
                posters.append({"extras": extras, "description": ", ".join(desc), "user_id": uid,
                                "primary_group_id": None, "flair_group_id": None})
            topics.append(dict(op, id=tid, slug=slug, when=t0, posts=thread, posters=posters,
                               views=int(pop * rng.uniform(1.3, 2.8)) + 5 * len(thread),
                               like_count=sum(p["likes"] for p in thread), category_id=cats[op["topic"]],
                               user=op_user))
        # global post ids, increasing with time
        pid = 48200
        for p in sorted(posts, key=lambda p: p["when"]):
            pid += rng.randint(1, 7)
            p["id"] = pid
        return users, topics, posts

    # -- Reddit ------------------------------------------------------------------------
    def reddit(self, national: list[dict]) -> list[dict]:
        rng = self.rng
        plan = ([("wrong", f) for f in ["nsp", "uc", "spa", "nlw", "pc"]]
                + [("myth", m) for m in ["wfp", "spa70", "pchome", "wfp"]]
                + [("correct", "nsp"), ("correct", "uc")]
                + [("nonclaim", s) for s in ["corr", "should", "hyp"]]
                + [("question", t) for t in ["uc"] * 6 + ["pip"] * 6 + ["sp"] * 4 + ["pc"] * 3 + ["wfp"] * 3
                   + ["jc"] * 3 + ["nlw"] * 2]
                + [("referral", None)] * 8 + [("noise", None)] * 3
                + [("general", t) for t in ["uc"] * 4 + ["pip"] * 5 + ["jc"] * 3 + ["sp"] * 4 + ["pc"] * 3
                   + ["wfp"] * 2 + ["nlw"] * 2])
        rng.shuffle(plan)
        times = spread(rng, len(plan), "social")
        rng.shuffle(times)
        weights = [4] * len(REDDIT_REGULARS) + [1] * len(REDDIT_OTHERS)
        users = REDDIT_REGULARS + REDDIT_OTHERS
        out = []
        for (kind, spec), t in zip(plan, times):
            it = self.social_item(t, kind, spec, "reddit")
            it.update(when=t, author=rng.choices(users, weights=weights)[0])
            out.append(it)
        # link posts sharing national articles (no self text)
        cands = [n for n in national if n["kind"] == "general" and n["when"] < END - dt.timedelta(hours=6)]
        for n in [cands[i] for i in sorted(rng.sample(range(len(cands)), 3))]:
            out.append(dict(kind="general", sub=None, topic=n["topic"], sent="neu", key=n["title"], title=n["title"],
                            paras=[], link_to=n["url"], author=rng.choices(users, weights=weights)[0],
                            when=n["when"] + dt.timedelta(minutes=rng.randint(30, 300))))
        help_post = dict(
            kind="general", sub=None, topic=None, sent="neu", sticky=True, author="UKBenefitsHelp-ModTeam",
            when=at_local(0, 9, 0, 12), title="Read before posting: where to get free, independent help",
            key="Welcome to the sub.",
            paras=[P("Welcome to the sub. We're volunteers, not advisers, so for anything urgent please use one of these:"),
                   {"ul": [[("a", VOICE_URL["ca"], "Citizens Advice"), " – free advice, including Help to Claim for Universal Credit"],
                           [("a", VOICE_URL["t2u"], "Turn2us benefits calculator"), " & grants search"],
                           [("a", VOICE_URL["age"], "Age UK"), " – for anyone over State Pension age"],
                           [("a", VOICE_URL["mse"], "MoneySavingExpert"), " guides (Martin Lewis's site)"],
                           [("a", "https://www.gov.uk/browse/benefits", "GOV.UK benefits pages"), " for the official rules"]]},
                   P("Never post your National Insurance number. DWP staff will never message you here asking for bank details.")])
        weekly = dict(kind="noise", sub=None, topic=None, sent="pos", sticky=True, author="UKBenefitsHelp-ModTeam",
                      when=at_local(56, 8, 0, 5), title="Weekly off-topic and small wins thread",
                      key="Tell us something good from your week.",
                      paras=[P("Tell us something good from your week, however small."),
                             P("A walk, a decent night's sleep, a nice cup of tea: it all counts.")])
        out.sort(key=lambda i: i["when"], reverse=True)
        out = [help_post, weekly] + out
        used = set()
        for it in out:
            rid = int("1n5b000", 36) + int((it["when"] - START).total_seconds() / 9) + rng.randrange(9)
            while rid in used:
                rid += 1
            used.add(rid)
            it["rid"] = base36(rid)
        return out

    # -- GOV.UK ------------------------------------------------------------------------
    def gov(self) -> list[dict]:
        rng = self.rng
        out = []
        for day, topic, kind, sub, title, summary in GOV:
            wd = (START + dt.timedelta(days=day)).weekday()
            if wd >= 5:
                day += 7 - wd
            if rng.random() < 0.3:
                when = at_local(day, 0, 1, 0)  # embargoed press release at 00:01 UK time
            else:
                when = at_local(day, rng.choice([9, 10, 10, 11, 12, 14, 15, 16]), rng.randrange(60), rng.randrange(60))
            slug = slugify(title, limit=90)
            key = next((s for s in sentences(summary) if re.search(r"£\d|\b6[5-9]\b", s)), sentences(summary)[0])
            out.append(dict(kind=kind, sub=sub, topic=topic, sent="neu" if kind != "general" else "pos", key=key,
                            title=title, summary=summary, when=when,
                            url=f"https://www.gov.uk/government/news/{slug}"))
        out.sort(key=lambda i: i["when"])
        return out

    def youtube(self) -> list[dict]:
        rng = self.rng
        alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
        out = []
        for day, topic, kind, sub, title, lines, views in YOUTUBE:
            vid = "".join(rng.choice(alphabet) for _ in range(10)) + rng.choice("AEIMQUYcgkosw048")
            when = at_local(day, rng.choice([16, 17, 17, 18, 19]), 0, rng.randrange(60))
            key = next((l for l in lines if re.search(r"£\d|\b6[5-9]\b|\b70\b|homeowners", l)), lines[0])
            out.append(dict(kind=kind, sub=sub, topic=topic, sent="neu", key=key, title=title, lines=lines,
                            when=when, vid=vid, views=views,
                            stars=int(views * rng.uniform(0.012, 0.045)),
                            updated=min(END, when + dt.timedelta(days=rng.randint(0, 3), minutes=rng.randint(1, 600)))))
        out.sort(key=lambda i: i["when"], reverse=True)
        return out


def base36(n: int) -> str:
    chars = "0123456789abcdefghijklmnopqrstuvwxyz"
    s = ""
    while n:
        n, r = divmod(n, 36)
        s = chars[r] + s
    return s or "0"


# --------------------------------------------------------------------------------------
# Corpus assembly
# --------------------------------------------------------------------------------------


def expand(*groups) -> list[tuple]:
    out = []
    for kind, specs in groups:
        out.extend((kind, s) for s in specs)
    return out


def build_corpus() -> dict:
    g = Gen(SEED)
    rng = g.rng
    C: dict = {}

    gov = g.gov()
    for it in gov:
        it["author"] = "Department for Work and Pensions"
    C["gov"] = gov

    # National news: 70
    plan = expand(("wrong", ["nsp", "nlw", "pc"]), ("myth", ["wfp", "spa70"]),
                  ("correct", ["nsp", "nlw", "pc", "uc", "spa", "bsp", "nsp", "pc"]),
                  ("nonclaim", ["pred", "past", "pred", "corr", "should", "past", "hyp"]),
                  ("noise", [None] * 5),
                  ("general", ["sp"] * 10 + ["pc"] * 6 + ["uc"] * 8 + ["wfp"] * 8 + ["pip"] * 5 + ["jc"] * 4 + ["nlw"] * 4))
    rng.shuffle(plan)
    times = sorted(spread(rng, len(plan), "news"))
    nat = []
    seq = 74310000
    for (kind, spec), t in zip(plan, times):
        it = g.news_item(t, kind, spec, regional=False, gov_items=gov)
        seq += rng.randint(40, 2000)
        it.update(when=t, url=f"https://www.nationalnewsonline.example/news/{it['section']}-{seq}",
                  author=(rng.choice(NAT_SPORT) if kind == "noise" else wpick(rng, NAT_REPORTERS)))
        nat.append(it)
    C["national"] = nat

    # Regional news: 40 originals + 5 syndicated copies of national items (same link)
    plan = expand(("wrong", ["uc", "spa", "pc"]), ("myth", ["wfp", "pchome", "spa70"]), ("correct", ["nsp", "nlw", "pc"]),
                  ("nonclaim", ["corr", "pred"]), ("question", ["pc", "sp"]), ("noise", [None] * 3),
                  ("general", ["sp"] * 3 + ["pc"] * 4 + ["uc"] * 4 + ["wfp"] * 4 + ["pip"] * 3 + ["jc"] * 4 + ["nlw"] * 2))
    rng.shuffle(plan)
    times = sorted(spread(rng, len(plan), "news"))
    reg = []
    for i, ((kind, spec), t) in enumerate(zip(plan, times)):
        it = g.news_item(t, kind, spec, regional=True)
        slug = slugify(it["title"])
        it.update(when=t, url=f"https://www.northerneveningpost.example/news/local-news/{slug}-{31250 + i * 7}",
                  guid=f"nep-{31250 + i * 7}", author=wpick(rng, REG_REPORTERS))
        reg.append(it)
    cands = [n for n in nat if n["kind"] in ("general", "correct") and n["when"] < END - dt.timedelta(hours=7)]
    picks = [cands[int(k * (len(cands) - 1) / 4)] for k in range(5)]
    for j, n in enumerate(picks):
        copy = dict(n)
        copy.update(when=n["when"] + dt.timedelta(minutes=rng.randint(60, 360)), guid=f"nep-syn-{9100 + j}",
                    syndicated=True, author=n["author"],
                    paras=[P(("em", "This story first appeared on National News Online."))] + n["paras"])
        reg.append(copy)
    C["regional"] = reg

    # Later Life Finance blog: 45
    plan = expand(("wrong", ["bsp", "nsp"]), ("correct", ["nsp", "bsp", "pc", "spa", "pc", "nsp", "uc"]),
                  ("nonclaim", ["corr", "corr", "pred", "past", "hyp", "pred", "corr", "past"]),
                  ("question", ["sp", "pc", "wfp"]), ("noise", [None] * 2),
                  ("general", ["sp"] * 9 + ["pc"] * 5 + ["wfp"] * 4 + ["pip"] * 2 + ["uc", "nlw", "jc"]))
    rng.shuffle(plan)
    times = sorted(spread(rng, len(plan), "blog"))
    blog = []
    for i, ((kind, spec), t) in enumerate(zip(plan, times)):
        it = g.blog_item(t, kind, spec)
        lt = uk(t)
        it.update(when=t, author=wpick(rng, BLOG_AUTHORS), pid=5210 + i * 3 + rng.randint(0, 2),
                  url=f"https://laterlifefinance.example/{lt.year}/{lt.month:02d}/{slugify(it['title'])}/",
                  comments=(int(min(240, rng.paretovariate(1.1) * 3)) if rng.random() < 0.65 else None),
                  updated=(t + dt.timedelta(hours=rng.randint(1, 72)) if rng.random() < 0.3 else t))
        it["updated"] = min(it["updated"], END)
        blog.append(it)
    C["blog"] = blog

    # Household Money Diary: 40
    plan = expand(("wrong", ["nlw", "uc", "nlw"]), ("myth", ["pchome"]), ("correct", ["nlw", "uc", "nlw"]),
                  ("nonclaim", ["should", "hyp", "past"]), ("question", ["uc", "nlw", "pip"]), ("noise", [None] * 4),
                  ("general", ["nlw"] * 6 + ["uc"] * 6 + ["jc"] * 3 + ["sp"] * 2 + ["pc"] * 3 + ["wfp"] * 2 + ["pip"] * 1))
    rng.shuffle(plan)
    times = sorted(spread(rng, len(plan), "blog"))
    diary = []
    for i, ((kind, spec), t) in enumerate(zip(plan, times)):
        it = g.diary_item(t, kind, spec)
        it.update(when=t, author=wpick(rng, DIARY_AUTHORS), pid=880 + i * 2 + rng.randint(0, 1),
                  url=f"https://householdmoneydiary.example/posts/{slugify(it['title'])}",
                  tags=[LABEL[it["topic"]]] if it["topic"] else ["Life"])
        if it["topic"] == "uc":
            it["tags"] = ["Universal Credit"]
        diary.append(it)
    C["diary"] = diary

    C["reddit"] = g.reddit(nat)
    users, topics, posts = g.forum()
    C["forum_users"] = users
    C["forum_latest"] = sorted(topics, key=lambda t: t["posts"][-1]["when"], reverse=True)
    C["forum_posts"] = sorted(posts, key=lambda p: p["when"], reverse=True)[:70]

    # Pensioners' Voice forum: 30
    plan = expand(("wrong", ["nsp", "bsp", "pc"]), ("myth", ["wfp", "spa70", "pchome"]), ("correct", ["pc"]),
                  ("nonclaim", ["past", "hyp"]), ("question", ["sp", "sp", "sp", "pc", "pc", "pc", "wfp", "wfp"]),
                  ("referral", [None] * 2), ("noise", [None] * 3), ("general", [None] * 8))
    rng.shuffle(plan)
    times = sorted(spread(rng, len(plan), "older"))
    old = []
    tnum = 4410
    thread_of: dict[str, int] = {}
    for (kind, spec), t in zip(plan, times):
        it = g.old_item(t, kind, spec)
        tnum += rng.randint(1, 9)
        tt = thread_of.setdefault(it["title"][4:], tnum) if it["title"].startswith("Re: ") else tnum
        p = tnum * 10 + rng.randint(0, 9)
        it.update(when=t, author=rng.choice(OLD_USERS),
                  url=f"https://pensionersvoice.example/forum/viewtopic.php?t={tt}&p={p}#p{p}")
        old.append(it)
    C["old"] = old

    C["youtube"] = g.youtube()
    return C


# --------------------------------------------------------------------------------------
# Writers
# --------------------------------------------------------------------------------------

ST_NAT = {"apos": "&#8217;"}
ST_REG = {"pound": "entity"}
ST_BLOG = {"apos": "\u2019"}
ST_DIARY = {}
ST_REDDIT = {"apos": "&#39;"}
ST_DISCOURSE = {"apos": "\u2019", "quotes": "smart", "a_attrs": ' rel="noopener nofollow ugc"'}


def w_national(items) -> str:
    items = sorted(items, key=lambda i: i["when"], reverse=True)
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<rss xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/" '
           'xmlns:atom="http://www.w3.org/2005/Atom" xmlns:media="http://search.yahoo.com/mrss/" version="2.0">',
           "    <channel>",
           "        <title><![CDATA[National News Online - Money & Work]]></title>",
           "        <description><![CDATA[Money, pensions, benefits and work news from National News Online]]></description>",
           "        <link>https://www.nationalnewsonline.example/news/money</link>",
           "        <image>",
           "            <url>https://www.nationalnewsonline.example/static/img/nno-logo.png</url>",
           "            <title>National News Online - Money &amp; Work</title>",
           "            <link>https://www.nationalnewsonline.example/news/money</link>",
           "        </image>",
           "        <generator>NNO syndication</generator>",
           f"        <lastBuildDate>{rfc822_gmt(items[0]['when'] + dt.timedelta(minutes=3))}</lastBuildDate>",
           "        <copyright><![CDATA[Copyright: (C) National News Online (fictional demo data)]]></copyright>",
           "        <language><![CDATA[en-gb]]></language>",
           "        <ttl>15</ttl>",
           '        <atom:link href="https://www.nationalnewsonline.example/news/money/rss.xml" rel="self" type="application/rss+xml"/>']
    for it in items:
        desc = body_html(it["paras"], ST_NAT, sep="")
        thumb = it["url"].rsplit("-", 1)[-1]
        out += ["        <item>",
                f"            <title><![CDATA[{it['title']}]]></title>",
                f"            <description><![CDATA[{desc}]]></description>",
                f"            <link>{x(it['url'])}</link>",
                f'            <guid isPermaLink="true">{x(it["url"])}</guid>',
                f"            <pubDate>{rfc822_gmt(it['when'])}</pubDate>",
                f"            <dc:creator>{x(it['author'])}</dc:creator>",
                f"            <category>{'Sport & Weather' if it['kind'] == 'noise' else it['section'].title()}</category>".replace("&", "&amp;"),
                f'            <media:thumbnail width="240" height="135" url="https://img.nationalnewsonline.example/240/cpsprod/{thumb}.jpg"/>',
                "        </item>"]
    out += ["    </channel>", "</rss>", ""]
    return "\n".join(out)


def w_regional(items) -> str:
    items = sorted(items, key=lambda i: i["when"], reverse=True)
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">',
           "<channel>",
           "<title>Northern Evening Post | News</title>",
           "<link>https://www.northerneveningpost.example/news/</link>",
           '<atom:link href="https://www.northerneveningpost.example/news/?service=rss" rel="self" type="application/rss+xml"/>',
           "<description>Local news, sport &amp; what's on from the Northern Evening Post (fictional demo data)</description>",
           "<language>en-GB</language>",
           f"<pubDate>{rfc822_local(items[0]['when'])}</pubDate>"]
    for i, it in enumerate(items):
        desc = body_html(it["paras"], ST_REG, sep="")
        out.append("<item>")
        out.append(f"<title>{x(it['title'])}</title>")
        out.append(f"<link>{x(it['url'])}</link>")
        out.append(f"<description>{x(desc)}</description>")
        if i % 2 == 0:
            out.append(f"<author>newsdesk@northerneveningpost.example ({x(it['author'])})</author>")
        else:
            out.append(f"<dc:creator>{x(it['author'])}</dc:creator>")
        out.append(f'<guid isPermaLink="false">{x(it["guid"])}</guid>')
        out.append(f"<pubDate>{rfc822_local(it['when'])}</pubDate>")
        out.append(f"<category>{'Sport' if it['kind'] == 'noise' else 'News'}</category>")
        out.append("</item>")
    out += ["</channel>", "</rss>", ""]
    return "\n".join(out)


def w_blog(items) -> str:
    items = sorted(items, key=lambda i: i["when"], reverse=True)
    cats = {"sp": "State Pension", "pc": "Pension Credit", "uc": "Universal Credit", "wfp": "Winter Fuel Payment",
            "pip": "Disability benefits", "jc": "Work", "nlw": "Work", None: "Personal"}
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<feed xmlns="http://www.w3.org/2005/Atom" xmlns:thr="http://purl.org/syndication/thread/1.0" xml:lang="en-GB">',
           '  <title type="text">Later Life Finance</title>',
           '  <subtitle type="text">Plain-English help with pensions, benefits and money in later life</subtitle>',
           f"  <updated>{iso_z(max(i['updated'] for i in items))}</updated>",
           '  <link rel="alternate" type="text/html" href="https://laterlifefinance.example/"/>',
           "  <id>https://laterlifefinance.example/feed/atom/</id>",
           '  <link rel="self" type="application/atom+xml" href="https://laterlifefinance.example/feed/atom/"/>',
           '  <generator uri="https://wordpress.org/" version="6.8.2">WordPress</generator>']
    for it in items:
        content = body_html(it["paras"], ST_BLOG)
        summary = para_text(it["paras"][0])
        out += ["  <entry>",
                "    <author>",
                f"      <name>{x(it['author'])}</name>",
                "      <uri>https://laterlifefinance.example/about/</uri>",
                "    </author>",
                f'    <title type="html"><![CDATA[{it["title"]}]]></title>',
                f'    <link rel="alternate" type="text/html" href="{xa(it["url"])}"/>',
                f"    <id>https://laterlifefinance.example/?p={it['pid']}</id>",
                f"    <updated>{iso_z(it['updated'])}</updated>",
                f"    <published>{iso_z(it['when'])}</published>",
                f'    <category scheme="https://laterlifefinance.example" term="{xa(cats[it["topic"]])}"/>',
                f'    <summary type="html"><![CDATA[{summary} [&#8230;]]]></summary>',
                f'    <content type="html" xml:base="{xa(it["url"])}">{x(content)}</content>']
        if it["comments"] is not None:
            c = it["comments"]
            out += [f'    <link rel="replies" type="text/html" href="{xa(it["url"])}#comments" thr:count="{c}"/>',
                    f'    <link rel="replies" type="application/atom+xml" href="{xa(it["url"])}feed/atom/" thr:count="{c}"/>',
                    f"    <thr:total>{c}</thr:total>"]
        out.append("  </entry>")
    out += ["</feed>", ""]
    return "\n".join(out)


def w_diary(items) -> str:
    items = sorted(items, key=lambda i: i["when"], reverse=True)
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "Household Money Diary",
        "home_page_url": "https://householdmoneydiary.example/",
        "feed_url": "https://householdmoneydiary.example/feed.json",
        "description": "One household's weekly money diary: wages, benefits, bills and batch cooking. Fictional demo data.",
        "icon": "https://householdmoneydiary.example/icon-512.png",
        "favicon": "https://householdmoneydiary.example/favicon-64.png",
        "language": "en-GB",
        "authors": [{"name": "Kezia Lowe", "url": "https://householdmoneydiary.example/about"}],
        "items": [],
    }
    for i, it in enumerate(items):
        entry = {
            "id": f"https://householdmoneydiary.example/?p={it['pid']}",
            "url": it["url"],
            "title": it["title"],
            "content_html": body_html(it["paras"], ST_DIARY),
            "summary": para_text(it["paras"][0])[:160].rsplit(" ", 1)[0] + "…",
            "date_published": iso_local(it["when"]),
            "authors": [{"name": it["author"]}],
            "tags": it["tags"],
        }
        if i % 5 == 2:
            entry["date_modified"] = iso_local(min(END, it["when"] + dt.timedelta(hours=5 + i)))
        feed["items"].append(entry)
    return json.dumps(feed, ensure_ascii=False, indent=2) + "\n"


def w_gov(items) -> str:
    items = sorted(items, key=lambda i: i["when"], reverse=True)
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">',
           "  <id>https://www.gov.uk/search/news-and-communications?organisations%5B%5D=department-for-work-pensions</id>",
           '  <link rel="alternate" type="text/html" href="https://www.gov.uk/search/news-and-communications?organisations%5B%5D=department-for-work-pensions"/>',
           '  <link rel="self" type="application/atom+xml" href="https://www.gov.uk/search/news-and-communications.atom?organisations%5B%5D=department-for-work-pensions"/>',
           "  <title>News and communications from Department for Work and Pensions - Activity on GOV.UK</title>",
           "  <author>",
           "    <name>HM Government</name>",
           "  </author>",
           f"  <updated>{iso_local(items[0]['when'])}</updated>"]
    for it in items:
        out += ["  <entry>",
                f"    <id>{x(it['url'])}</id>",
                f"    <updated>{iso_local(it['when'])}</updated>",
                f'    <link rel="alternate" type="text/html" href="{xa(it["url"])}"/>',
                f"    <title>{x(it['title'])}</title>",
                f'    <summary type="html">{x(x(it["summary"]))}</summary>',
                "  </entry>"]
    out += ["</feed>", ""]
    return "\n".join(out)


def w_reddit(items) -> str:
    base = "https://www.reddit.com/r/UKBenefitsHelp/"
    newest = max(i["when"] for i in items)
    out = ['<?xml version="1.0" encoding="UTF-8"?><feed xmlns="http://www.w3.org/2005/Atom" '
           'xmlns:media="http://search.yahoo.com/mrss/"><category term="UKBenefitsHelp" label="r/UKBenefitsHelp"/>'
           f"<updated>{iso_utc(min(END, newest + dt.timedelta(minutes=7)))}</updated>"
           "<icon>https://www.redditstatic.com/icon.png/</icon><id>/r/UKBenefitsHelp/.rss</id>"
           f'<link rel="self" href="{base}.rss" type="application/atom+xml" />'
           f'<link rel="alternate" href="{base}" type="text/html" />'
           "<subtitle>Peer support for people claiming UK benefits and pensions. Not official advice. "
           "(Fictional demo data.)</subtitle><title>UK Benefits Help</title>"]
    for it in items:
        slug = slugify(it["title"], "_", 50)
        link = f"{base}comments/{it['rid']}/{slug}/"
        user = it["author"]
        uurl = f"https://www.reddit.com/user/{user}"
        target = it.get("link_to", link)
        inner = ""
        if it["paras"]:
            inner = '<!-- SC_OFF --><div class="md">' + body_html(it["paras"], ST_REDDIT, sep=" ") + "</div><!-- SC_ON --> "
        inner += (f'&#32; submitted by &#32; <a href="{uurl}"> /u/{user} </a> <br/> '
                  f'<span><a href="{target}">[link]</a></span> &#32; <span><a href="{link}">[comments]</a></span>')
        content = x(inner).replace('"', "&quot;")
        out.append(f"<entry><author><name>/u/{x(user)}</name><uri>{x(uurl)}</uri></author>"
                   '<category term="UKBenefitsHelp" label="r/UKBenefitsHelp"/>'
                   f'<content type="html">{content}</content><id>t3_{it["rid"]}</id>'
                   f'<link href="{xa(link)}" /><updated>{iso_utc(it["when"])}</updated>'
                   f"<published>{iso_utc(it['when'])}</published><title>{x(it['title'])}</title></entry>")
    out.append("</feed>")
    return "".join(out) + "\n"


def post_json(p: dict) -> dict:
    u = p["user"]
    cooked = body_html(p["paras"], ST_DISCOURSE)
    raw = body_md(p["paras"])
    text = body_text([q for q in p["paras"] if not (isinstance(q, dict) and "quote" in q)])
    excerpt = text if len(text) <= 200 else text[:200].rsplit(" ", 1)[0] + "&hellip;"
    return {
        "id": p["id"], "name": u["name"], "username": u["username"], "avatar_template": u["avatar_template"],
        "created_at": iso_ms(p["when"], p["ms"]), "cooked": cooked, "post_number": p["post_number"], "post_type": 1,
        "posts_count": None, "updated_at": iso_ms(p["when"] + dt.timedelta(minutes=0 if p["version"] == 1 else 11), p["ms"]),
        "reply_count": p["reply_count"], "reply_to_post_number": p["rtpn"], "quote_count": p["quote_count"],
        "incoming_link_count": p["incoming_link_count"], "reads": p["reads"], "readers_count": max(0, p["reads"] - 1),
        "score": p["score"], "yours": False, "topic_id": p["topic_id"], "topic_slug": p["topic_slug"],
        "topic_title": p["topic_title"], "topic_html_title": html.escape(p["topic_title"], quote=False),
        "category_id": p["category_id"], "display_username": u["name"], "primary_group_name": None,
        "flair_name": None, "flair_url": None, "flair_bg_color": None, "flair_color": None, "flair_group_id": None,
        "badges_granted": [], "version": p["version"], "can_edit": False, "can_delete": False, "can_recover": False,
        "can_see_hidden_post": False, "can_wiki": False,
        "user_title": "Volunteer adviser" if u["username"] == "BenefitsBuddy" else None,
        "bookmarked": False, "raw": raw,
        "actions_summary": [{"id": 2, "count": p["likes"]}] if p["likes"] else [],
        "moderator": u["username"] == "BenefitsBuddy", "admin": False, "staff": u["username"] == "BenefitsBuddy",
        "user_id": u["id"], "hidden": False, "trust_level": u["trust_level"], "deleted_at": None,
        "user_deleted": False, "edit_reason": None, "can_view_edit_history": True, "wiki": False,
        "excerpt": excerpt, "truncated": len(text) > 200, "mentioned_users": [],
        "post_url": f"/t/{p['topic_slug']}/{p['topic_id']}/{p['post_number']}",
        "can_accept_answer": False, "can_unaccept_answer": False, "accepted_answer": False,
        "topic_accepted_answer": None, "can_vote": False,
    }


def w_forum_posts(posts) -> str:
    out = []
    for p in posts:
        d = post_json(p)
        d["posts_count"] = p.get("user_post_count", 1)
        out.append(d)
    return json.dumps({"latest_posts": out}, ensure_ascii=False, separators=(",", ":")) + "\n"


def topic_excerpt(t: dict) -> str:
    text = body_text(t["posts"][0]["paras"], sep=" ")
    if len(text) <= 300:
        return text
    cut = text[:300]
    m = max(cut.rfind(". "), cut.rfind("? "), cut.rfind("! "))
    return (cut[:m + 1] if m > 80 else cut.rsplit(" ", 1)[0]) + "…"


def w_forum_latest(users, topics) -> str:
    used = {pp["user_id"] for t in topics for pp in t["posters"]}
    ulist = [{"id": u["id"], "username": u["username"], "name": u["name"], "avatar_template": u["avatar_template"],
              "trust_level": u["trust_level"]} for u in users if u["id"] in used]
    tl = []
    for t in topics:
        posts = t["posts"]
        last = posts[-1]
        tl.append({
            "id": t["id"], "title": t["title"], "fancy_title": html.escape(t["title"], quote=False).replace("'", "&rsquo;"),
            "slug": t["slug"], "posts_count": len(posts), "reply_count": len(posts) - 1,
            "highest_post_number": len(posts), "image_url": None,
            "created_at": iso_ms(posts[0]["when"], posts[0]["ms"]),
            "last_posted_at": iso_ms(last["when"], last["ms"]), "bumped": True,
            "bumped_at": iso_ms(last["when"], last["ms"]), "archetype": "regular", "unseen": False,
            "pinned": False, "unpinned": None, "excerpt": topic_excerpt(t), "visible": True, "closed": False,
            "archived": False, "bookmarked": None, "liked": None, "tags": [], "tags_descriptions": {},
            "views": t["views"], "like_count": t["like_count"], "has_summary": False,
            "last_poster_username": last["user"]["username"], "category_id": t["category_id"],
            "pinned_globally": False, "featured_link": None, "has_accepted_answer": False,
            "posters": t["posters"],
        })
    doc = {"users": ulist, "primary_groups": [], "flair_groups": [],
           "topic_list": {"can_create_topic": False, "more_topics_url": "/latest?no_definitions=true&page=1",
                          "per_page": 30, "top_tags": [], "topics": tl}}
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":")) + "\n"


def w_old(items) -> str:
    items = sorted(items, key=lambda i: i["when"], reverse=True)
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" '
           'xmlns:dc="http://purl.org/dc/elements/1.1/">',
           '<channel rdf:about="https://pensionersvoice.example/forum/">',
           "<title>Pensioners' Voice - Latest posts</title>",
           "<link>https://pensionersvoice.example/forum/</link>",
           "<description>A friendly forum for older people: pensions, money, health &amp; everything else. (Fictional demo data.)</description>",
           f"<dc:date>{iso_local(items[0]['when'])}</dc:date>",
           "<dc:language>en-gb</dc:language>",
           "<items>", "<rdf:Seq>"]
    out += [f'<rdf:li rdf:resource="{xa(it["url"])}"/>' for it in items]
    out += ["</rdf:Seq>", "</items>", "</channel>"]
    for it in items:
        subj = {"sp": "Pensions", "pc": "Pensions", "wfp": "Heating and bills", "pip": "Health", "uc": "Family",
                "jc": "Family", "nlw": "Family", None: "Chit-chat"}[it["topic"]]
        out += [f'<item rdf:about="{xa(it["url"])}">',
                f"<title>{x(it['title'])}</title>",
                f"<link>{x(it['url'])}</link>",
                f"<description>{x(body_text(it['paras']))}</description>",
                f"<dc:creator>{x(it['author'])}</dc:creator>",
                f"<dc:date>{iso_local(it['when'])}</dc:date>",
                f"<dc:subject>{subj}</dc:subject>",
                "</item>"]
    out += ["</rdf:RDF>", ""]
    return "\n".join(out)


def w_youtube(items) -> str:
    ch = "UCm0nEyXpL41nEd_d3m0CorP"
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<feed xmlns:yt="http://www.youtube.com/xml/schemas/2015" xmlns:media="http://search.yahoo.com/mrss/" xmlns="http://www.w3.org/2005/Atom">',
           f' <link rel="self" href="http://www.youtube.com/feeds/videos.xml?channel_id={ch}"/>',
           f" <id>yt:channel:{ch}</id>",
           f" <yt:channelId>{ch}</yt:channelId>",
           " <title>Money Explained</title>",
           f' <link rel="alternate" href="https://www.youtube.com/channel/{ch}"/>',
           " <author>",
           "  <name>Money Explained</name>",
           f"  <uri>https://www.youtube.com/channel/{ch}</uri>",
           " </author>",
           " <published>2019-03-14T10:12:44+00:00</published>"]
    for it in items:
        v = it["vid"]
        desc = "\n".join(it["lines"]) + "\n\nMoney Explained is an independent channel. Fictional demo data."
        avg = 4.2 + (it["stars"] % 70) / 100
        out += [" <entry>",
                f"  <id>yt:video:{v}</id>",
                f"  <yt:videoId>{v}</yt:videoId>",
                f"  <yt:channelId>{ch}</yt:channelId>",
                f"  <title>{x(it['title'])}</title>",
                f'  <link rel="alternate" href="https://www.youtube.com/watch?v={v}"/>',
                "  <author>",
                "   <name>Money Explained</name>",
                f"   <uri>https://www.youtube.com/channel/{ch}</uri>",
                "  </author>",
                f"  <published>{iso_utc(it['when'])}</published>",
                f"  <updated>{iso_utc(it['updated'])}</updated>",
                "  <media:group>",
                f"   <media:title>{x(it['title'])}</media:title>",
                f'   <media:content url="https://www.youtube.com/v/{v}?version=3" type="application/x-shockwave-flash" width="640" height="390"/>',
                f'   <media:thumbnail url="https://i1.ytimg.com/vi/{v}/hqdefault.jpg" width="480" height="360"/>',
                f"   <media:description>{x(desc)}</media:description>",
                "   <media:community>",
                f'    <media:starRating count="{it["stars"]}" average="{avg:.2f}" min="1" max="5"/>',
                f'    <media:statistics views="{it["views"]}"/>',
                "   </media:community>",
                "  </media:group>",
                " </entry>"]
    out += ["</feed>", ""]
    return "\n".join(out)


BROKEN_PAGE = """<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>Page moved - Little Haverbridge Parish Council</title>
<meta name="robots" content="noindex">
</head>
<body>
<h1>Page moved</h1>
<p>Our news page has moved. The parish council website was rebuilt in August and the old news feed is no longer available.</p>
<p>Please visit <a href="https://littlehaverbridge-pc.example/news/">our new news page</a> or contact the Parish Clerk.</p>
<p>&copy; Little Haverbridge Parish Council (fictional demo data)</p>
</body>
</html>
"""


# --------------------------------------------------------------------------------------
# README and main
# --------------------------------------------------------------------------------------

FILES = [
    # (file name, corpus key, format, channel, what it exercises)
    ("national_news.rss", "national", "RSS 2.0 (CDATA descriptions, `dc:creator`, `guid isPermaLink=\"true\"`, GMT dates)", "news",
     "HTML stripping (`<p>`, `<a>`, `<strong>`, `&#8217;` entities inside CDATA); links to GOV.UK announcements; the original of 5 syndicated stories"),
    ("regional_news.rss", "regional", "RSS 2.0 (entity-escaped HTML descriptions, `guid isPermaLink=\"false\"`, `+0100`/`+0000` dates, mix of `<author>` e-mail form and `dc:creator`)", "news",
     "**Cross-feed dedup**: 5 items are syndicated copies of national_news items with the same `<link>` but a different guid, title-identical, published 1–6 h later; `&pound;` entities"),
    ("pensions_blog.atom", "blog", "Atom 1.0 (WordPress-style, `content type=\"html\"` escaped, `summary` in CDATA, `thr:total` + `link rel=\"replies\" thr:count`)", "blog",
     "Reply counts (`thr:total`, some entries have none); `published` vs later `updated`; `<ul>` lists; myth-busting posts that quote myths"),
    ("money_blog.json", "diary", "JSON Feed 1.1 (`content_html`, RFC 3339 local offsets, `id` differs from `url`, some `date_modified`)", "blog",
     "Non-XML feed; `pip install` noise post (tests the PIP `exclude` term); first-person figures"),
    ("govuk_dwp_news.atom", "gov", "GOV.UK search Atom (`entry/id` = URL, `updated` only, `summary type=\"html\"`, `+01:00` offsets, some 00:01 embargo times)", "government",
     "The department's own voice with the correct 2025-26 figures; 00:01 BST items fall on the previous UTC day"),
    ("reddit_ukbenefitsblog_placeholder", None, "", "", ""),
    ("benefits_forum_posts.json", "forum_posts", "Discourse `/posts.json` (`latest_posts`, newest first)", "forum",
     "`cooked` HTML with Discourse quote `<aside>` blocks and smart quotes vs markdown `raw`; engagement (`reply_count`, `score`, `reads`, `quote_count`, likes in `actions_summary`); threads where a wrong answer is corrected by a later post"),
    ("benefits_forum_latest.json", "forum_latest", "Discourse `/latest.json` (`users`, `topic_list.topics`, `posters`)", "forum",
     "Author only via `posters[description^=\"Original Poster\"].user_id` → `users[]`; plain-text `excerpt`; `views`, `like_count`, `posts_count`; topics overlap the posts file (same threads)"),
    ("pensioners_forum.rdf", "old", "RSS 1.0 / RDF (`dc:date`, `dc:creator`, plain-text description, `&amp;` in links)", "forum",
     "Older-people forum voice; no `pubDate`; query-string URLs with `&amp;`"),
    ("youtube_money_explained.atom", "youtube", "YouTube channel Atom (`yt:videoId`, `media:group`, `media:description` plain text)", "video",
     "Engagement from `media:starRating count` and `media:statistics views` (up to ~876k views); chapter timestamps in descriptions"),
    ("broken_parish_news.xml", None, "HTML page, not a feed", "news",
     "**Source-health error**: an HTML \"Page moved\" page; must parse to zero entries and be reported as broken"),
]
FILES[5] = ("reddit_ukbenefitshelp.rss", "reddit",
            "Reddit `/r/NAME/.rss` Atom (`/u/` authors, `t3_` ids, HTML-escaped body + \"submitted by … [link] [comments]\")", "social",
            "Informal voice, many questions and personal cases; doubly-escaped entities (`&amp;#39;`); 2 stickied mod posts at the top (feed not in date order); 3 link posts with no body whose `[link]` points at national_news articles")

KIND_LABEL = {"wrong": "inaccuracy candidate (wrong current figure)", "myth": "inaccuracy candidate (myth)",
              "correct": "correct statement of a current figure", "nonclaim": "tricky non-claim",
              "question": "policy question", "referral": "personal case needing referral",
              "general": "general (positive / negative / neutral)", "noise": "noise (no topic)"}


def all_items(C) -> list[tuple[str, dict]]:
    out = []
    for name, key, *_ in FILES:
        if key:
            out += [(name, it) for it in C[key]]
    return out


def readme(C) -> str:
    lines = ["# Sample feeds: the offline demo corpus", "",
             "Fictional social-media and news content about DWP topics, dated 1 September – 31 October 2025 (UTC), "
             "used by the shipped `config/sources.toml`. Every item was composed by `scripts/make_sample_feeds.py` "
             "from phrase banks written for this project; people, bylines, usernames and most sites are invented "
             "(`.example` domains). Figures are checked against `config/facts.toml`.", "",
             "Regenerate with `.venv/bin/python scripts/make_sample_feeds.py` (deterministic: same bytes every run).", "",
             "| File | Format | Channel | Items | Date range (UTC) | Exercises |", "|---|---|---|---:|---|---|"]
    total = 0
    for name, key, fmt, channel, what in FILES:
        if key:
            its = C[key]
            ds = sorted(i["when"] for i in its)
            rng_txt = f"{ds[0]:%Y-%m-%d} – {ds[-1]:%Y-%m-%d}"
            n = len(its)
        else:
            n, rng_txt = 0, "–"
        total += n
        lines.append(f"| `{name}` | {fmt} | {channel} | {n} | {rng_txt} | {what} |")
    items = all_items(C)
    ds = sorted(i["when"] for _, i in items)
    kinds = Counter(i["kind"] for _, i in items)
    subs = Counter(i["sub"] for _, i in items if i["kind"] == "nonclaim")
    lines += ["", f"**Total: {total} items**, {ds[0]:%Y-%m-%d %H:%M} – {ds[-1]:%Y-%m-%d %H:%M} UTC, "
                  f"covering all {len({d.date() for d in ds})} days.", "",
              "## What the items are meant to be", "",
              "The generator labels each item as it composes it (labels are not written into the feeds). "
              "Counts across all files (forum topics and their first posts both count):", "",
              "| Kind | Items |", "|---|---:|"]
    for k in ["wrong", "myth", "correct", "nonclaim", "question", "referral", "general", "noise"]:
        lines.append(f"| {KIND_LABEL[k]} | {kinds[k]} |")
    lines += ["", "Non-claims by type: " + ", ".join(f"{k} {subs[k]}" for k in ["hyp", "past", "should", "pred", "corr"])
              + " (hypothetical, past figure, \"should be\", prediction, correction).", "",
              "Examples:", ""]
    seen = set()
    for name, it in items:
        if it["kind"] in seen or it["kind"] == "general":
            continue
        seen.add(it["kind"])
        lines.append(f"- {KIND_LABEL[it['kind']]}: \"{it['key']}\" (`{name}`)")
    lines += ["", "Notes for testers:", "",
              "- Wrong figures are last year's (or older) rates stated as current, with the keyword, amount, unit and period in one "
              "sentence, e.g. \"£221.20 a week\", \"£11.44 an hour\", \"£393.45 a month\", \"state pension age is 67 now\".",
              "- Correct statements use exactly £230.25 a week, £176.45 a week, 66, £227.10 a week, £400.14 a month and £12.21 an hour.",
              "- Non-claims are built to trip naive checkers: old figures in the past tense, hypotheticals, \"should be\", "
              "predictions for April 2026, and corrections that quote the wrong figure next to the right one.",
              "- Amounts that are *not* facts in `facts.toml` (Winter Fuel Payment £200/£300, the £35,000 threshold, "
              "savings limits) appear near topic keywords without a period and must not be flagged.",
              "- Questions can contain figures (\"Is the full State Pension £230.25 a week, or is that before tax?\", "
              "\"When does the State Pension age go up to 67?\"); they are not claims.",
              "- One GOV.UK summary states two facts in one sentence (new and basic State Pension); each amount belongs to "
              "the nearer, more specific keyword (\"basic State Pension\" also contains \"State Pension\").",
              "- Myth-busting items quote the myth in order to deny it (\"Some people believe homeowners can't get Pension Credit. "
              "That is not true\"), and the five syndicated regional items repeat their national originals word for word.",
              "- `broken_parish_news.xml` is deliberately not a feed.", ""]
    return "\n".join(lines)


def main() -> int:
    C = build_corpus()
    counts = Counter(p["user"]["username"] for p in C["forum_posts"])
    for p in C["forum_posts"]:
        p["user_post_count"] = 40 + counts[p["user"]["username"]] * 7 + p["user"]["trust_level"] * 55
    OUT.mkdir(exist_ok=True)
    files = {
        "national_news.rss": w_national(C["national"]),
        "regional_news.rss": w_regional(C["regional"]),
        "pensions_blog.atom": w_blog(C["blog"]),
        "money_blog.json": w_diary(C["diary"]),
        "govuk_dwp_news.atom": w_gov(C["gov"]),
        "reddit_ukbenefitshelp.rss": w_reddit(C["reddit"]),
        "benefits_forum_posts.json": w_forum_posts(C["forum_posts"]),
        "benefits_forum_latest.json": w_forum_latest(C["forum_users"], C["forum_latest"]),
        "pensioners_forum.rdf": w_old(C["old"]),
        "youtube_money_explained.atom": w_youtube(C["youtube"]),
        "broken_parish_news.xml": BROKEN_PAGE,
        "README.md": readme(C),
    }
    for name, text in files.items():
        (OUT / name).write_text(text, encoding="utf-8", newline="\n")
    items = all_items(C)
    kinds = Counter(i["kind"] for _, i in items)
    print(f"wrote {len(files)} files to {OUT}")
    for name, key, *_ in FILES:
        print(f"  {name:32s} {len(C[key]) if key else 0:4d}")
    print(f"  total items {len(items)}; kinds: " + ", ".join(f"{k}={v}" for k, v in sorted(kinds.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
