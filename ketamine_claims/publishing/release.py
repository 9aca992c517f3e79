"""Build a release: validate raw/ and derive its rows in one pass, stage every file, publish the folder atomically."""

from __future__ import annotations

import gc
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

import pyarrow as pa

from ketamine_claims.presenting import card
from ketamine_claims.presenting.croissant import croissant
from ketamine_claims.errors import UsageError
from ketamine_claims.reading.corpus import RawCorpus
from ketamine_claims.reading.raw_loader import load_raw
from ketamine_claims.publishing.release_tables import ReleaseTables
from ketamine_claims.publishing.stats import Counts, agreement_figures, counts, rating_agreement, verdict_agreement
from ketamine_claims.versions import RELEASE_DATES, RELEASE_NOTES, VERSION, is_published
from ketamine_claims.publishing.writer import (
    publish, sha256_of, staging_folder, write_checksums, write_config_table, write_json, write_text,
)
from schema import CODE_SYSTEMS, CONFIGS
from schema.enums import Verdict

LICENSES = {
    "annotations": "CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/)",
    "article_texts": "Copyright of their publishers; included verbatim for non-commercial research on health "
                     "communication, and removed on request",
    "code": "MIT",
    "code_lists": "Codes are cited as identifiers only; the code sets themselves are not redistributed",
}
ANNOTATION_LICENSE_URL = "https://creativecommons.org/licenses/by/4.0/"
#: Who curates the dataset, as the citation and the card name them (a collective name: no person is named).
CURATORS = "The Ketamine Web Claims maintainers"
TITLE = ("Ketamine web claims: span-level claims, evidence verdicts and quality ratings of web articles promoting "
         "ketamine therapy")
CITATION = ("@misc{ketamine_web_claims_VERSION,\n  author = {{" + CURATORS + "}},\n  title = {" + TITLE + "},\n"
            "  year = {YEAR},\n  version = {VERSION},\n  note = {Dataset, version VERSION}\n}")
PLAIN_CITATION = CURATORS + " (YEAR). " + TITLE + " (version VERSION) [Dataset]."
#: What the card and metadata.json say in place of a date while a version is unpublished.
PREVIEW_DATE = "not yet (a preview of work in progress, not a release)"
DESCRIPTION = ("Web articles in Spanish, English and Polish that promote ketamine therapy for chronic pain and "
               "mental health, with every claim and condition mention annotated at span level, claim verdicts "
               "against the medical evidence, condition codes (MeSH, ICD-10-CM, ICD-11) and DISCERN and JAMA "
               "quality ratings.")


@dataclass
class BuildResult:
    """Where a release was written, whether it was new, and the rows of each config."""

    folder: Path
    created: bool
    row_counts: dict[str, int]


def build_release(raw_dir: Path, out_root: Path, card_template: Path, version: str = VERSION,
                  extras: bool = True) -> BuildResult:
    """Validate, write and publish `out_root/<version>`; a no-op when an identical release exists."""
    if version not in RELEASE_NOTES:
        raise UsageError(f"version {version} has no release note in ketamine_claims/versions.py; "
                         f"choose one of {', '.join(sorted(RELEASE_NOTES))} or add its note there")
    template = _card_template(card_template)
    gc_was_enabled = gc.isenabled()
    gc.disable()  # loading makes millions of short-lived objects but no garbage cycles, so collecting only costs time
    try:
        collected = ReleaseTables()
        corpus = load_raw(raw_dir, collected.add)
        try:
            staged = staging_folder(out_root, version)
        except OSError as error:
            raise UsageError(f"cannot write into {out_root}: {error.strerror}; choose an --out folder you can "
                             "write to") from None
        try:
            row_counts = write_release(staged, corpus, collected.tables(corpus), collected.counts, template, version,
                                       extras)
            created = publish(staged, out_root / version, replace=not is_published(version))
        except OSError as error:
            raise UsageError(f"writing the release failed ({error.strerror}: {error.filename}); nothing was "
                             "published, free the space or fix the permissions and build again") from None
        finally:
            shutil.rmtree(staged, ignore_errors=True)  # gone already when published
    finally:
        if gc_was_enabled:
            gc.enable()
    return BuildResult(out_root / version, created, row_counts)


