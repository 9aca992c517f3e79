"""The three published tables, collected article by article as Arrow record batches in the canonical schema."""

from __future__ import annotations

from collections import Counter
from itertools import accumulate
from typing import Iterator

import pyarrow as pa
import pyarrow.compute as pc

from ketamine_claims.reading.article_checks import ResolvedArticle
from ketamine_claims.reading.corpus import SharedFiles
from ketamine_claims.publishing.rows import article_rows, verdict_fields
from ketamine_claims.presenting.schema_export import arrow_schema
from ketamine_claims.publishing.stats import Counts
from schema import CONFIGS
from schema.condition import MENTION_CONTEXT

#: Rows wait as dicts for this many articles, then become one record batch per config.
ARTICLES_PER_BATCH = 100
#: The column that keeps each mention with its condition until the condition rows are assembled.
RANK = "condition_rank"


def to_batch(rows: list[dict], schema: pa.Schema) -> pa.RecordBatch:
    """Cast rows to a schema as one record batch."""
    return pa.RecordBatch.from_pylist(rows, schema=schema)


def concatenate(batches: list[pa.RecordBatch], schema: pa.Schema) -> pa.Table:
    """One table of the batches, each column in one contiguous chunk (the same bytes as one conversion of all rows)."""
    return pa.Table.from_batches(batches, schema=schema).combine_chunks()


def group_rows(claims: pa.Table, shared: SharedFiles, verdicts: dict[str, dict], schema: pa.Schema) -> pa.Table:
    """One row per claim group, in the order of claim_groups.yaml, with its claims, articles and languages."""
    members = claims.select(["claim_group_id", "claim_id", "article_id", "language"]).group_by("claim_group_id").aggregate(
        [("claim_id", "list"), ("article_id", "distinct"), ("language", "distinct")]).to_pylist()
    by_group = {row["claim_group_id"]: row for row in members}
    rows = []
    for group in shared.claim_groups.groups:
        member = by_group[group.claim_group_id]
        rows.append({"claim_group_id": group.claim_group_id, "statement_en": group.statement_en,
                     "claim_ids": sorted(member["claim_id_list"]), "article_ids": sorted(member["article_id_distinct"]),
                     "languages": sorted(member["language_distinct"]), **verdicts[group.claim_group_id]})
    return pa.Table.from_pylist(rows, schema=schema)


def sort_mentions(mentions: pa.Table) -> pa.Table:
    """Mentions in published order: by condition (RANK), then article_id, start and end."""
    return mentions.take(pc.sort_indices(mentions, sort_keys=[(RANK, "ascending"), ("article_id", "ascending"),
                                                              ("start", "ascending"), ("end", "ascending")]))


def mention_rows(concepts: pa.Table, mentions: pa.Table, schema: pa.Schema) -> pa.Table:
    """One row per mention, in published order, with its concept's name, category and codes beside it."""
    concept = concepts.take(mentions.column(RANK))
    columns = {name: mentions.column(name) for name in mentions.column_names if name != RANK}
    columns |= {"condition_id": concept.column("condition_id"), "condition_name": concept.column("name"),
                **{name: concept.column(name) for name in ("category", "mesh_ids", "icd10cm", "icd11")}}
    columns["mention_id"] = pc.binary_join_element_wise(
        columns["article_id"], pc.binary_join_element_wise(pc.cast(columns["start"], pa.string()),
                                                           pc.cast(columns["end"], pa.string()), "-"),
        columns["condition_id"], ":")
    return pa.table([columns[field.name] for field in schema], schema=schema).combine_chunks()


def nest_mentions(concepts: pa.Table, mentions: pa.Table) -> pa.Table:
    """Fill the empty `mentions` lists of the condition rows with the mention rows (sorted), by their RANK column.

    Each condition lists its mentions sorted by (article_id, start, end).
    """
    per_condition = Counter(mentions.column(RANK).to_pylist())
    offsets = pa.array(list(accumulate((per_condition[rank] for rank in range(concepts.num_rows)), initial=0)),
                       pa.int32())
    field = concepts.schema.field("mentions")
    mention = field.type.value_type
    values = pa.StructArray.from_arrays([mentions.column(child.name).combine_chunks() for child in mention],
                                        fields=list(mention))
    nested = pa.ListArray.from_arrays(offsets, values, type=field.type)
    return concepts.set_column(concepts.schema.get_field_index("mentions"), field, nested).combine_chunks()


