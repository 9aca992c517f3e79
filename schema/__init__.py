"""The dataset's data model: the single source of truth for every field, type, allowed value and description."""

from schema.article import Article, ArticleMetadata, BoilerplateSpan, Relation, TextQualityIssue
from schema.claim import Claim, ClaimGroupRow, ClaimLabels
from schema.common import MissingReason, Provenance
from schema.condition import CODE_SYSTEMS, Condition, ConditionConcept, ConditionMention, MentionRow
from schema.evidence import ReferenceIdentifiers
from schema.raw import (
    ArticleFile,
    BibliographyFile,
    ClaimGroup,
    ClaimGroupsFile,
    ConditionsFile,
    IndependentAnnotationFile,
)

#: The published configs, in the order the card lists them, with the model of one row each.
CONFIGS = {"articles": Article, "claims": Claim, "claim_groups": ClaimGroupRow, "conditions": Condition,
           "mentions": MentionRow}

__all__ = [
    "Article", "ArticleFile", "ArticleMetadata", "BibliographyFile", "BoilerplateSpan", "CODE_SYSTEMS", "CONFIGS",
    "Claim", "ClaimGroup", "ClaimGroupRow", "ClaimGroupsFile", "ClaimLabels", "Condition", "ConditionConcept", "ConditionMention",
    "ConditionsFile", "MentionRow", "MissingReason", "Provenance", "ReferenceIdentifiers", "Relation", "IndependentAnnotationFile",
    "TextQualityIssue",
]