def _rating_tables(ratings: dict) -> str:
    """The reliability of the DISCERN and JAMA ratings: pooled figures, then the totals of each article."""
    pooled = card.table(["measure", "value"], [
        [f"DISCERN items compared ({ratings['items']} = 16 questions x articles): exact agreement",
         ratings["discern_exact_agreement"]],
        ["DISCERN, quadratic-weighted κ on the 1-5 scale", ratings["discern_weighted_kappa"]],
        ["JAMA criteria with the same judgement", ratings["jama_agreement"]],
        ["JAMA, Cohen's κ (undefined when one judgement is given throughout)", ratings["jama_kappa"]]])
    per_article = card.table(["article", "raters", "DISCERN Q1-15 total", "Q16", "JAMA criteria alike"], [
        [f"`{a['source_file']}`", a["raters"], f"{a['discern_total_first']} / {a['discern_total_second']}",
         f"{a['q16_first']} / {a['q16_second']}", f"{a['jama_same']} of 4"] for a in ratings["articles"]])
    return pooled + "\n\n" + per_article


def _cited(template: str, version: str, corpus: RawCorpus) -> str:
    """A citation of this version: the year is that of its release date, or of the evidence date for a preview."""
    year = RELEASE_DATES.get(version, corpus.claim_groups.evidence_as_of.isoformat())[:4]
    return template.replace("VERSION", version).replace("YEAR", year)


def _license_text() -> str:
    """The release's LICENSE file: which license covers which part, as the card's front matter points to it."""
    return ("This release is made of parts under different terms.\n\n"
            + "".join(f"- {part.replace('_', ' ')}: {terms}\n" for part, terms in LICENSES.items()))


def _card_template(path: Path) -> str:
    """The hand-written card, read before any work is done, so a wrong --card costs nothing."""
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UsageError(f"{path}: card template not found; pass --card with the hand-written DATASET_CARD.md") from None
    except UnicodeDecodeError as error:
        raise UsageError(f"{path}: the card template is not UTF-8 text ({error.reason} at byte {error.start}); "
                         "save it as UTF-8") from None
    except OSError as error:
        raise UsageError(f"{path}: the card template cannot be read ({error.strerror})") from None


def write_release(folder: Path, corpus: RawCorpus, tables: Iterable[tuple[str, pa.Table]], tallies: Counts,
                  template: str, version: str, extras: bool) -> dict[str, int]:
    """Write every file of a release into `folder`, checksums last; return the rows of each config.

    `tables` gives each config's table in CONFIGS order; none is needed once it is written.
    """
    sizes, paths = {}, {}
    for config, table in tables:
        table = table.replace_schema_metadata({"dataset": "ketamine-web-claims", "version": version, "config": config})
        paths[config] = write_config_table(table, folder, config)
        sizes[config] = (table.num_rows, table.nbytes)
        write_json(CONFIGS[config].model_json_schema(), folder / "json_schema" / f"{config}.schema.json")
    figures = counts(tallies, corpus.conditions.conditions)
    agreement = agreement_figures(corpus)
    metadata = {
        "name": "ketamine-web-claims", "version": version, "release_date": RELEASE_DATES.get(version, PREVIEW_DATE),
        "release_notes": RELEASE_NOTES, "description": DESCRIPTION, "licenses": LICENSES,
        "code_systems": CODE_SYSTEMS, "evidence_as_of": corpus.claim_groups.evidence_as_of.isoformat(),
        "configs": {config: {"path": paths[config], "rows": sizes[config][0]} for config in CONFIGS},
        "counts": figures, "agreement": agreement, "verdict_agreement": verdict_agreement(corpus),
        "rating_agreement": rating_agreement(corpus),
    }
    write_json(metadata, folder / "metadata.json")
    write_text(_license_text(), folder / "LICENSE")
    write_json(croissant(version, DESCRIPTION, [ANNOTATION_LICENSE_URL, "LICENSE"], _cited(CITATION, version, corpus),
                         RELEASE_DATES.get(version),
                         {config: (path, sha256_of(folder / path)) for config, path in paths.items()}, CURATORS),
               folder / "croissant.json")
    figure_names: list[str] = []
    baselines: dict[str, dict] | None = None
    if extras:
        from ketamine_claims.presenting import explorer, figures as plots

        figure_names = plots.write_figures(folder)
        explorer.write_explorer(folder)
        if sizes["claims"][0] <= MAX_CLAIMS_FOR_BASELINES:
            from ketamine_claims.evaluating.scorer import run_baselines

            baselines = run_baselines(folder, folder / "baselines")
    values = (card_values(version, metadata, corpus, tallies, figure_names) | benchmark_values(baselines)
              | {"examples": lambda _: example_instances(folder)})
    write_text(card.front_matter(version, sizes, paths) + card.render(template, values), folder / "README.md")
    write_checksums(folder)
    return {config: rows for config, (rows, _) in sizes.items()}


