"""A self-contained HTML explorer of a release, generated from the release's own Parquet files.

explorer.html embeds the data as JSON and carries all its CSS and JS inline, so it opens from
file:// with no network. Reading the published Parquet files rather than raw/ means the explorer
shows exactly what was released, and the same files always give the same bytes.
"""

from __future__ import annotations

import html
import json
from collections import defaultdict
from importlib.resources import files
from itertools import accumulate
from pathlib import Path
from typing import NamedTuple
from urllib.parse import quote

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from ketamine_claims.release_layout import find_data_file
from ketamine_claims.presenting.palette import VERDICT_STYLES
from schema.enums import ClaimType, Language, Verdict

#: Nesting rank of span kinds that cover the same stretch: page chrome outermost, mentions innermost.
KIND_RANK = {"chrome": 0, "claim": 1, "mention": 2}
TEMPLATE = "explorer_template.html"
#: Articles one page holds at most; a larger release is explored through its Parquet files.
MAX_ARTICLES = 200


class Mark(NamedTuple):
    """A stretch of an article's text to wrap in an element: a claim, a mention or page chrome."""

    start: int
    end: int
    kind: str
    ref: str | int


def span_tree(text: str, marks: list[Mark]) -> list:
    """Nest `text` into elements for possibly overlapping marks.

    The text is cut at every mark boundary; each piece is wrapped in the marks that cover it,
    outer (earlier, longer) marks first. Elements stay open across pieces while their mark goes
    on, so a mark is split into several fragments only where it crosses another mark. A node is a
    string or {"kind", "ref", "first", "last", "children"}; `first` and `last` flag the fragments
    that hold the mark's first and last character.
    """
    ordered = sorted(marks, key=lambda m: (m.start, -m.end, KIND_RANK[m.kind], str(m.ref)))
    cuts = sorted({0, len(text)} | {m.start for m in marks} | {m.end for m in marks})
    root: list = []
    stack: list[tuple[Mark, dict]] = []
    for a, b in zip(cuts, cuts[1:]):
        covering = [m for m in ordered if m.start <= a and b <= m.end]
        kept = 0
        while kept < min(len(stack), len(covering)) and stack[kept][0] is covering[kept]:
            kept += 1
        del stack[kept:]
        for mark in covering[kept:]:
            node = {"kind": mark.kind, "ref": mark.ref, "first": a == mark.start, "last": False, "children": []}
            (stack[-1][1]["children"] if stack else root).append(node)
            stack.append((mark, node))
        for mark, node in stack:
            node["last"] = b == mark.end
        children = stack[-1][1]["children"] if stack else root
        if children and isinstance(children[-1], str):
            children[-1] += text[a:b]
        else:
            children.append(text[a:b])
    return root


def reference_links(reference: dict) -> list[dict]:
    """Links to a verdict's source: DOI, PubMed, PubMed Central, ClinicalTrials.gov, or its own address."""
    links = []
    if reference["doi"]:
        links.append({"label": f"DOI {reference['doi']}", "href": "https://doi.org/" + quote(reference["doi"], safe="/:;()")})
    if reference["pmid"]:
        links.append({"label": f"PMID {reference['pmid']}", "href": f"https://pubmed.ncbi.nlm.nih.gov/{reference['pmid']}/"})
    if reference["pmcid"]:
        links.append({"label": reference["pmcid"], "href": f"https://pmc.ncbi.nlm.nih.gov/articles/{reference['pmcid']}/"})
    if reference["trial_id"]:
        links.append({"label": reference["trial_id"], "href": f"https://clinicaltrials.gov/study/{reference['trial_id']}"})
    if reference["url"]:
        links.append({"label": "Web page", "href": reference["url"]})
    return links


def explorer_data(release: Path, max_articles: int = MAX_ARTICLES) -> dict:
    """Everything the page shows, from the three Parquet files, in published order.

    At most `max_articles` articles go into the page (one page holding a corpus of thousands of
    articles would weigh hundreds of megabytes); `shown_of` says how many were left out.
    """
    articles, total = _first_rows(find_data_file(release, "articles"), max_articles)
    kept = pa.array([a["article_id"] for a in articles], pa.string())
    claims = _rows_of(find_data_file(release, "claims"), kept)
    condition_table = pq.read_table(find_data_file(release, "conditions"))
    if total > max_articles:  # only the shown articles' mentions become Python objects
        condition_table = _mentions_in(condition_table, kept)
    conditions = condition_table.to_pylist()
    in_corpus = {a["article_id"] for a in articles}
    related: dict[str, set[tuple[str, str]]] = {a["article_id"]: set() for a in articles}
    for article in articles:
        for relation in article["relations"]:
            target = relation["target_article_id"]
            if target in in_corpus:  # a link works both ways in a side-by-side view
                related[article["article_id"]].add((target, relation["type"]))
                related[target].add((article["article_id"], relation["type"]))
    mentions: dict[str, list[dict]] = {a["article_id"]: [] for a in articles}
    for condition in conditions:
        for mention in condition["mentions"]:
            mentions[mention["article_id"]].append({"condition_id": condition["condition_id"], "form": mention["form"],
                                                    "start": mention["start"], "end": mention["end"]})
    claimed_conditions = {c for claim in claims for c in claim["condition_ids"]}
    by_name = sorted(conditions, key=lambda c: (c["name"].casefold(), c["condition_id"]))
    languages = {a["language"] for a in articles}
    claims_of: dict[str, list[dict]] = defaultdict(list)  # in published order; one pass, not one per article
    for claim in claims:
        claims_of[claim["article_id"]].append(claim)
    return {
        "shown_of": [len(articles), total],
        "articles": [_article(a, claims_of.get(a["article_id"], []), mentions[a["article_id"]],
                              sorted(related[a["article_id"]])) for a in articles],
        "claims": {c["claim_id"]: _claim(c) for c in claims},
        "conditions": {c["condition_id"]: {k: c[k] for k in ("name", "mesh_ids", "icd10cm", "icd11")} for c in conditions},
        "verdicts": [{"value": v.value, "label": v.value.replace("_", " "), "definition": v.definition,
                      "badge": VERDICT_STYLES[v].badge} for v in Verdict],
        "filters": {
            "condition": [{"value": c["condition_id"], "label": c["name"]} for c in by_name
                          if c["condition_id"] in claimed_conditions],
            "claim_type": [{"value": t.value, "label": t.value} for t in ClaimType],
            "verdict": [{"value": v.value, "label": v.value.replace("_", " ")} for v in Verdict],
            "language": [{"value": lang.value, "label": f"{lang.value}: {lang.definition.rstrip('.')}"}
                         for lang in Language if lang.value in languages],
        },
    }


