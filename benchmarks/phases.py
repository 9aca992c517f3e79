#!/usr/bin/env python3
"""Run the command line's own `main()` with timers around the steps of a build, to see where the time goes.

    python benchmarks/phases.py --timings phases.json build --raw DIR --out DIR

Everything after the options is passed to ``ketamine_claims.cli.main`` unchanged, so this is
the same code path as ``build_dataset.py``; the only addition is a `perf_counter` call before
and after each wrapped function. Times of nested steps are included in their callers
(``load_raw`` includes parsing, the rest of validation and making the rows).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

TIMINGS: dict[str, float] = {}

#: (module, function or Class.method, label): validation steps first, then release steps; extras are figures,
#: explorer and card. Rows are made while the articles load, so their steps are inside load_raw's time.
WRAPPED = (
    ("ketamine_claims.reading.raw_loader", "load_file", "validate: read + strict YAML"),
    ("ketamine_claims.reading.raw_loader", "validate_model", "validate: pydantic models"),
    ("ketamine_claims.reading.article_checks", "resolve_quotes", "validate: resolve quotes"),
    ("ketamine_claims.reading.cross_checks", "check_corpus", "validate: cross-file checks"),
    ("ketamine_claims.publishing.release_tables", "ReleaseTables.add", "rows: made and counted per article"),
    ("ketamine_claims.publishing.release_tables", "to_batch", "rows: to Arrow record batches"),
    ("ketamine_claims.publishing.release", "load_raw", "load_raw (validation and rows, streamed)"),
    ("ketamine_claims.publishing.release_tables", "concatenate", "tables: record batches joined"),
    ("ketamine_claims.publishing.release_tables", "nest_mentions", "tables: mentions nested in conditions"),
    ("ketamine_claims.publishing.release", "write_config_table", "write_parquet (3 tables)"),
    ("ketamine_claims.publishing.release", "counts", "counts"),
    ("ketamine_claims.publishing.release", "agreement_figures", "agreement_figures"),
    ("ketamine_claims.presenting.figures", "write_figures", "extras: figures"),
    ("ketamine_claims.presenting.explorer", "write_explorer", "extras: explorer"),
    ("ketamine_claims.publishing.release", "card_values", "card: values"),
    ("ketamine_claims.presenting.card", "render", "card: render"),
    ("ketamine_claims.presenting.card", "front_matter", "card: front matter"),
    ("ketamine_claims.publishing.release", "write_checksums", "write_checksums"),
    ("ketamine_claims.publishing.release", "publish", "publish"),
    ("ketamine_claims.publishing.release", "write_release", "write_release (all writing)"),
)


def _wrap(module_name: str, dotted: str, label: str) -> None:
    import importlib

    owner = importlib.import_module(module_name)
    *classes, name = dotted.split(".")
    for part in classes:
        owner = getattr(owner, part)
    function = getattr(owner, name)

    def timed(*args, **kwargs):
        started = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            TIMINGS[label] = TIMINGS.get(label, 0.0) + time.perf_counter() - started

    setattr(owner, name, timed)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--timings", type=Path, required=True, help="JSON file to write the step times into")
    arguments, rest = parser.parse_known_args()
    started = time.perf_counter()
    from ketamine_claims import cli

    for module_name, name, label in WRAPPED:
        _wrap(module_name, name, label)
    TIMINGS["import"] = time.perf_counter() - started
    code = cli.main(rest)
    TIMINGS["main (total, after import)"] = time.perf_counter() - started - TIMINGS["import"]
    arguments.timings.write_text(json.dumps({k: round(v, 4) for k, v in TIMINGS.items()}, indent=2) + "\n")
    return code


if __name__ == "__main__":
    sys.exit(main())
