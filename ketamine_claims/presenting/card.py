"""Render the dataset card (README.md of a release) from DATASET_CARD.md and the release's figures.

DATASET_CARD.md is prose written by hand with placeholders such as ``{{ fields:claims }}``;
every placeholder is filled from the models and the rows, so numbers and field tables are
never typed by hand. An unknown placeholder is an error, not a blank.
"""

from __future__ import annotations

import re
from typing import Callable

import yaml

from ketamine_claims.errors import UsageError

from ketamine_claims.presenting.schema_export import field_rows, hf_features
from schema import CODE_SYSTEMS, CONFIGS
from schema.enums import (
    BoilerplateKind, Certainty, ClaimType, ConditionCategory, EvidenceCited, MentionForm,
    RelationType, SiteType, TextQualityFlag, Verdict,
)

PLACEHOLDER = re.compile(r"\{\{\s*([a-z_]+)(?::([a-z_]+))?\s*\}\}")
VOCABULARIES = (ClaimType, Certainty, EvidenceCited, Verdict, ConditionCategory, MentionForm, SiteType,
                BoilerplateKind, RelationType, TextQualityFlag)


class CardTemplateError(UsageError):
    """The hand-written card uses a placeholder the renderer does not know (wrong usage of --card: exit 2)."""


def front_matter(version: str, sizes: dict[str, tuple[int, int]], paths: dict[str, str]) -> str:
    """The YAML header the Hugging Face Hub reads: configs, features, split sizes and card metadata."""
    header = {
        "pretty_name": "Ketamine web claims",
        "license": "other",
        "license_name": "mixed-cc-by-4.0-annotations-publishers-texts",
        "license_link": "LICENSE",
        "annotations_creators": ["machine-generated"],
        "language_creators": ["found", "machine-generated"],
        "source_datasets": ["original"],
        "language": ["es", "en", "pl"],
        "multilinguality": "multilingual",
        "size_categories": [size_category(max(rows for rows, _ in sizes.values()))],
        "task_categories": ["text-classification", "token-classification"],
        "task_ids": ["fact-checking", "multi-class-classification"],
        "tags": ["health-misinformation", "claim-detection", "ketamine", "medical", "span-annotation"],
        "version": version,
        "configs": [
            {"config_name": config, **({"default": True} if config == "claims" else {}),
             "data_files": [{"split": "train", "path": paths[config]}]}
            for config in CONFIGS
        ],
        "dataset_info": [
            {"config_name": config, "features": hf_features(model),
             "splits": [{"name": "train", "num_bytes": sizes[config][1], "num_examples": sizes[config][0]}],
             "dataset_size": sizes[config][1]}
            for config, model in CONFIGS.items()
        ],
    }
    return "---\n" + yaml.safe_dump(header, sort_keys=False, allow_unicode=True, width=1000) + "---\n"


def size_category(rows: int) -> str:
    """The Hub's size bucket for the largest config, e.g. 'n<1K' or '1K<n<10K'."""
    bounds = [(1_000, "n<1K"), (10_000, "1K<n<10K"), (100_000, "10K<n<100K"), (1_000_000, "100K<n<1M")]
    return next((label for bound, label in bounds if rows < bound), "1M<n<10M")


def render(template: str, values: dict[str, Callable[[str | None], str]]) -> str:
    """Fill every placeholder of the template; raise CardTemplateError for an unknown one."""
    def fill(match: re.Match) -> str:
        name, argument = match.group(1), match.group(2)
        if name not in values:
            raise CardTemplateError(f"DATASET_CARD.md uses {{{{ {name} }}}}, which the card renderer does not know; "
                                    f"known placeholders: {', '.join(sorted(values))}")
        return values[name](argument)
    return PLACEHOLDER.sub(fill, template)


def table(header: list[str], rows: list[list]) -> str:
    """A Markdown table; None shows as an en dash."""
    def cell(value) -> str:
        if value is None:
            return "–"
        return str(value).replace("|", "\\|").replace("\n", " ")
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines)


def fields_table(config: str | None) -> str:
    return table(["field", "type", "description"],
                 [[f"`{name}`", kind, description] for name, kind, description in field_rows(CONFIGS[config])])


def vocabulary_tables(_: str | None = None) -> str:
    parts = []
    for enum in VOCABULARIES:
        parts.append(f"**{enum.__name__}** — {enum.__doc__.strip()}\n\n"
                     + table(["value", "definition"], [[f"`{m.value}`", m.definition] for m in enum]))
    return "\n\n".join(parts)


def code_systems_table(_: str | None = None) -> str:
    return table(["field", "code system and version"], [[f"`{k}`", v] for k, v in CODE_SYSTEMS.items()])


def count_table(mapping: dict[str, int], label: str) -> str:
    total = sum(mapping.values())
    rows = [[f"`{key}`", value, f"{100 * value / total:.0f} %" if value else "none in this version"]
            for key, value in mapping.items()]
    return table([label, "claims", "share"], rows)


def cross_table(nested: dict[str, dict[str, int]], row_label: str, columns: list[str]) -> str:
    rows = [[f"`{key}`"] + [inner.get(column, 0) for column in columns] + [sum(inner.values())]
            for key, inner in nested.items()]
    return table([row_label] + [f"`{c}`" for c in columns] + ["total"], rows)
