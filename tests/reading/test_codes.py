"""The fast code-set readers agree with the packages that ship the code sets."""

import random

import pytest

from ketamine_claims.reading.codes import icd10cm_codes, icd11_codes


def test_icd10cm_reader_agrees_with_simple_icd_10_cm():
    simple_icd_10_cm = pytest.importorskip("simple_icd_10_cm")
    codes = sorted(icd10cm_codes())
    for code in random.Random(7).sample(codes, 300) + ["M79.7", "F32.A", "U07.1", "G90.50"]:
        assert simple_icd_10_cm.is_valid_item(code), code
    for code in ["M79.99", "F32.Z", "G90.5X"]:
        assert code not in icd10cm_codes() and not simple_icd_10_cm.is_valid_item(code)


def test_icd11_list_holds_the_codes_of_the_reference_table():
    assert {"MG30.01", "8D8A.0", "6A70", "6B40", "1E91"} <= icd11_codes()
    assert "MG30.09" not in icd11_codes()


def test_the_stated_code_system_versions_are_the_pinned_ones():
    from ketamine_claims.reading.codes import ICD10CM_EDITION, ICD10CM_PACKAGE, ICD10CM_VERSION, ICD11_PACKAGE, ICD11_VERSION
    from schema import CODE_SYSTEMS

    assert f"{ICD10CM_PACKAGE} {ICD10CM_VERSION}" in CODE_SYSTEMS["icd10cm"]
    assert ICD10CM_EDITION.split()[0] in CODE_SYSTEMS["icd10cm"]
    assert f"{ICD11_PACKAGE} {ICD11_VERSION}" in CODE_SYSTEMS["icd11"]
