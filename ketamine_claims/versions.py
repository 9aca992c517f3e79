"""The dataset's version and release notes: the one place they are written.

Versions follow the TensorFlow Datasets meaning of semantic versioning, applied to the data:
- PATCH: no record a user reads changes (metadata, card wording, file encoding).
- MINOR: records or fields are added; every existing record and field reads as before.
- MAJOR: existing records change (corrected spans, labels, verdicts) or the schema changes incompatibly.
"""

#: The version main's sources build. While it has no date in RELEASE_DATES it is a preview: built
#: into preview/ (git-ignored), never into dist/, and replaced by each rebuild.
VERSION = "2.0.0"

RELEASE_NOTES = {
    "1.0.0": (
        "First release: five articles (Spanish, English, Polish) with every claim, condition mention, "
        "claim-group verdict, DISCERN and JAMA rating, and a double annotation of three articles."
    ),
    "2.0.0": (
        "In preparation. Verdicts under the two-axis scheme of guidelines 2.0: the verdict (`unsupported` is "
        "replaced by `insufficient_evidence` with a closed reason), the certainty and basis of the evidence, and a "
        "stance and finding per source; every group assessed twice blind (kappa 0.75, weighted 0.86) and "
        "adjudicated. 105 of 195 groups changed verdict: unsupported to insufficient_evidence 26, to "
        "partially_supported 16, to supported 14, to contradicted 3; partially_supported to supported 18, to "
        "insufficient_evidence 1; contradicted to insufficient_evidence 8, to partially_supported 5; "
        "not_assessable to supported 5, to partially_supported 4, to insufficient_evidence 1; supported to "
        "partially_supported 4. Every article annotated twice; cross-validation folds per claim group; five "
        "benchmark tasks with a scorer and baselines; Parquet files named for their content."
    ),
}

#: Date each version was published; fixed here so a rebuild writes the same bytes. A version without
#: a date here is unpublished.
RELEASE_DATES = {"1.0.0": "2026-11-21"}

#: The newest published release, which verify and the README default to.
LATEST_RELEASE = max(RELEASE_DATES, key=lambda version: tuple(int(part) for part in version.split(".")))


def is_published(version: str) -> bool:
    """A version is published once it has a release date; until then its builds are previews."""
    return version in RELEASE_DATES

#: The commit whose tree (code and raw/) builds each published release byte for byte. Once a
#: release is published, main moves on towards the next version; a release is checked against its
#: own sources, never against main's, so work in progress can never disturb a published release.
SOURCE_COMMITS = {"1.0.0": "39c72d005b77fa289d3e3807869195cd9c9a222f"}