class ReleaseTables:
    """Takes each valid article's rows as it is loaded (`add`), and hands out the finished tables (`tables`).

    The article and claim rows keep their published order. A mention waits with the position of
    its condition in conditions.yaml (RANK) until the condition rows are made.
    """

    def __init__(self) -> None:
        self.schemas = {config: arrow_schema(model) for config, model in CONFIGS.items()}
        mention = self.schemas["conditions"].field("mentions").type.value_type
        row = self.schemas["mentions"]
        extras = [row.field(name) for name in ("language", "context_before", "context_after")]
        self.mention_schema = pa.schema([pa.field(RANK, pa.int32(), nullable=False), *mention, *extras])
        self.counts = Counts()
        self.complete = True
        self._verdicts: dict[str, dict] | None = None
        self._ranks: dict[str, int] = {}
        self._waiting: dict[str, list[dict]] = {"articles": [], "claims": [], "mentions": []}
        self._batches: dict[str, list[pa.RecordBatch]] = {"articles": [], "claims": [], "mentions": []}

    def add(self, article: ResolvedArticle, shared: SharedFiles) -> None:
        """Make one article's rows and count them."""
        if self._verdicts is None:
            self._verdicts = verdict_fields(shared)
            self._ranks = {c.condition_id: rank for rank, c in enumerate(shared.conditions.conditions)}
        record = article.record
        if (any(claim.claim_group_id not in self._verdicts for claim in record.claims)
                or any(mention.condition_id not in self._ranks for mention in record.mentions)):
            self.complete = False  # a cross-file rule fails on this corpus, so none of its rows is published
            return
        rows = article_rows(article, self._verdicts)
        self.counts.add(rows.article, rows.claims, rows.mentions)
        text, language = article.text, record.language.value
        for condition_id, mention in rows.mentions:
            mention[RANK] = self._ranks[condition_id]
            mention["language"] = language
            mention["context_before"] = text[max(0, mention["start"] - MENTION_CONTEXT):mention["start"]]
            mention["context_after"] = text[mention["end"]:mention["end"] + MENTION_CONTEXT]
        self._waiting["articles"].append(rows.article)
        self._waiting["claims"].extend(rows.claims)
        self._waiting["mentions"].extend(mention for _, mention in rows.mentions)
        if len(self._waiting["articles"]) >= ARTICLES_PER_BATCH:
            self._flush()

    def _flush(self) -> None:
        for key, rows in self._waiting.items():
            self._batches[key].append(to_batch(rows, self.mention_schema if key == "mentions" else self.schemas[key]))
            rows.clear()

    def tables(self, shared: SharedFiles) -> Iterator[tuple[str, pa.Table]]:
        """Each config and its table, in CONFIGS order; each is made when asked for, so one is held at a time.

        Call once, after the corpus validated.
        """
        assert self.complete, "the rows of a corpus that fails validation are never published"
        self._flush()
        yield "articles", concatenate(self._batches.pop("articles"), self.schemas["articles"])
        claims = concatenate(self._batches.pop("claims"), self.schemas["claims"])
        yield "claims", claims
        yield "claim_groups", group_rows(claims, shared, self._verdicts or {}, self.schemas["claim_groups"])
        concepts = [{**c.model_dump(mode="json"), "mentions": [],
                     "claim_count": self.counts.claims_by_condition[c.condition_id]}
                    for c in shared.conditions.conditions]
        concept_table = pa.Table.from_pylist(concepts, schema=self.schemas["conditions"])
        mentions = sort_mentions(concatenate(self._batches.pop("mentions"), self.mention_schema))
        yield "conditions", nest_mentions(concept_table, mentions)
        yield "mentions", mention_rows(concept_table, mentions, self.schemas["mentions"])
