"""The evidence of an inaccuracy candidate as escaped markdown: shown on the Inaccuracies and Inbox pages."""

from __future__ import annotations

from config import Config
from views._format import escape_md, link


def evidence_lines(c: dict, config: Config) -> list[str]:
    """The evidence of one candidate, as escaped markdown lines."""
    if c["kind"] == "myth":
        myth = next((m for m in config.myths if m.id == c["id"]), None)
        return [f"Repeats the known false claim **{escape_md(myth.claim if myth else c['id'])}** "
                f"(nearest wording “{escape_md(c['keyword'])}”, similarity {c['confidence']:.2f})",
                f"The facts: {escape_md(c['official'])}", f"Source: {link(c['source_url'], c['source_url'])}"]
    difference = c.get("difference")
    change = f"{difference:+,.2f}" if difference is not None else "?"
    share = f" ({difference / c['official_value']:+.0%})" if difference is not None and c.get("official_value") else ""
    return [f"Claimed **{escape_md(c['claimed'])}** · official **{escape_md(c['official'])}** · "
            f"difference {escape_md(change)}{escape_md(share)} · confidence {c['confidence']:.2f}",
            f"Fact `{c['id']}` named by “{escape_md(c['keyword'])}”, valid {c.get('valid_from') or '…'} to "
            f"{c.get('valid_to') or '…'} · source {link(c['source_url'], c['source_url'])}"]
