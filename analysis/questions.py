"""Detect questions: a post that asks something (a policy question to answer or a case to refer).

A sentence is a question when it ends with '?' or opens the way English questions do ("how
much", "can I", "does anyone know"). Quoted headlines that merely end in '?' still count: a
press officer would rather see one extra than miss one.
"""

from __future__ import annotations

import re

import pandas as pd

from analysis.text import fold, full_text, sentences

_OPENERS = re.compile(
    r"^(?:how (?:much|many|long|do|does|can|come)|what (?:is|are|happens|do|does)|when (?:is|are|will|do|does)"
    r"|where (?:do|can|is)|why (?:is|are|do|does|has|have)|who (?:is|can|do)|which"
    r"|(?:can|could|do|does|did|is|are|am|will|should|would|has|have) (?:i|we|you|my|anyone|anybody|someone|the|it|they|there)"
    r"|does anyone know|is it true|any(?:one|body) know)\b"
)
# A personal case: the poster's own claim, payment or assessment. Referred, never discussed in public.
_PERSONAL = re.compile(
    r"\b(?:my|i've|i have|i'm|i am|i was|we've)\b.{0,60}\b(?:payment|claim|assessment|appeal|sanction|award|"
    r"application|letter|account|money|journal|back ?pay|overpayment|debt|decision)\b"
)


def is_question_text(text: str) -> bool:
    """True when any sentence of ``text`` is a question."""
    for sentence in sentences(text):
        if sentence.rstrip().endswith("?") or _OPENERS.match(fold(sentence)):
            return True
    return False


def is_personal_case(text: str) -> bool:
    """True when the text talks about the poster's own claim or payment."""
    return bool(_PERSONAL.search(fold(text)))


def detect(frame: pd.DataFrame) -> pd.DataFrame:
    """Return ``frame`` with an ``is_question`` column."""
    out = frame.copy()
    texts = [full_text(t, x) for t, x in zip(frame["title"].fillna(""), frame["text"].fillna(""))]
    out["is_question"] = pd.Series([is_question_text(t) for t in texts], index=frame.index, dtype="bool")
    return out
