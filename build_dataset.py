#!/usr/bin/env python3
"""Validate raw/, build a release in dist/<version>/, or verify one: `python build_dataset.py --help`."""

import sys

from ketamine_claims.cli import main

if __name__ == "__main__":
    sys.exit(main())
