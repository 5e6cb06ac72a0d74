"""Numeric extraction on real web sentences: does analysis.numbers read the value a sentence states?

    .venv/bin/python bench/numeric_eval.py [--realdata DIR] [--tol 0.05] [--show-misses 15] [--repeat 3]

Reads ``../shared/realdata/claims/vlachos_riedel_numerical/labeled_claims_csv/*_claims.csv`` in
place (Vlachos and Riedel, EMNLP 2015; a CSV copy of ``labeled_claims/*.xlsx``, same rows). One
file per statistical property, no header, one row per sentence; the first one or two columns vary
by file, so each row is located by the cell holding the property name (the file name less
``_claims.csv``), call it column p:

  label      the cell before p-3 that is ``Y``, ``N`` or ``?`` (the others are annotator comments;
             ``=COUNTIF`` footer rows have no property cell and are skipped). ``Y`` = the sentence
             states this property of this country (claim identification: the labels behind the paper's Table 2),
             whatever the value; ``N`` = it does not; ``?`` or blank = unsure or unlabelled.
  p-3        the sentence, Stanford-tokenised, with ``<location>`` and ``<number>`` tags
  p-1        the country; p+1 the official value, as in the knowledge base file
             ``allCountriesPost2010-2014Filtered15-150.json`` ({country: {property: value}}) but rounded
             to 3 significant figures for gdp_nominal and gni_in_ppp_dollars: the exact KB value is
             used, the CSV's where the KB lacks the country (15 rows)
  p+4        the number the authors' pipeline read from the ``<number>`` span (the stated value)

``train.json``/``test.json`` are only the split of that official table for the authors' IE
experiments, and ``aliases.json``/``locationNames`` are country names: none of them label sentences.

Only ``Y`` rows are scored. Sentences are detokenised by :func:`detok` (tags dropped, ``-LRB-`` ->
``(``, `` , `` -> ``, ``, ``3 %`` -> ``3%``, ``$ 5`` -> ``$5``, `` 's`` -> ``'s``, quotes) before
``quantities()``. Printed: how often any extracted value is within ``--tol`` of the official value;
the same for the number the sentence itself states (the ceiling: a sentence saying 13 million for
14.3 million can never match), and for the stated value read at the tagged span; how often the
closest extracted value is within 1/5/10% of the official one; how often nothing is extracted;
all by number style of the first tagged span and by property; a sample of the reader's misses (the
stated number not read, or the official value stated but not extracted); sentences per second.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import re
import sys
import time
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from analysis.numbers import quantities  # noqa: E402

REALDATA = Path(__file__).resolve().parent.parent.parent / "shared" / "realdata"
SUBDIR = Path("claims") / "vlachos_riedel_numerical" / "labeled_claims_csv"
OPEN, CLOSE = "\ue000", "\ue001"  # stand-ins for <number> and </number>, so the span survives detok
_DETOK = [(r"</?location>", ""), (r"<number>", OPEN), (r"</number>", CLOSE),
          (r"-LRB-", "("), (r"-RRB-", ")"), (r"-LSB-", "["), (r"-RSB-", "]"), (r"-LCB-", "{"), (r"-RCB-", "}"),
          (r"``|''", '"'), (r"([(\[{$£]) ", r"\1"), (r" ([)\]},.;:!?]|'s\b|n't\b)", r"\1"), (r"(\d\W?) %", r"\1%"),
          (r"\s+", " ")]
_WORDS = re.compile(r"\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty"
                    r"|forty|fifty|sixty|seventy|eighty|ninety|hundred|half|dozen)\b", re.I)
STYLES = ("scale word", "percent", "comma thousands", "plain digits", "number words", "untagged")


def detok(tagged: str) -> tuple[str, list[tuple[int, int]]]:
    """Undo Stanford tokenisation; return the plain sentence and the spans of its ``<number>`` tags."""
    text = tagged
    for pattern, repl in _DETOK:
        text = re.sub(pattern, repl, text)
    text = re.sub(f"{OPEN}+", OPEN, re.sub(f"{CLOSE}+", CLOSE, text)).strip()
    plain, spans, start = "", [], None
    for ch in text:
        if ch == OPEN:
            start = len(plain)
        elif ch == CLOSE and start is not None:
            spans.append((start, len(plain)))
            start = None
        elif ch not in (OPEN, CLOSE):
            plain += ch
    return plain, spans


def style(plain: str, spans: list[tuple[int, int]]) -> str:
    """Number style of the first tagged span (first style that applies): the unit or scale may follow the tag."""
    if not spans:
        return "untagged"
    span = spans[0]
    inside, after = plain[span[0]:span[1]], plain[span[1]:span[1] + 12].lower()
    if re.search(r"\b(?:thousand|million|billion|trillion|bn|mn|m|k)\b", inside + " " + after[:10], re.I):
        return "scale word"
    if re.match(r"\s?(?:%|per ?cent|pc\b)", after) or "%" in inside:
        return "percent"
    if re.search(r"\d,\d{3}", inside):
        return "comma thousands"
    return "plain digits" if re.search(r"\d", inside) else "number words" if _WORDS.search(inside) else "untagged"


def load(folder: Path) -> list[dict]:
    kb = json.loads((folder.parent / "allCountriesPost2010-2014Filtered15-150.json").read_text(encoding="utf-8"))
    rows = []
    for path in sorted(folder.glob("*_claims.csv")):
        prop = path.name[: -len("_claims.csv")]
        with path.open(encoding="utf-8", newline="") as handle:
            for cells in csv.reader(handle):
                if prop not in cells:
                    continue
                p = cells.index(prop)
                label = next((c.strip() for c in cells[:p - 3] if c.strip() in ("Y", "N", "?")), "")
                plain, spans = detok(cells[p - 3])
                rows.append({"prop": prop, "label": label, "country": cells[p - 1],
                             "text": plain, "spans": spans, "official": kb.get(cells[p - 1], {}).get(
                                 f"/location/statistical_region/{prop}", float(cells[p + 1])),
                             "stated": float(cells[p + 4])})
    return rows


def rel(a: float, b: float) -> float:
    return abs(a - b) / abs(b) if b else abs(a)


def pct(k: int, n: int) -> str:
    return f"{k / n:6.1%}" if n else "     -"


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--realdata", type=Path, default=REALDATA, help="the shared realdata folder")
    parser.add_argument("--tol", type=float, default=0.05, help="relative tolerance for a match")
    parser.add_argument("--show-misses", type=int, default=15, help="misses to print (a random sample)")
    parser.add_argument("--repeat", type=int, default=3, help="timed passes (the best counts)")
    parser.add_argument("--seed", type=int, default=0, help="seed for the sample of misses")
    args = parser.parse_args(argv)
    folder = args.realdata / SUBDIR
    if not folder.is_dir():
        print(f"{folder} not found: the Vlachos-Riedel claims are not here, nothing to measure.")
        return
    rows = load(folder)
    labels = defaultdict(int)
    for r in rows:
        labels[r["label"] or "blank"] += 1
    yes = [r for r in rows if r["label"] == "Y"]
    print(f"{folder}: {len(rows)} sentences, labels " + ", ".join(f"{k} {v}" for k, v in sorted(labels.items()))
          + f"; scoring the {len(yes)} labelled Y (the sentence states the property of the country)\n")

    for r in yes:
        found = quantities(r["text"])
        r["values"] = [q.value for q in found]
        r["hit"] = any(rel(v, r["official"]) <= args.tol for v in r["values"])
        r["best"] = min((rel(v, r["official"]) for v in r["values"]), default=float("inf"))
        r["ceiling"] = rel(r["stated"], r["official"]) <= args.tol
        r["read"] = any(rel(v, r["stated"]) <= args.tol for v in r["values"])
        r["at_span"] = any(q.start < b and a < q.end and rel(q.value, r["stated"]) <= args.tol
                           for q in found for a, b in r["spans"])
        r["style"] = style(r["text"], r["spans"])

    tol = f"{args.tol:.0%}"
    everyone = lambda r: True  # noqa: E731
    cols = [(f"hit {tol}", everyone, lambda r: r["hit"]), ("ceiling", everyone, lambda r: r["ceiling"]),
            ("hit|ceil", lambda r: r["ceiling"], lambda r: r["hit"]), ("stated", everyone, lambda r: r["read"]),
            ("at span", lambda r: r["spans"], lambda r: r["at_span"])]
    cols += [(f"best<{x:.0%}", everyone, lambda r, x=x: r["best"] <= x) for x in (0.01, 0.05, 0.10)]
    cols.append(("none", everyone, lambda r: not r["values"]))

    def line(name: str, part: list[dict]) -> str:
        cells = [pct(sum(map(pred, sub)), len(sub)) for _, keep, pred in cols for sub in [[r for r in part if keep(r)]]]
        return f"{name:<38}{len(part):>6}" + "".join(f"{c:>10}" for c in cells)

    header = f"{'':<38}{'n':>6}" + "".join(f"{t:>10}" for t, _, _ in cols)
    print(f"hit: some extracted value within {tol} of the official value; ceiling: the sentence's own stated number\n"
          f"is within {tol} of it; hit|ceil: hit rate where the ceiling holds; stated: some value within {tol} of the\n"
          f"stated number; at span: such a value overlaps a <number> tag (tagged sentences only); best<x: the\n"
          f"closest value is within x of the official one; none: nothing extracted\n")
    print(header + "\n" + "-" * len(header))
    print(line("all Y sentences", yes))
    print("by number style of the first tagged span")
    for st in STYLES:
        part = [r for r in yes if r["style"] == st]
        print(line("  " + st, part))
    print("by property")
    for prop in sorted({r["prop"] for r in yes}):
        print(line("  " + prop, [r for r in yes if r["prop"] == prop]))

    # A miss is the reader's fault when the sentence's own number was not read (at its tag, if tagged),
    # or when that number is the official value (within tol) and no extracted value is.
    misses = [r for r in yes if not (r["at_span"] if r["spans"] else r["read"]) or (r["ceiling"] and not r["hit"])]
    print(f"\n{len(misses)} reader misses (stated number not read, or the official value stated but not "
          f"extracted); a sample of distinct sentences:")
    distinct = list({r["text"]: r for r in misses}.values())  # one row per sentence in the sample
    for r in random.Random(args.seed).sample(distinct, min(args.show_misses, len(distinct))):
        vals = ", ".join(f"{v:g}" for v in r["values"][:8]) + (" ..." if len(r["values"]) > 8 else "")
        tags = "; ".join(r["text"][a:b] for a, b in r["spans"][:3]) or "untagged"
        print(f"\n  [{r['prop']} / {r['country']}] official {r['official']:g}, stated {r['stated']:g} (tag: {tags})"
              f"\n  {r['text'][:300]}\n  extracted: {vals or '(nothing)'}")

    texts = [r["text"] for r in yes]
    best = float("inf")
    for _ in range(args.repeat):
        started = time.perf_counter()
        for text in texts:
            quantities(text)
        best = min(best, time.perf_counter() - started)
    mean = sum(map(len, texts)) / len(texts)
    print(f"\nthroughput: {len(texts) / best:,.0f} sentences/s ({best / len(texts) * 1e6:.1f} µs per sentence, "
          f"{len(texts)} sentences, mean {mean:.0f} characters, best of {args.repeat})")


if __name__ == "__main__":
    main()
