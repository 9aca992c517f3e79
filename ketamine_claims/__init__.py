"""Build, validate and verify releases of the ketamine web-claims dataset."""
