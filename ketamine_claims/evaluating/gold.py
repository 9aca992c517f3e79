"""The gold labels of a release, read from its Parquet files in the shapes the benchmark tasks score."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyarrow.parquet as pq

from ketamine_claims.errors import UsageError
from ketamine_claims.release_layout import find_data_file

CLAIM_COLUMNS = ["claim_id", "article_id", "start", "end", "claim_group_id", "claim_type", "certainty",
                 "evidence_cited", "verdict"]


@dataclass(frozen=True)
class Gold:
    """What the scorer needs of a release: claim rows, mention rows, and which articles are translations or copies of each other."""

    claims: list[dict]
    mentions: list[dict]
    related_articles: frozenset[frozenset[str]]


def read_gold(release: Path) -> Gold:
    """Read the gold views of `release`; a folder that is not a release is a usage error."""
    try:
        find_data_file(release, "claims")
    except FileNotFoundError:
        raise UsageError(f"{release} is not a release folder (no claims/*.parquet); pass --release with a "
                         "folder that build_dataset.py built") from None
    claims = pq.read_table(find_data_file(release, "claims"), columns=CLAIM_COLUMNS).to_pylist()
    conditions = pq.read_table(find_data_file(release, "conditions"), columns=["condition_id", "mentions"]).to_pylist()
    mentions = [{"condition_id": row["condition_id"], **mention} for row in conditions for mention in row["mentions"]]
    articles = pq.read_table(find_data_file(release, "articles"), columns=["article_id", "relations"]).to_pylist()
    related = frozenset(frozenset((row["article_id"], relation["target_article_id"]))
                        for row in articles for relation in row["relations"] if relation["target_article_id"])
    return Gold(claims, mentions, related)
