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
        "In preparation: verdicts under the two-axis scheme of guidelines 2.0 (verdict, certainty and basis of the "
        "evidence, a stance and finding per source), every article and every verdict assessed twice blind."
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
