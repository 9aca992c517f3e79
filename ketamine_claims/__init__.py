"""Build, validate and verify releases of the ketamine web-claims dataset.

The library is laid out by the stage a record passes through, and each stage imports only those below it:

    cli                  the command line (build_dataset.py)
    publishing           rows, tables, counts, writer, release, verify
    presenting, evaluating   card, Croissant, explorer, figures, schema exports | matching, agreement, scoring
    reading              strict YAML, spans, article and cross-file checks, codes, the problem log
    errors, versions, release_layout   leaf modules shared by every stage
    schema               (its own package) the single source of every field

The names below are the public entry points; they are imported on first use so that
`import ketamine_claims` stays cheap.
"""

from __future__ import annotations

from importlib import import_module

_PUBLIC = {
    "load_raw": "ketamine_claims.reading.raw_loader",
    "build_release": "ketamine_claims.publishing.release",
    "verify_release": "ketamine_claims.publishing.verify",
    "InvalidData": "ketamine_claims.errors",
    "ReleaseConflict": "ketamine_claims.errors",
    "ReleaseInvalid": "ketamine_claims.errors",
    "UsageError": "ketamine_claims.errors",
}
__all__ = sorted(_PUBLIC)


def __getattr__(name: str):
    if name not in _PUBLIC:
        raise AttributeError(f"module 'ketamine_claims' has no attribute {name!r}")
    return getattr(import_module(_PUBLIC[name]), name)