#: The claim-matching baseline compares every pair of claims; past this many claims the build skips the baselines.
MAX_CLAIMS_FOR_BASELINES = 5_000


def example_instances(folder: Path) -> str:
    """One row of each config as JSON, long texts and lists cut short, so a reader sees every field's shape."""
    import json

    import pyarrow.parquet as pq

    from ketamine_claims.release_layout import find_data_file

    def shorten(value):
        if isinstance(value, str):
            return value if len(value) <= 100 else value[:97] + "..."
        if isinstance(value, list):
            return [shorten(item) for item in value[:2]] + (["..."] if len(value) > 2 else [])
        if isinstance(value, dict):
            return {key: shorten(item) for key, item in value.items()}
        return value.isoformat() if hasattr(value, "isoformat") else value

    parts = []
    for config in CONFIGS:
        rows = pq.read_table(find_data_file(folder, config)).slice(0, 1).to_pylist()
        if rows:
            parts.append(f"`{config}` (first row; texts over 100 characters and lists over two items cut short):\n\n"
                         "```json\n" + json.dumps(shorten(rows[0]), ensure_ascii=False, indent=2) + "\n```")
    return "\n\n".join(parts)


def benchmark_values(baselines: dict[str, dict] | None) -> dict:
    """The card's benchmark placeholders: tasks, prediction formats and the baselines' scores, made from the code."""
    from ketamine_claims.evaluating.baselines import BASELINES
    from ketamine_claims.evaluating.tasks import TASKS
    from ketamine_claims.presenting.schema_export import field_rows

    def formats(_: str | None) -> str:
        return "\n\n".join(f"`{name}` ({task.prediction.__name__}):\n\n"
                             + card.table(["field", "type", "description"],
                                          [[f"`{f}`", kind, text] for f, kind, text in field_rows(task.prediction)])
                             for name, task in TASKS.items())

    def results(_: str | None) -> str:
        if baselines is None:
            return "_The baselines were not run for this build (see `build_dataset.py baselines`)._"
        return card.table(["task", "baseline", "headline measure", "score", "all figures"],
                          [[f"`{name}`", BASELINES[name][0], f"`{TASKS[name].headline}`", figures[TASKS[name].headline],
                            ", ".join(f"{k} {v}" for k, v in figures.items())] for name, figures in baselines.items()])

    return {
        "benchmark_tasks": lambda _: card.table(
            ["task", "what a system does", "data", "measures"],
            [[f"`{name}`", task.summary, task.gold, task.measures] for name, task in TASKS.items()]),
        "prediction_formats": formats,
        "baseline_results": results,
    }


