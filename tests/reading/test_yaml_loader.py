"""Strict YAML loading: every refused input gets one located message, and nothing is guessed."""

from pathlib import Path

import pytest

from ketamine_claims.reading.yaml_loader import LoadFailed, load_file, load_text, locate


def messages(text: str) -> list[str]:
    with pytest.raises(LoadFailed) as failure:
        load_text(text, "f.yaml")
    return [str(p) for p in failure.value.problems]


@pytest.mark.parametrize("text, expected", [
    ("country: no\n", "f.yaml:1:10: country: 'no' is a boolean in YAML 1.1 but text in YAML 1.2; write true or false "
                      "for a yes/no value, or \"no\" in quotes for text"),
    ("flag: On\n", "f.yaml:1:7: flag: 'On' is a boolean in YAML 1.1 but text in YAML 1.2; write true or false for "
                   "a yes/no value, or \"On\" in quotes for text"),
    ("published: 2019-02-23\n", "f.yaml:1:12: published: YAML reads 2019-02-23 as a date object; write it in quotes: "
                                "\"2019-02-23\""),
    ("id: 0755\n", "f.yaml:1:5: id: '0755' is read differently by YAML versions; write a plain decimal number, "
                   "or \"0755\" in quotes for text"),
    ("a: 1\na: 2\n", "f.yaml:2:1: a: duplicate key; keep one of the two entries"),
    ("a: &x {k: v}\nb: *x\n", "f.yaml:1:4: b: YAML anchors and aliases are not allowed; write the value out in full"),
    ("<<: {a: 1}\n", "f.yaml:1:1: merge keys (<<) are not allowed; write the keys out in full"),
    ("a: !!python/name:os.system x\n", "f.yaml:1:4: a: the tag tag:yaml.org,2002:python/name:os.system is not allowed; "
                                      "remove it"),
    ("a: [1, 2\n", "f.yaml:2:1: did not find expected ',' or ']'; fix the YAML syntax at this position"),
    ("", "f.yaml:1:1: the file is empty; write the record, or delete the file"),
    ("# only a comment\n", "f.yaml:1:1: the file holds only comments; write the record, or delete the file"),
    ("\ufeffa: 1\n", "f.yaml:1:1: the file starts with a byte-order mark; save it as UTF-8 without BOM"),
    ("a:\n\tb: 1\n", "f.yaml:2:1: tab character; YAML indents with spaces only"),
])
def test_refused_input_is_reported_with_position(text, expected):
    assert messages(text) == [expected]


def test_every_problem_of_a_file_is_reported_at_once():
    assert len(messages("a: no\nb: yes\nc: 2020-01-01\n")) == 3


def test_plain_values_load_as_yaml_1_2():
    loaded = load_text('a: true\nb: "no"\nc: 12\nd: 1.5\ne: null\nf: "2019-02-23"\ng: [x, y]\n', "f.yaml")
    assert loaded.data == {"a": True, "b": "no", "c": 12, "d": 1.5, "e": None, "f": "2019-02-23", "g": ["x", "y"]}


def test_json_loads_through_the_same_loader():
    assert load_text('{"a": [1, "x"], "b": false}', "f.json").data == {"a": [1, "x"], "b": False}


def test_alias_bomb_is_refused_without_expanding(tmp_path: Path):
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i-1}'] * 9)}]" for i in range(1, 10)]
    path = tmp_path / "bomb.yaml"
    path.write_text("\n".join(lines) + "\n")
    with pytest.raises(LoadFailed) as failure:
        load_file(path, "bomb.yaml")
    assert all("aliases are not allowed" in p.message for p in failure.value.problems)


def test_bytes_that_are_not_utf8_are_located(tmp_path: Path):
    path = tmp_path / "latin1.yaml"
    path.write_bytes("title: caf\xe9\n".encode("latin-1"))
    with pytest.raises(LoadFailed) as failure:
        load_file(path, "latin1.yaml")
    assert [str(p) for p in failure.value.problems] == [
        "latin1.yaml:1:11: byte 0xe9 is not valid UTF-8; save the file with UTF-8 encoding"]


def test_locate_points_at_values_keys_and_missing_keys():
    loaded = load_text("claims:\n  - id: c1\n    quote: hi\n  - id: c2\n", "f.yaml")
    assert locate(loaded.root, ("claims", 0, "quote")) == (3, 12, "claims[0].quote")
    assert locate(loaded.root, ("claims", 1, "quote")) == (4, 5, "claims[1].quote")
    assert locate(loaded.root, ("claims",)) == (1, 1, "claims")
    assert locate(loaded.root, ("claims", 0, "occurrence", "int")) == (2, 5, "claims[0].occurrence")


@pytest.mark.parametrize("depth", [101, 200_000])
def test_deep_bracket_nesting_is_refused_before_parsing(depth: int):
    with pytest.raises(LoadFailed) as failure:
        load_text("a: " + "[" * depth + "]" * depth + "\n", "x.yaml")
    assert [str(p) for p in failure.value.problems] == [
        f"x.yaml: brackets nest {depth} deep, over the limit of 100; annotation files need only a few levels"]


def test_deep_block_nesting_is_a_located_problem_not_a_recursion_error():
    text = "a:\n" + "- " * 150 + "x\n"
    with pytest.raises(LoadFailed) as failure:
        load_text(text, "x.yaml")
    assert str(failure.value.problems[0]).endswith("values nest more than 100 levels deep; flatten the structure")


@pytest.mark.parametrize("text, tag", [("a: !!set {x: 1}\n", "tag:yaml.org,2002:set"), ("a: !custom [1]\n", "!custom")])
def test_tags_on_mappings_and_sequences_are_refused(text: str, tag: str):
    with pytest.raises(LoadFailed) as failure:
        load_text(text, "x.yaml")
    assert [str(p) for p in failure.value.problems] == [f"x.yaml:1:4: a: the tag {tag} is not allowed; remove it"]
