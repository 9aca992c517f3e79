"""The colours of the dataset's pages and figures, defined once (Okabe-Ito hues, safe for colour-blind readers)."""

from __future__ import annotations

from typing import NamedTuple

from schema.enums import Verdict

#: One colour per category, in enum order, for categories that have no colour of their own.
PALETTE = ["#009E73", "#56B4E9", "#E69F00", "#D55E00", "#999999", "#CC79A7", "#0072B2", "#F0E442", "#000000"]


class VerdictStyle(NamedTuple):
    """How a verdict is drawn: a tint behind text, a line colour, a line style and a badge, so colour is never the only cue."""

    tint: str
    colour: str
    line: str
    badge: str


VERDICT_STYLES = {
    Verdict.CONTRADICTED: VerdictStyle("#f7d3c2", "#D55E00", "double", "CONTRA"),
    Verdict.INSUFFICIENT_EVIDENCE: VerdictStyle("#d3e8f8", "#0072B2", "dotted", "INSUFF"),
    Verdict.PARTIALLY_SUPPORTED: VerdictStyle("#fbe6bb", "#B07800", "dashed", "PART"),
    Verdict.SUPPORTED: VerdictStyle("#cdeee0", "#009E73", "solid", "SUP"),
    Verdict.NOT_ASSESSABLE: VerdictStyle("#e6e6e6", "#666666", "groove", "N/A"),
}