def card_values(version: str, metadata: dict, corpus: RawCorpus, tallies: Counts, figure_names: list[str]) -> dict:
    """Every placeholder the hand-written card may use, each a function of an optional argument."""
    figures = metadata["counts"]
    by_article = figures["by_article"]
    references = sorted(corpus.bibliography.references, key=lambda r: r.reference_id)
    ratings = [
        [f"`{a['article_id']}`", a["language"], a["discern_total"], a["discern_q16"], a["jama_score"],
         ", ".join(f"{criterion.removeprefix('JAMA_')}: {'met' if met else 'not met'}"
                   for criterion, met in tallies.jama[a["article_id"]])]
        for a in by_article
    ]
    agreement_rows = [
        [f"`{g['article_id']}`", g["language"], g["claims_first"], g["claims_second"], g["claim_f1_exact"],
         g["claim_f1_overlap"], g["claim_pairs"], g["kappa_claim_type"], g["kappa_certainty"],
         g["mentions_first"], g["mentions_second"], g["mention_f1_exact"], g["mention_f1_overlap"]]
        for g in metadata["agreement"]
    ]
    verdict_columns = Verdict.values()
    verdicts = metadata["verdict_agreement"]
    return {
        "verdict_agreement": lambda _: card.table(
            ["measure", "value"],
            [["claim groups with two blind verdicts", verdicts["groups"]],
             ["exact agreement on the verdict", verdicts["exact_agreement"]],
             ["Cohen's κ, five verdicts", verdicts["kappa"]],
             [f"quadratic-weighted κ on the ordered scale ({verdicts['pairs_on_scale']} pairs on it)",
              verdicts["weighted_kappa_on_scale"]],
             [f"quadratic-weighted κ, certainty of the evidence ({verdicts['pairs_with_certainty']} pairs)",
              verdicts["weighted_kappa_certainty"]],
             [f"same insufficient-evidence reason ({verdicts['pairs_both_insufficient']} pairs where both chose that verdict)",
              verdicts["reason_agreement"]]]),
        "rating_agreement": lambda _: _rating_tables(metadata["rating_agreement"]),
        "verdict_agreement_by_type": lambda _: card.table(
            ["claim type", "groups", "exact agreement", "κ", "weighted κ on the scale"],
            [[f"`{kind}`", f["groups"], f["exact_agreement"], f["kappa"], f["weighted_kappa_on_scale"]]
             for kind, f in verdicts["by_claim_type"].items()]),
        "verdict_disagreements": lambda _: card.cross_table(verdicts["table"], "first \\ second", Verdict.values()),
        "version": lambda _: version,
        "release_date": lambda _: metadata["release_date"],
        "evidence_as_of": lambda _: metadata["evidence_as_of"],
        "release_notes": lambda _: "\n".join(
            f"- **{v}**{'' if is_published(v) else ' (unpublished)'}: {note}"
            for v, note in sorted(RELEASE_NOTES.items(), reverse=True)),
        "fields": card.fields_table,
        "vocabularies": card.vocabulary_tables,
        "code_systems": card.code_systems_table,
        "licenses": lambda _: card.table(["part", "license"], [[k.replace("_", " "), v] for k, v in LICENSES.items()]),
        "sizes": lambda _: card.table(["config", "rows", "file"], [[f"`{c}`", v["rows"], f"`{v['path']}`"]
                                                                    for c, v in metadata["configs"].items()]),
        "totals": lambda _: (f"{figures['articles']} articles, {figures['claims']} claims in "
                             f"{figures['claim_groups']} claim groups, {figures['mentions']} condition mentions "
                             f"of {figures['conditions']} condition concepts"),
        "counts_by_article": lambda _: card.table(
            ["article", "language", "claims", "mentions"],
            [[f"`{a['article_id']}`", a["language"], a["claims"], a["mentions"]] for a in by_article]),
        "counts_by_language": lambda _: card.table(
            ["language", "articles", "claims", "mentions"],
            [[k, v.get("articles", 0), v.get("claims", 0), v.get("mentions", 0)] for k, v in figures["by_language"].items()]),
        "counts_by_claim_type": lambda _: card.count_table(figures["by_claim_type"], "claim_type"),
        "counts_by_certainty": lambda _: card.count_table(figures["by_certainty"], "certainty"),
        "counts_by_evidence_cited": lambda _: card.count_table(figures["by_evidence_cited"], "evidence_cited"),
        "counts_by_verdict": lambda _: card.count_table(figures["by_verdict"], "verdict"),
        "counts_by_condition": lambda _: card.table(
            ["condition", "name", "mentions", "claims"],
            [[f"`{c['condition_id']}`", c["name"], c["mentions"], c["claims"]] for c in figures["by_condition"]]),
        "claim_types_by_article": lambda _: card.cross_table(figures["claim_type_by_article"], "article",
                                                             list(figures["by_claim_type"])),
        "verdicts_by_article": lambda _: card.cross_table(figures["verdict_by_article"], "article", verdict_columns),
        "verdicts_by_condition": lambda _: card.cross_table(figures["verdict_by_condition"], "condition", verdict_columns),
        "ratings": lambda _: card.table(["article", "language", "DISCERN Q1–Q15 (15–75)", "DISCERN Q16 (1–5)",
                                         "JAMA (0–4)", "JAMA criteria"], ratings),
        "agreement": lambda _: card.table(
            ["article", "language", "claims A", "claims B", "claim F1 exact", "claim F1 overlap", "pairs",
             "κ claim_type", "κ certainty", "mentions A", "mentions B", "mention F1 exact", "mention F1 overlap"],
            agreement_rows),
        "bibliography": lambda _: "\n".join(
            f"- `{r.reference_id}` — {r.citation}" + "".join(
                f" {label}: {value}." for label, value in (("DOI", r.doi), ("PMID", r.pmid), ("PMCID", r.pmcid),
                                                            ("Trial", r.trial_id), ("URL", r.url)) if value)
            for r in references),
        "figures": lambda _: "\n\n".join(f"![{name}]({name})" for name in figure_names) or "(no figures in this build)",
        "citation": lambda _: ("```bibtex\n" + _cited(CITATION, version, corpus) + "\n```\n\nIn plain text: "
                               + _cited(PLAIN_CITATION, version, corpus)),
        "curators": lambda _: CURATORS,
    }
