"""The card's figures, drawn from the release's own Parquet files and reproducible byte for byte."""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from ketamine_claims.presenting.palette import PALETTE, VERDICT_STYLES
from ketamine_claims.release_layout import find_data_file
from schema.enums import ClaimType, Verdict

#: Bars per figure at most. Each bar takes 0.35 inch, so without a limit 1,000 articles make one PNG
#: 35,000 pixels tall (and 10,000 articles take minutes and gigabytes to draw); past the limit the
#: smallest rows are summed into one last bar. Figures with fewer rows are unaffected.
MAX_BARS = 100


def _pyplot():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams.update({"font.family": "DejaVu Sans", "font.size": 9, "svg.hashsalt": "ketamine-web-claims",
                         "path.simplify": False})
    return plt


def _stacked_bars(path: Path, title: str, rows: dict[str, Counter], categories: list[str], xlabel: str,
                  noun: str, colours: list[str] | None = None) -> None:
    plt = _pyplot()
    labels = sorted(rows, key=lambda key: (-sum(rows[key].values()), key))
    if len(labels) > MAX_BARS:
        kept, rest = labels[:MAX_BARS - 1], labels[MAX_BARS - 1:]
        other = f"({len(rest):,} other {noun})"
        rows = {**{label: rows[label] for label in kept}, other: sum((rows[label] for label in rest), Counter())}
        labels = kept + [other]
    figure, axes = plt.subplots(figsize=(8, 0.35 * len(labels) + 1.6), dpi=100)
    left = [0] * len(labels)
    for index, category in enumerate(categories):
        widths = [rows[label][category] for label in labels]
        if any(widths):
            axes.barh(labels, widths, left=left, color=(colours or PALETTE)[index % len(colours or PALETTE)], label=category,
                      edgecolor="white", hatch=["", "//", "..", "xx", "\\\\", "oo", "++", "--", "**"][index % 9])
            left = [a + b for a, b in zip(left, widths)]
    axes.invert_yaxis()
    axes.set_xlabel(xlabel)
    axes.set_title(title)
    axes.legend(loc="lower right", fontsize=7, frameon=False)
    figure.tight_layout()
    figure.savefig(path, format="png", metadata={"Software": None})
    plt.close(figure)


def _counters(table: pa.Table, row: str, column: str) -> dict[str, Counter]:
    """How many rows of `table` have each value of `column`, per value of `row`."""
    counted: dict[str, Counter] = defaultdict(Counter)
    for group in table.group_by([row, column]).aggregate([([], "count_all")]).to_pylist():
        counted[group[row]][group[column]] += group["count_all"]
    return counted


def write_figures(release: Path) -> list[str]:
    """Draw every figure into release/figures/; return their paths relative to the release."""
    claims = pq.read_table(find_data_file(release, "claims"), columns=["article_id", "claim_type", "condition_ids", "verdict"])
    # Counted by Arrow, so no Python object is made per claim: one pair per condition of each claim,
    # and "(no condition)" for a claim without any.
    pairs, unconditioned = [], []
    for batch in claims.to_batches():
        conditions = batch.column("condition_ids")
        pairs.append(pa.table({"key": pc.list_flatten(conditions),
                               "verdict": batch.column("verdict").take(pc.list_parent_indices(conditions))}))
        unconditioned.append(batch.filter(pc.equal(pc.list_value_length(conditions), 0)).column("verdict"))
    unconditioned_verdicts = pa.chunked_array(unconditioned, pa.string())
    pairs.append(pa.table({"key": pa.array(["(no condition)"] * len(unconditioned_verdicts), pa.string()),
                           "verdict": unconditioned_verdicts}))
    by_condition = _counters(pa.concat_tables(pairs), "key", "verdict")
    by_article = _counters(claims, "article_id", "claim_type")
    folder = release / "figures"
    folder.mkdir(exist_ok=True)
    names = ["figures/verdicts_by_condition.png", "figures/claim_types_by_article.png"]
    _stacked_bars(release / names[0], "Claim verdicts by condition", by_condition, Verdict.values(), "claims",
                  "conditions", [VERDICT_STYLES[verdict].colour for verdict in Verdict])
    _stacked_bars(release / names[1], "Claims per article by type", by_article, ClaimType.values(), "claims",
                  "articles")
    return names
