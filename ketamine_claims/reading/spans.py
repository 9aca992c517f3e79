"""Resolve quote selectors to offsets in an article text (Unicode code points, end exclusive)."""

from __future__ import annotations

import difflib
import unicodedata
from dataclasses import dataclass

from schema.quote import QuoteSelector


class QuoteNotResolved(Exception):
    """A selector matches no passage, or more than one where one is required; the message says how to fix it."""


@dataclass(frozen=True, slots=True)  # slots: a corpus holds one per quote (300,000 at 10,000 articles)
class Span:
    """A resolved passage: ``text[start:end]``."""

    start: int
    end: int


#: Characters that join the character before them into one user-perceived character (a grapheme
#: cluster): zero-width joiner, variation selectors and emoji skin-tone modifiers. Combining marks
#: are recognised by their Unicode category.
_JOINING = {"\u200d", *map(chr, range(0xFE00, 0xFE10)), *map(chr, range(0x1F3FB, 0x1F400))}


def _extends_previous(character: str) -> bool:
    """True when `character` belongs to the grapheme cluster of the character before it."""
    return character in _JOINING or unicodedata.category(character) in ("Mn", "Mc", "Me")


def on_grapheme_boundary(text: str, offset: int) -> bool:
    """True when a span may start or end at `offset` without cutting a user-perceived character."""
    if offset <= 0 or offset >= len(text):
        return True
    return not _extends_previous(text[offset]) and text[offset - 1] != "\u200d"


def find_whole_word(text: str, quote: str) -> list[int]:
    """Start offsets of every match of `quote` in `text` that cuts neither a word nor a character in two."""
    starts, position = [], text.find(quote)
    must_open = quote[0].isalnum()
    must_close = quote[-1].isalnum()
    while position != -1:
        end = position + len(quote)
        opens = not must_open or position == 0 or not text[position - 1].isalnum()
        closes = not must_close or end == len(text) or not text[end].isalnum()
        if opens and closes and on_grapheme_boundary(text, position) and on_grapheme_boundary(text, end):
            starts.append(position)
        position = text.find(quote, position + 1)
    return starts


def resolve(text: str, selector: QuoteSelector, allow_all: bool = False) -> list[Span]:
    """Return the span(s) a selector designates, or raise QuoteNotResolved with a fix."""
    quote = selector.quote
    if not quote.strip():
        raise QuoteNotResolved("the quote holds no visible text; quote the words of the passage")
    starts = find_whole_word(text, quote)
    if selector.prefix is not None:
        starts = [s for s in starts if text[max(0, s - len(selector.prefix)):s] == selector.prefix]
    if selector.suffix is not None:
        after = len(quote)
        starts = [s for s in starts if text[s + after:s + after + len(selector.suffix)] == selector.suffix]
    if not starts:
        raise QuoteNotResolved(_not_found_message(text, selector))
    occurrence = selector.occurrence
    if occurrence == "all":
        if not allow_all:
            raise QuoteNotResolved("occurrence 'all' is allowed only for condition mentions; give a number, prefix or suffix")
        chosen = starts
    elif occurrence is None:
        if len(starts) > 1:
            where = ", ".join(str(s) for s in starts[:5])
            raise QuoteNotResolved(
                f"the quote occurs {len(starts)} times (at offsets {where}); add prefix, suffix or occurrence to pick one"
            )
        chosen = starts
    else:
        if occurrence > len(starts):
            raise QuoteNotResolved(
                f"occurrence {occurrence} asked for, but the quote occurs only {len(starts)} time(s); lower the number"
            )
        chosen = [starts[occurrence - 1]]
    return [Span(start, start + len(quote)) for start in chosen]


def _not_found_message(text: str, selector: QuoteSelector) -> str:
    quote = selector.quote
    if find_whole_word(text, quote):
        return "the quote occurs, but not with this prefix or suffix; correct the prefix or suffix"
    if quote in text:
        position = text.find(quote)
        while position != -1:
            if not (on_grapheme_boundary(text, position) and on_grapheme_boundary(text, position + len(quote))):
                return ("the quote cuts a character in two (an accent, joiner or emoji modifier belongs to it); "
                        "extend the quote to the whole character")
            position = text.find(quote, position + 1)
        return "the quote occurs only inside longer words; extend it to whole words"
    start = closest_passage(text, quote)
    passage = text[start:start + len(quote)]
    shown = passage if len(passage) <= 80 else passage[:77] + "..."
    return f'not found in the article text; the closest passage starts at offset {start}: "{_escape(shown)}"'


def closest_passage(text: str, quote: str) -> int:
    """Offset of the passage of `text` most like `quote`, to point an annotator at a typo."""
    matcher = difflib.SequenceMatcher(None, text, quote, autojunk=False)
    block = matcher.find_longest_match(0, len(text), 0, len(quote))
    return max(0, block.a - block.b)


def _escape(passage: str) -> str:
    return passage.replace("\n", "\\n").replace("\u00a0", "\\u00a0")
