"""Quote selectors resolve to exactly the passage meant, or fail with a fix."""

import pytest
from hypothesis import given, strategies as st

from ketamine_claims.reading.spans import QuoteNotResolved, Span, find_whole_word, resolve
from schema.quote import QuoteSelector

TEXT = "Ketamine helps. Fibro patients and fibromyalgia patients: ketamine helps fibro pain."


def sel(quote, **kw):
    return QuoteSelector(quote=quote, **kw)


def test_whole_words_only():
    assert find_whole_word(TEXT, "fibro") == [TEXT.index("fibro pain")]
    assert find_whole_word(TEXT, "Fibro") == [16]


@pytest.mark.parametrize("selector, expected", [
    (sel("fibromyalgia"), [Span(35, 47)]),
    (sel("helps", occurrence=2), [Span(67, 72)]),
    (sel("helps", prefix="ketamine "), [Span(67, 72)]),
    (sel("helps", suffix="."), [Span(9, 14)]),
])
def test_selectors(selector, expected):
    assert resolve(TEXT, selector) == expected
    assert all(TEXT[s.start:s.end] == selector.quote for s in expected)


def test_all_is_for_mentions_only():
    assert len(resolve(TEXT, sel("helps", occurrence="all"), allow_all=True)) == 2
    with pytest.raises(QuoteNotResolved, match="occurrence 'all' is allowed only for condition mentions"):
        resolve(TEXT, sel("helps", occurrence="all"))


@pytest.mark.parametrize("selector, message", [
    (sel("helps"), "the quote occurs 2 times (at offsets 9, 67); add prefix, suffix or occurrence to pick one"),
    (sel("helps", occurrence=3), "occurrence 3 asked for, but the quote occurs only 2 time(s); lower the number"),
    (sel("helps", prefix="never "), "the quote occurs, but not with this prefix or suffix; correct the prefix or suffix"),
    (sel("etamine"), "the quote occurs only inside longer words; extend it to whole words"),
    (sel("fibromialgia"), 'not found in the article text; the closest passage starts at offset 35: "fibromyalgia"'),
])
def test_failures_say_how_to_fix(selector, message):
    with pytest.raises(QuoteNotResolved) as failure:
        resolve(TEXT, selector)
    assert str(failure.value) == message


words = st.sampled_from(["ból", "dolor", "fibro", "ketamina", "łagodzi", "niño", "pain", "ß", "ā"])


@given(st.lists(words, min_size=1, max_size=30), st.data())
def test_a_resolved_span_always_reproduces_its_quote(tokens, data):
    text = " ".join(tokens)
    start = data.draw(st.integers(0, len(tokens) - 1))
    length = data.draw(st.integers(1, len(tokens) - start))
    quote = " ".join(tokens[start:start + length])
    matches = find_whole_word(text, quote)
    assert matches, "a run of whole tokens is always found"
    for index in range(1, len(matches) + 1):
        (span,) = resolve(text, sel(quote, occurrence=index))
        assert text[span.start:span.end] == quote


@given(st.text(min_size=1, max_size=60), st.text(min_size=1, max_size=12))
def test_resolve_only_returns_spans_or_raises_its_own_error(text, quote):
    try:
        spans = resolve(text, sel(quote), allow_all=True)
    except QuoteNotResolved:
        return
    assert all(text[s.start:s.end] == quote for s in spans)


@pytest.mark.parametrize("text, quote, message", [
    ("la infusio\u0301n de ketamina", "infusio",
     "the quote cuts a character in two (an accent, joiner or emoji modifier belongs to it); "
     "extend the quote to the whole character"),
    ("ok \U0001F468\u200d\U0001F469\u200d\U0001F467 end", "\U0001F469",
     "the quote cuts a character in two (an accent, joiner or emoji modifier belongs to it); "
     "extend the quote to the whole character"),
    ("ketamine helps", " ", "the quote holds no visible text; quote the words of the passage"),
])
def test_spans_never_cut_a_character_nor_hold_only_blanks(text, quote, message):
    with pytest.raises(QuoteNotResolved) as raised:
        resolve(text, QuoteSelector(quote=quote, occurrence=1))
    assert str(raised.value) == message


def test_a_whole_character_with_its_accent_resolves():
    text = "la infusio\u0301n de ketamina"
    [span] = resolve(text, QuoteSelector(quote="infusio\u0301n"))
    assert text[span.start:span.end] == "infusio\u0301n"
