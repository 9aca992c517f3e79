"""Reading and checking raw/: strict YAML, quotes resolved to spans, article and cross-file rules, code sets.

Owns everything between the files in raw/ and a validated corpus (`load_raw`), and the problem log
whose located messages the command line prints. May import only `schema` and `ketamine_claims.errors`.
"""
