"""explorer.html: built from the release's Parquet files, stable byte for byte, offline, and usable in a browser.

The browser tests drive Debian's chromium through chromium-driver and skip when either is missing.
Besides the tiny fixture release they use a pair release: the fixture plus a Spanish version of its
article (linked by shares_source_with), with crossing claims, a character outside the BMP before
the spans (code-point offsets differ from JavaScript's UTF-16 ones there) and a claim statement
that tries to close the script element.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from ketamine_claims.presenting.explorer import Mark, span_tree, write_explorer
from ketamine_claims.release_layout import find_data_file

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
CONFIGS = ("articles", "claims", "conditions")
EN = "en-fixture-article"
ES = "es-fixture-article"
ES_TEXT = ("Ketamina para el dolor de fibro 💉\n\n"
           "La ketamina bloquea los receptores que llevan las señales de dolor. "
           "Muchos pacientes con fibromialgia pueden sentirse mejor tras una infusión. Una sola basta.\n\n"
           "Deja una respuesta\n")
INJECTION = "One infusion is enough.</script><script>window.__injected = true;</script><!--"


def rows(release: Path, config: str) -> list[dict]:
    return pq.read_table(find_data_file(release, config)).to_pylist()


def copy_parquet(release: Path, target: Path) -> Path:
    """Only the Parquet files of a release: the explorer must need nothing else."""
    for config in CONFIGS:
        (target / config).mkdir(parents=True)
        shutil.copy(find_data_file(release, config), target / config)
    return target


def span(text: str, quote: str) -> dict:
    start = text.index(quote)
    return {"start": start, "end": start + len(quote), "text": quote}


@pytest.fixture(scope="module")
def pair_release(built_fixture_release: Path, tmp_path_factory) -> Path:
    """The fixture release plus a Spanish article that shares its source, written straight to Parquet."""
    folder = tmp_path_factory.mktemp("pair")
    tables = {config: pq.read_table(find_data_file(built_fixture_release, config)) for config in CONFIGS}
    articles, claims, conditions = (tables[config].to_pylist() for config in CONFIGS)
    en_claims = {c["claim_id"]: c for c in claims}
    es_claims = [
        {**en_claims[f"{EN}:c01"], "claim_id": f"{ES}:c01", "article_id": ES, "language": "es",
         **span(ES_TEXT, "La ketamina bloquea los receptores que llevan las señales de dolor")},
        {**en_claims[f"{EN}:c02"], "claim_id": f"{ES}:c02", "article_id": ES, "language": "es",
         **span(ES_TEXT, "Muchos pacientes con fibromialgia pueden sentirse mejor tras una infusión")},
        {**en_claims[f"{EN}:c02"], "claim_id": f"{ES}:c03", "article_id": ES, "language": "es",
         **span(ES_TEXT, "tras una infusión. Una sola basta"), "text_en": INJECTION,
         "claim_group_id": "one-infusion-is-enough", "verdict": "insufficient_evidence", "insufficient_evidence_reason": "outcome_not_measured", "claim_type": "duration",
         "condition_ids": []},
    ]
    articles.append({
        **articles[0], "article_id": ES, "language": "es", "title": "Ketamina para el dolor de fibro 💉", "text": ES_TEXT,
        "boilerplate": [{"kind": "comment_form", **span(ES_TEXT, "Deja una respuesta")}], "text_quality": [],
        "relations": [{"type": "shares_source_with", "target_article_id": EN, "target_url": None,
                       "note": "Made up for the tests."}],
        "claim_count": len(es_claims), "mention_count": 2,
    })
    mention = conditions[0]["mentions"][0]
    conditions[0]["mentions"] += [{**mention, "article_id": ES, "form": "abbreviation", **span(ES_TEXT, "fibro ")},
                                  {**mention, "article_id": ES, "form": "name", **span(ES_TEXT, "fibromialgia")}]
    conditions[0]["mentions"][-2]["end"] -= 1  # "fibro", without the space that keeps it from matching "fibromialgia"
    conditions[0]["mentions"][-2]["text"] = "fibro"
    for config, table_rows in zip(CONFIGS, (articles, claims + es_claims, conditions)):
        (folder / config).mkdir()
        pq.write_table(pa.Table.from_pylist(table_rows, schema=tables[config].schema), folder / config / "train.parquet")
    write_explorer(folder)
    return folder


# --- without a browser -----------------------------------------------------------------------------------------


def test_span_tree_nests_contained_marks_and_splits_only_crossing_ones():
    text = "abcdefghij"
    tree = span_tree(text, [Mark(0, 6, "claim", "A"), Mark(4, 9, "claim", "B"), Mark(1, 3, "mention", 0)])
    assert tree == [
        {"kind": "claim", "ref": "A", "first": True, "last": True, "children": [
            "a", {"kind": "mention", "ref": 0, "first": True, "last": True, "children": ["bc"]}, "d",
            {"kind": "claim", "ref": "B", "first": True, "last": False, "children": ["ef"]}]},
        {"kind": "claim", "ref": "B", "first": False, "last": True, "children": ["ghi"]},
        "j",
    ]


def test_span_tree_counts_code_points():
    text = "💉 ab cd"
    assert span_tree(text, [Mark(2, 4, "claim", "A")]) == [
        "💉 ", {"kind": "claim", "ref": "A", "first": True, "last": True, "children": ["ab"]}, " cd"]


def test_same_parquet_files_give_identical_bytes(built_fixture_release: Path, tmp_path: Path):
    first, second = copy_parquet(built_fixture_release, tmp_path / "a"), copy_parquet(built_fixture_release, tmp_path / "b")
    write_explorer(first)
    write_explorer(second)
    page = (first / "explorer.html").read_bytes()
    assert page == (second / "explorer.html").read_bytes()
    assert page == (built_fixture_release / "explorer.html").read_bytes()  # the one the release build wrote


def test_explorer_loads_nothing_from_the_network(built_fixture_release: Path):
    page = (built_fixture_release / "explorer.html").read_text(encoding="utf-8")
    assert not re.search(r"<(?:script|link|img|iframe|object|embed|source)\b[^>]*\s(?:src|href)\s*=", page, re.I)
    assert "@import" not in page and "url(" not in page
    expected = set()
    for claim in rows(built_fixture_release, "claims"):
        for reference in claim["verdict_sources"]:
            expected |= {f"https://doi.org/{reference['doi']}", f"https://pubmed.ncbi.nlm.nih.gov/{reference['pmid']}/"}
    assert set(re.findall(r"https?://[^\s\"'<>\\]+", page)) == expected  # reference links only


def test_embedded_data_cannot_close_the_script_element(pair_release: Path):
    page = (pair_release / "explorer.html").read_text(encoding="utf-8")
    assert page.count("</script>") == 3  # the error collector, the data and the code
    assert "<\\/script><script>window.__injected" in page and "<!--" not in page
    data = json.loads(re.search(r'<script type="application/json" id="explorer-data">(.*?)</script>', page, re.S)[1])
    assert data["claims"][f"{ES}:c03"]["text_en"] == INJECTION


# --- in a browser ----------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def driver(tmp_path_factory):
    missing = [str(path) for path in (CHROMIUM, CHROMEDRIVER) if not path.exists()]
    if missing:
        pytest.skip(f"browser tests need Debian's chromium and chromium-driver; missing {', '.join(missing)} "
                    "(apt-get install chromium chromium-driver)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                     "--disable-background-networking", "--disable-component-update", "--disable-sync",
                     f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}", "--window-size=1400,1000"):
        options.add_argument(argument)
    options.binary_location = str(CHROMIUM)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    browser = webdriver.Chrome(service=Service(executable_path=str(CHROMEDRIVER)), options=options)
    yield browser
    browser.quit()


def open_page(driver, release: Path, article_id: str | None = None):
    driver.get((release / "explorer.html").as_uri())
    if article_id:
        driver.find_element("css selector", f'#articles button[data-article-id="{article_id}"]').click()
    return driver


def claim_texts(driver, column: str = "#columns") -> dict[str, str]:
    """Each claim in view with the text of its fragments joined, in document order."""
    return driver.execute_script("""
        const texts = {};
        for (const e of document.querySelectorAll(arguments[0] + ' [data-claim-id]'))
          texts[e.dataset.claimId] = (texts[e.dataset.claimId] || '') + e.textContent.replace(/\\s+$/, '');
        return texts;""", column)


def first_fragment(driver, claim_id: str):
    return driver.find_element("css selector", f'#columns .claim.first[data-claim-id="{claim_id}"]')


def panel(driver, field: str) -> str:
    return driver.find_element("css selector", f'#claim-details dd[data-field="{field}"]').text


def classes(driver, claim_id: str) -> set[str]:
    return set(first_fragment(driver, claim_id).get_attribute("class").split())


def assert_no_errors(driver) -> None:
    assert driver.execute_script("return window.__explorerErrors") == []
    assert [entry for entry in driver.get_log("browser") if entry["level"] == "SEVERE"] == []


@pytest.mark.browser
def test_every_claim_mention_and_chrome_span_is_marked(driver, built_fixture_release: Path):
    claims = rows(built_fixture_release, "claims")
    for article in rows(built_fixture_release, "articles"):
        open_page(driver, built_fixture_release, article["article_id"])
        expected = {c["claim_id"]: c["text"] for c in claims if c["article_id"] == article["article_id"]}
        assert len(expected) == article["claim_count"]
        assert claim_texts(driver) == expected
        assert driver.execute_script(
            "return new Set([...document.querySelectorAll('#columns [data-mention]')].map(e => e.dataset.mention)).size"
        ) == article["mention_count"]
        chrome = [e.get_attribute("textContent") for e in driver.find_elements("css selector", "#columns .chrome")]
        assert chrome == [b["text"] for b in article["boilerplate"]]
        for claim in (c for c in claims if c["article_id"] == article["article_id"]):
            element = first_fragment(driver, claim["claim_id"])
            verdict = claim["verdict"].replace("_", " ")
            assert element.get_attribute("tabindex") == "0" and element.get_attribute("role") == "button"
            assert f"verdict {verdict}" in element.get_attribute("aria-label")
            badge = driver.execute_script(
                "return getComputedStyle(document.querySelector(arguments[0]), '::after').content",
                f'#columns .claim.last[data-claim-id="{claim["claim_id"]}"]')
            assert badge.strip('"') in driver.find_element("id", "legend").text  # the text badge, explained
    assert_no_errors(driver)


@pytest.mark.browser
def test_clicking_a_claim_fills_the_panel(driver, built_fixture_release: Path):
    claim = next(c for c in rows(built_fixture_release, "claims") if c["condition_ids"])
    open_page(driver, built_fixture_release, claim["article_id"])
    first_fragment(driver, claim["claim_id"]).click()
    assert panel(driver, "claim_id") == claim["claim_id"]
    assert panel(driver, "text_en") == claim["text_en"]
    assert claim["verdict"].replace("_", " ") in panel(driver, "verdict")
    assert panel(driver, "verdict_rationale") == claim["verdict_rationale"]
    assert panel(driver, "claim_group_id").startswith(claim["claim_group_id"])
    conditions = panel(driver, "conditions")
    for condition in (c for c in rows(built_fixture_release, "conditions") if c["condition_id"] in claim["condition_ids"]):
        assert condition["name"] in conditions
        assert all(code in conditions for code in condition["mesh_ids"] + condition["icd10cm"] + condition["icd11"])
    links = {a.get_attribute("href") for a in driver.find_elements("css selector", '#claim-details dd[data-field="references"] a')}
    reference = claim["verdict_sources"][0]
    assert links == {f"https://doi.org/{reference['doi']}", f"https://pubmed.ncbi.nlm.nih.gov/{reference['pmid']}/"}
    assert "selected" in classes(driver, claim["claim_id"])
    assert_no_errors(driver)


@pytest.mark.browser
def test_keyboard_enter_and_space_open_a_focused_claim(driver, built_fixture_release: Path):
    from selenium.webdriver.common.keys import Keys

    first, second = rows(built_fixture_release, "claims")[:2]
    open_page(driver, built_fixture_release, first["article_id"])
    driver.find_element("css selector", f'#articles button[data-article-id="{first["article_id"]}"]').send_keys(Keys.TAB)
    focused = driver.switch_to.active_element
    assert focused.get_attribute("data-claim-id") == first["claim_id"]  # the first claim is the next tab stop
    focused.send_keys(Keys.ENTER)
    assert panel(driver, "claim_id") == first["claim_id"]
    focused.send_keys(Keys.TAB)
    driver.switch_to.active_element.send_keys(" ")
    assert panel(driver, "claim_id") == second["claim_id"]
    assert_no_errors(driver)


@pytest.mark.browser
def test_filters_hide_what_they_exclude_and_nothing_else(driver, built_fixture_release: Path):
    from selenium.webdriver.support.select import Select

    claims = rows(built_fixture_release, "claims")
    open_page(driver, built_fixture_release, claims[0]["article_id"])
    for name, value, keep in [
        ("verdict", claims[0]["verdict"], lambda c: c["verdict"] == claims[0]["verdict"]),
        ("claim_type", claims[1]["claim_type"], lambda c: c["claim_type"] == claims[1]["claim_type"]),
        ("condition", "fibromyalgia", lambda c: "fibromyalgia" in c["condition_ids"]),
    ]:
        select = Select(driver.find_element("id", f"filter-{name}"))
        select.select_by_value(value)
        for claim in claims:
            hidden = "filtered" in classes(driver, claim["claim_id"])
            assert hidden == (not keep(claim)), (name, claim["claim_id"])
            assert first_fragment(driver, claim["claim_id"]).get_attribute("tabindex") == ("-1" if hidden else "0")
        assert any(not keep(c) for c in claims) and any(keep(c) for c in claims)  # the filter did something
        select.select_by_value("")
    assert not driver.find_elements("css selector", "#columns .claim.filtered")
    assert_no_errors(driver)


@pytest.mark.browser
def test_language_filter_hides_articles(driver, pair_release: Path):
    from selenium.webdriver.support.select import Select

    open_page(driver, pair_release)
    Select(driver.find_element("id", "filter-language")).select_by_value("es")
    assert driver.find_element("css selector", f'#articles tr[data-article-id="{ES}"]').is_displayed()
    assert not driver.find_element("css selector", f'#articles tr[data-article-id="{EN}"]').is_displayed()
    assert_no_errors(driver)


@pytest.mark.browser
def test_side_by_side_links_claims_of_one_group(driver, pair_release: Path):
    from selenium.webdriver.common.action_chains import ActionChains

    open_page(driver, pair_release, ES)
    driver.find_element("css selector", f'#compare-controls button[data-compare="{EN}"]').click()
    columns = driver.find_elements("css selector", "#columns > article")
    assert [c.get_attribute("data-article-id") for c in columns] == [ES, EN]
    assert [c.find_element("css selector", ".text").get_attribute("lang") for c in columns] == ["es", "en"]
    claims = {c["claim_id"]: c for c in rows(pair_release, "claims")}
    assert claim_texts(driver, f'article[data-article-id="{ES}"]') == {
        k: c["text"] for k, c in claims.items() if c["article_id"] == ES}  # crossing claims, after an emoji
    assert len(driver.find_elements("css selector", f'#columns [data-claim-id="{ES}:c03"]')) == 2  # split once

    def linked() -> set[str]:
        return {e.get_attribute("data-claim-id") for e in driver.find_elements("css selector", "#columns .claim.linked")}

    ActionChains(driver).move_to_element(first_fragment(driver, f"{ES}:c01")).perform()
    assert linked() == {f"{EN}:c01"}
    driver.execute_script("arguments[0].focus()", first_fragment(driver, f"{ES}:c02"))
    assert linked() == {f"{EN}:c02"}
    assert first_fragment(driver, f"{EN}:c02").get_attribute("data-group-id") == claims[f"{ES}:c02"]["claim_group_id"]

    first_fragment(driver, f"{ES}:c03").click()
    assert panel(driver, "text_en") == INJECTION  # shown as text, never run
    assert driver.execute_script("return window.__injected") is None
    output = ROOT / "test-output"
    output.mkdir(exist_ok=True)
    driver.save_screenshot(str(output / "explorer.png"))
    assert (output / "explorer.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert_no_errors(driver)


def test_a_large_release_is_capped_with_a_notice(built_fixture_release):
    from ketamine_claims.presenting.explorer import explorer_data, render

    data = explorer_data(built_fixture_release, max_articles=0)
    assert data["shown_of"] == [0, 1] and data["articles"] == [] and data["claims"] == {}
    assert "This page shows the first 0 of 1 articles; query the Parquet files for the others." in render(data, "9.9.9")
    full = explorer_data(built_fixture_release)
    assert full["shown_of"] == [1, 1] and '<p id="notice"></p>' in render(full, "9.9.9")
