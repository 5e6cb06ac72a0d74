"""Feed text shown in markdown: escaped, and never turned into links it did not ask for."""

from __future__ import annotations

import pytest

from views._format import WORD_JOINER, escape_md, highlight, link


@pytest.mark.parametrize("planted", ["www.evil.example/phish", "https://evil.example/y", "http://evil.example",
                                     "victim@evil.example", "mailto:victim@evil.example", "ftp://evil.example"])
def test_addresses_in_feed_text_are_broken_so_no_link_is_made(planted: str) -> None:
    shown = escape_md(f"Claim yours at {planted} today")
    assert WORD_JOINER in shown
    # what a reader sees is unchanged once the invisible joiner and the escapes are taken out
    assert shown.replace(WORD_JOINER, "").replace("\\", "") == f"Claim yours at {planted} today"
    for pattern in ("www.", "://", "@e"):
        assert pattern not in shown.replace("\\", "")


def test_plain_text_keeps_its_characters_and_only_the_item_link_is_a_link() -> None:
    assert escape_md("State Pension: £230.25 a week (from April)") == \
        "State Pension\\: £230\\.25 a week \\(from April\\)"
    assert link("Rates [2025]", "https://www.gov.uk/new-state-pension") == \
        "[Rates \\[2025\\]](<https://www.gov.uk/new-state-pension>)"
    assert link("Sneaky", "javascript:alert(1)") == "Sneaky"
    marked = highlight("Ask victim@evil.example about Pension Credit", [(30, 44)])
    assert ":orange-background[**Pension Credit**]" in marked and "@" + WORD_JOINER in marked
