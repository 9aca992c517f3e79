"""The dataset's version and release notes: the one place they are written.

Versions follow the TensorFlow Datasets meaning of semantic versioning, applied to the data:
- PATCH: no record a user reads changes (metadata, card wording, file encoding).
- MINOR: records or fields are added; every existing record and field reads as before.
- MAJOR: existing records change (corrected spans, labels, verdicts) or the schema changes incompatibly.
"""

VERSION = "1.0.0"

RELEASE_NOTES = {
    "1.0.0": (
        "First release: five articles (Spanish, English, Polish) with every claim, condition mention, "
        "claim-group verdict, DISCERN and JAMA rating, and a double annotation of three articles."
    ),
}

#: Date each version was published; fixed here so a rebuild writes the same bytes.
RELEASE_DATES = {"1.0.0": "2026-11-21"}

#: The commit whose tree (code and raw/) builds each published release byte for byte. Once a
#: release is published, main moves on towards the next version; a release is checked against its
#: own sources, never against main's, so work in progress can never disturb a published release.
SOURCE_COMMITS = {"1.0.0": "39c72d005b77fa289d3e3807869195cd9c9a222f"}