def _first_rows(path: Path, count: int) -> tuple[list[dict], int]:
    """The first `count` rows of a Parquet file, and how many it holds; read batch by batch, not whole."""
    source = pq.ParquetFile(path)
    rows: list[dict] = []
    for batch in source.iter_batches(batch_size=max(count, 1)):
        if len(rows) == count:
            break
        rows.extend(batch.slice(0, count - len(rows)).to_pylist())
    return rows, source.metadata.num_rows


def _rows_of(path: Path, article_ids: pa.Array) -> list[dict]:
    """The rows of a Parquet file that belong to the given articles, in file order; read batch by batch, not whole."""
    return [row for batch in pq.ParquetFile(path).iter_batches()
            for row in batch.filter(pc.is_in(batch.column("article_id"), value_set=article_ids)).to_pylist()]


def _mentions_in(conditions: pa.Table, article_ids: pa.Array) -> pa.Table:
    """The condition rows with only their mentions in the given articles, in the same order."""
    field = conditions.schema.field("mentions")
    kept = [mentions.values.filter(pc.is_in(mentions.values.field("article_id"), value_set=article_ids))
            for mentions in conditions.column("mentions")]
    offsets = pa.array(list(accumulate((len(values) for values in kept), initial=0)), pa.int32())
    nested = pa.ListArray.from_arrays(offsets, pa.concat_arrays(kept) if kept else pa.array([], field.type.value_type),
                                      type=field.type)
    return conditions.set_column(conditions.schema.get_field_index("mentions"), field, nested)


def _article(row: dict, claims: list[dict], mentions: list[dict], related: list[tuple[str, str]]) -> dict:
    mentions = sorted(mentions, key=lambda m: (m["start"], m["end"], m["condition_id"]))
    marks = ([Mark(b["start"], b["end"], "chrome", i) for i, b in enumerate(row["boilerplate"])]
             + [Mark(c["start"], c["end"], "claim", c["claim_id"]) for c in claims]
             + [Mark(m["start"], m["end"], "mention", i) for i, m in enumerate(mentions)])
    return {
        **{k: row[k] for k in ("article_id", "title", "language", "site", "site_type", "discern_total", "jama_score",
                               "claim_count", "mention_count")},
        "related": [{"article_id": target, "type": kind} for target, kind in related],
        "boilerplate": [b["kind"] for b in row["boilerplate"]],
        "mentions": [{"condition_id": m["condition_id"], "form": m["form"]} for m in mentions],
        "body": span_tree(row["text"], marks),
    }


def _claim(row: dict) -> dict:
    fields = ("article_id", "language", "text", "text_en", "claim_type", "condition_ids", "certainty",
              "evidence_cited", "verdict", "insufficient_evidence_reason", "evidence_certainty", "evidence_basis",
              "verdict_rationale", "claim_group_id")
    return {**{k: row[k] for k in fields},
            "references": [{"citation": r["citation"], "stance": r["stance"], "finding": r["finding"],
                            "links": reference_links(r)} for r in row["verdict_sources"]]}


def _verdict_css() -> str:
    return "\n".join(f".v-{v.value}{{--tint:{tint};--line:{line};--line-style:{style}}}"
                     for v, (tint, line, style, _) in VERDICT_STYLES.items())


def render(data: dict, version: str) -> str:
    """The page: the template with the verdict styles, the version and the data filled in.

    The JSON is compact with sorted keys, for stable bytes; `</` and `<!--` are escaped so no text
    can close the script element or change how the HTML parser reads it.
    """
    payload = (json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
               .replace("</", "<\\/").replace("<!--", "<\\u0021--"))
    page = files("ketamine_claims.presenting").joinpath(TEMPLATE).read_text(encoding="utf-8")
    shown, total = data["shown_of"]
    notice = "" if shown == total else (f"This page shows the first {shown:,} of {total:,} articles; "
                                        "query the Parquet files for the others.")
    page = page.replace("/*VERDICT_CSS*/", _verdict_css()).replace("{{VERSION}}", html.escape(version))
    page = page.replace("{{NOTICE}}", html.escape(notice))
    return page.replace("{{DATA}}", payload)  # last, so no text in the data is taken for a placeholder


def write_explorer(release: Path) -> None:
    """Write release/explorer.html from the release's Parquet files."""
    version = pq.read_schema(find_data_file(release, "articles")).metadata[b"version"].decode()
    (release / "explorer.html").write_text(render(explorer_data(release), version), encoding="utf-8", newline="\n")
