"""The card is rendered from its hand-written source; placeholders are checked, never left blank."""

import pytest

from conftest import ROOT
from ketamine_claims.presenting.card import PLACEHOLDER, CardTemplateError, render, table


def test_unknown_placeholders_are_errors():
    with pytest.raises(CardTemplateError, match=r"DATASET_CARD.md uses \{\{ nope \}\}"):
        render("x {{ nope }}", {"version": lambda _: "1"})


def test_placeholders_take_an_argument():
    assert render("{{ fields:claims }} {{version}}", {"fields": lambda arg: f"<{arg}>", "version": lambda _: "1"}) \
        == "<claims> 1"


def test_tables_escape_pipes_and_show_missing_values():
    assert table(["a", "b"], [["x|y", None]]) == "| a | b |\n| --- | --- |\n| x\\|y | – |"


def test_the_rendered_card_has_no_placeholder_left(built_fixture_release):
    text = (built_fixture_release / "README.md").read_text()
    assert not PLACEHOLDER.search(text)
    for heading in ("## Uses", "## Loading", "## Fields", "## Annotation", "## Agreement", "## Licenses",
                    "## Limitations and biases", "## Citation and errors", "Medical disclaimer"):
        assert heading in text


def test_the_card_source_describes_every_config():
    source = (ROOT / "DATASET_CARD.md").read_text()
    for placeholder in ("{{ fields:articles }}", "{{ fields:claims }}", "{{ fields:conditions }}", "{{ agreement }}",
                        "{{ verdicts_by_condition }}", "{{ ratings }}", "{{ counts_by_article }}"):
        assert placeholder in source
