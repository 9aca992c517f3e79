"""Building and publishing a release: rows and tables, counts, the deterministic writer, the atomic publish, verify.

Owns the path from a validated corpus to an immutable `dist/<version>/` folder and the checks that
a published folder is what it claims to be. May import `schema`, `ketamine_claims.reading`,
`ketamine_claims.presenting`, `ketamine_claims.evaluating` and the package's leaf modules.
"""
