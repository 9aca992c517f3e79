"""The command line: validate raw/, build a release, verify a release, score predictions. Errors become one-line messages and exit codes."""

from __future__ import annotations

import argparse
import gc
import json
import sys
import time
from pathlib import Path

from ketamine_claims.errors import DatasetError, InvalidData, ReleaseInvalid, UsageError
from ketamine_claims.versions import VERSION, is_published

ROOT = Path(__file__).resolve().parent.parent
EXIT_OK, EXIT_INVALID, EXIT_USAGE, EXIT_INTERNAL, EXIT_INTERRUPTED = 0, 1, 2, 3, 130
#: The release main's sources build: the published one, or else the preview.
CURRENT_BUILD = ROOT / ("dist" if is_published(VERSION) else "preview") / VERSION
BUG_REPORT = "this is a bug in build_dataset.py, not a problem with the data; please report it with the command you ran"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="build_dataset.py", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    validate = commands.add_parser("validate", help="check every raw annotation file; print one line per problem")
    validate.add_argument("--raw", type=Path, default=ROOT / "raw", help="folder of raw annotations (default: raw/)")
    build = commands.add_parser("build", help="validate raw/ and publish the release <out>/<version>/")
    build.add_argument("--raw", type=Path, default=ROOT / "raw", help="folder of raw annotations (default: raw/)")
    build.add_argument("--out", type=Path, default=None,
                       help="folder that holds the releases (default: dist/ for a published version, preview/ otherwise)")
    build.add_argument("--version", default=VERSION, help=f"version to build (default: {VERSION})")
    build.add_argument("--card", type=Path, default=ROOT / "DATASET_CARD.md", help="hand-written source of the card")
    verify = commands.add_parser("verify", help="check a published release: checksums, schemas, counts, spans")
    verify.add_argument("release", nargs="?", type=Path, default=CURRENT_BUILD,
                        help=f"release folder (default: {CURRENT_BUILD.relative_to(ROOT)})")
    verify.add_argument("--rebuild", action="store_true",
                        help="also rebuild the release from its sources (raw/, or the commit that made a published "
                             "release) and compare every byte")
    verify.add_argument("--raw", type=Path, default=ROOT / "raw", help="folder of raw annotations for --rebuild")
    evaluate = commands.add_parser("evaluate", help="score a predictions file (JSON Lines) for one benchmark task")
    evaluate.add_argument("task", help="claim_detection, claim_attributes, condition_mentions, claim_verification "
                                       "or claim_matching")
    evaluate.add_argument("predictions", type=Path, help="the predictions, one JSON object per line")
    evaluate.add_argument("--release", type=Path, default=CURRENT_BUILD,
                          help=f"release to score against (default: {CURRENT_BUILD.relative_to(ROOT)})")
    evaluate.add_argument("--json", type=Path, default=None, help="also write the figures to this JSON file")
    baselines = commands.add_parser("baselines", help="run every task's baseline and score it")
    baselines.add_argument("--release", type=Path, default=CURRENT_BUILD,
                           help=f"release to run on (default: {CURRENT_BUILD.relative_to(ROOT)})")
    baselines.add_argument("--out", type=Path, default=ROOT / "baselines",
                           help="folder for the predictions and scores (default: baselines/)")
    return parser


def _output_folder(out: Path | None, version: str) -> Path:
    """dist/ holds published releases only; an unpublished version is built as a preview, into preview/."""
    if is_published(version):
        return out if out is not None else ROOT / "dist"
    if out is not None and out.resolve() == (ROOT / "dist").resolve():
        raise UsageError(f"version {version} is not published (no date in ketamine_claims/versions.py), so it "
                         "cannot go into dist/; build it into preview/ (the default) or another --out folder")
    return out if out is not None else ROOT / "preview"


def main(argv: list[str] | None = None) -> int:
    """Run one command; data problems exit 1, usage 2, an internal error 3, an interrupt 130; never a traceback."""
    arguments = _parser().parse_args(argv)
    try:
        return _run(arguments)
    except KeyboardInterrupt:
        print("error: interrupted; nothing was published", file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception as error:  # noqa: BLE001 - the one place that turns an unforeseen failure into a message
        print(f"internal error: {type(error).__name__}: {error}; {BUG_REPORT}", file=sys.stderr)
        return EXIT_INTERNAL


def _run(arguments: argparse.Namespace) -> int:
    started = time.perf_counter()
    try:
        if arguments.command == "validate":
            from ketamine_claims.reading.raw_loader import load_raw

            gc_was_enabled = gc.isenabled()
            gc.disable()  # as in build: loading makes many objects but no garbage cycles, so collecting only wastes time
            try:
                corpus = load_raw(arguments.raw)
            finally:
                if gc_was_enabled:
                    gc.enable()
            claims = sum(len(a.claims) for a in corpus.articles)
            print(f"ok: {len(corpus.articles)} articles, {claims} claims, {len(corpus.conditions.conditions)} "
                  f"conditions valid ({time.perf_counter() - started:.2f} s)")
        elif arguments.command == "build":
            from ketamine_claims.publishing.release import build_release

            out = _output_folder(arguments.out, arguments.version)
            result = build_release(arguments.raw, out, arguments.card, arguments.version)
            kind = "published" if is_published(arguments.version) else "preview written"
            state = kind if result.created else "unchanged (an identical build exists)"
            rows = result.row_counts
            print(f"{result.folder}: {state}: {rows['articles']} articles, {rows['claims']} claims, "
                  f"{rows['conditions']} conditions, {rows['mentions']} mentions")
        elif arguments.command == "evaluate":
            from ketamine_claims.evaluating.scorer import as_table, evaluate

            figures = evaluate(arguments.task, arguments.predictions, arguments.release)
            print(as_table(arguments.task, figures))
            if arguments.json is not None:
                arguments.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
        elif arguments.command == "baselines":
            from ketamine_claims.evaluating.scorer import as_table, run_baselines

            results = run_baselines(arguments.release, arguments.out)
            print("\n\n".join(as_table(task, figures) for task, figures in results.items()))
        else:
            from ketamine_claims.publishing.verify import verify_release

            if arguments.rebuild:
                from ketamine_claims.publishing.rebuild import compare_with_sources

                different = compare_with_sources(arguments.release, arguments.raw, ROOT / "DATASET_CARD.md", ROOT)
                if different:
                    raise ReleaseInvalid([f"{name}: differs from what the sources build" for name in different])
                rows = {}
            else:
                rows = verify_release(arguments.release)
            checked = "rebuilt from its sources, identical" if arguments.rebuild else "verified"
            print(f"{arguments.release}: {checked}" + (": " if rows else "")
                  + ", ".join(f"{k} {v} rows" for k, v in rows.items()))
    except InvalidData as invalid:
        for problem in invalid.problems:
            print(problem, file=sys.stderr)
        print(f"error: {len(invalid.problems)} problem(s); nothing was written", file=sys.stderr)
        return EXIT_INVALID
    except ReleaseInvalid as invalid:
        for failure in invalid.failures:
            print(failure if str(failure).startswith(str(arguments.release)) else f"{arguments.release}/{failure}",
                  file=sys.stderr)
        print(f"error: the release fails {len(invalid.failures)} check(s)", file=sys.stderr)
        return EXIT_INVALID
    except DatasetError as error:
        print(f"error: {error}", file=sys.stderr)
        return error.exit_code
    return EXIT_OK
