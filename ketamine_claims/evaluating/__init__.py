"""Evaluating against a release: span matching, agreement and the benchmark's tasks, scorer and baselines.

Owns every number that compares one set of labels with another, whether a second annotator's or a
system's predictions. May import `schema`, `ketamine_claims.reading` and the package's leaf modules.
"""
