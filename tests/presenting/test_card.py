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


def test_the_hub_reads_every_datasheet_key_of_the_card(built_fixture_release):
    from huggingface_hub import DatasetCard

    data = DatasetCard.load(built_fixture_release / "README.md").data.to_dict()
    assert data["license"] == "other" and data["license_link"] == "LICENSE"
    assert (built_fixture_release / data["license_link"]).read_text(encoding="utf-8").startswith("This release is made")
    for key in ("annotations_creators", "language_creators", "source_datasets", "task_ids", "configs", "dataset_info"):
        assert data[key], key
    text = (built_fixture_release / "README.md").read_text(encoding="utf-8")
    assert "author = {{The Ketamine Web Claims maintainers}}" in text and "In plain text: The Ketamine" in text
    assert "## Example instances" in text and '"claim_id": "en-fixture-article:c01"' in text


def test_a_count_table_says_when_a_value_has_no_example():
    from ketamine_claims.presenting.card import count_table

    rows = count_table({"supported": 3, "contradicted": 0}, "verdict").splitlines()
    assert rows[2:] == ["| `supported` | 3 | 100 % |", "| `contradicted` | 0 | none in this version |"]
