"""Presenting a release: the dataset card, Croissant, the explorer page, the figures and the schema's exports.

Owns every rendering of the schema and of a release's tables for readers and tools: the Arrow schema,
Hugging Face features, JSON Schema and card tables derived from `schema/`, and the pages drawn from
the Parquet files. May import `schema`, `ketamine_claims.reading` and the package's leaf modules.
"""
