"""Strict loading of hand-written YAML and JSON files, with positions for every problem.

YAML 1.1 and 1.2 disagree on plain words such as ``no`` and on unquoted dates; a loader that
guesses silently turns a country code into ``False``. This loader refuses every such
ambiguous scalar, duplicate keys, anchors and aliases (no alias bomb can expand), non-UTF-8
bytes and empty files, and reports each with its line and column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ketamine_claims.errors import Problem

try:
    _Loader = yaml.CSafeLoader
except AttributeError:  # PyYAML built without libyaml
    _Loader = yaml.SafeLoader

_TAG = "tag:yaml.org,2002:"
_PLAIN_INT = re.compile(r"[-+]?(0|[1-9][0-9]*)")
_PLAIN_FLOAT = re.compile(r"[-+]?([0-9]+\.[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?")
#: YAML 1.1 tag -> (plain form accepted, conversion, message when refused). Anything else a YAML 1.1 and
#: a YAML 1.2 reader would take differently is refused, with the fix.
_STRICT_SCALARS = {
    "bool": (re.compile("true|false"), lambda value: value == "true",
             "'{value}' is a boolean in YAML 1.1 but text in YAML 1.2; "
             "write true or false for a yes/no value, or \"{value}\" in quotes for text"),
    "int": (_PLAIN_INT, int, "'{value}' is read differently by YAML versions; "
                              "write a plain decimal number, or \"{value}\" in quotes for text"),
    "float": (_PLAIN_FLOAT, float, "'{value}' is not a plain decimal number; write it in quotes if it is text"),
    "timestamp": (None, None, "YAML reads {value} as a date object; write it in quotes: \"{value}\""),
}


@dataclass
class LoadedFile:
    """A parsed file: its data, and the node tree kept to locate later validation errors."""

    path: str
    data: Any
    root: yaml.Node


class LoadFailed(Exception):
    """The file could not be read as strict YAML; `problems` says where and why."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("; ".join(map(str, problems)))


def load_file(path: Path, display_path: str | None = None) -> LoadedFile:
    """Read one YAML or JSON file strictly; raise LoadFailed listing every problem found."""
    shown = display_path or str(path)
    raw = path.read_bytes()
    text = decode_utf8(raw, shown)
    return load_text(text, shown)


def decode_utf8(raw: bytes, shown: str) -> str:
    """Decode bytes as UTF-8 or raise LoadFailed at the first bad byte."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        message = f"byte 0x{raw[error.start]:02x} is not valid UTF-8; save the file with UTF-8 encoding"
        raise LoadFailed([Problem(shown, line, column, "", message)]) from None


def load_text(text: str, shown: str) -> LoadedFile:
    """Parse YAML text strictly; see the module docstring for what is refused."""
    if not text.strip():
        raise LoadFailed([Problem(shown, 1, 1, "", "the file is empty; write the record, or delete the file")])
    if text.startswith("\ufeff"):
        raise LoadFailed([Problem(shown, 1, 1, "", "the file starts with a byte-order mark; save it as UTF-8 without BOM")])
    if (depth := _flow_depth(text)) > MAX_DEPTH:
        raise LoadFailed([Problem(shown, None, None, "", f"brackets nest {depth} deep, over the limit of {MAX_DEPTH}; "
                                                         "annotation files need only a few levels")])
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        what = error.problem or error.context or "invalid YAML"
        if mark is not None and mark.index < len(text) and text[mark.index] == "\t":
            raise LoadFailed([_at(shown, mark, "", "tab character; YAML indents with spaces only")]) from None
        raise LoadFailed([_at(shown, mark, "", f"{what}; fix the YAML syntax at this position")]) from None
    except yaml.YAMLError as error:
        raise LoadFailed([Problem(shown, None, None, "", f"{error}; fix the YAML syntax")]) from None
    if root is None:
        raise LoadFailed([Problem(shown, 1, 1, "", "the file holds only comments; write the record, or delete the file")])
    builder = _Builder(shown)
    data = builder.build(root)
    if builder.problems:
        raise LoadFailed(builder.problems)
    return LoadedFile(shown, data, root)


#: Deepest nesting of lists and mappings accepted; real files need four or five levels, and the
#: limit keeps the C parser and the builder far from stack exhaustion.
MAX_DEPTH = 100
_NOT_A_BRACKET = re.compile(r"[^\[\]{}]+")


def _flow_depth(text: str) -> int:
    """Upper bound of the nesting of flow brackets, counted before parsing (brackets in quotes count too)."""
    depth = deepest = 0
    for bracket in _NOT_A_BRACKET.sub("", text):
        depth = depth + 1 if bracket in "[{" else max(0, depth - 1)
        deepest = max(deepest, depth)
    return deepest


class _Builder:
    """Turns a composed node tree into plain Python values, collecting every strictness problem."""

    def __init__(self, shown: str):
        self.shown = shown
        self.problems: list[Problem] = []
        self.seen: set[int] = set()

    def build(self, node: yaml.Node, field: str = "", depth: int = 0) -> Any:
        if id(node) in self.seen:
            self._problem(node, field, "YAML anchors and aliases are not allowed; write the value out in full")
            return None
        self.seen.add(id(node))
        if depth > MAX_DEPTH:
            self._problem(node, field, f"values nest more than {MAX_DEPTH} levels deep; flatten the structure")
            return None
        if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)):
            default = _TAG + ("map" if isinstance(node, yaml.MappingNode) else "seq")
            if node.tag != default:
                self._problem(node, field, f"the tag {node.tag} is not allowed; remove it")
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, field, depth)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, f"{field}[{index}]", depth + 1) for index, item in enumerate(node.value)]
        return self._scalar(node, field)

    def _mapping(self, node: yaml.MappingNode, field: str, depth: int) -> dict:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == _TAG + "merge":
                self._problem(key_node, field, "merge keys (<<) are not allowed; write the keys out in full")
                continue
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != _TAG + "str":
                self._problem(key_node, field, "keys must be plain words; write the key as text")
                continue
            key = key_node.value
            child = f"{field}.{key}" if field else key
            if key in result:
                self._problem(key_node, child, "duplicate key; keep one of the two entries")
                continue
            result[key] = self.build(value_node, child, depth + 1)
        return result

    def _scalar(self, node: yaml.ScalarNode, field: str) -> Any:
        tag, value = node.tag.removeprefix(_TAG), node.value
        if tag == "str":
            return value
        if tag == "null":
            return None
        accepted, convert, fix = _STRICT_SCALARS.get(tag, (None, None, "the tag {tag} is not allowed; remove it"))
        if accepted is not None and not node.style and accepted.fullmatch(value):  # plain style is None or ""
            return convert(value)
        self._problem(node, field, fix.format(value=value, tag=node.tag))
        return value

    def _problem(self, node: yaml.Node, field: str, message: str) -> None:
        self.problems.append(_at(self.shown, node.start_mark, field, message))


def _at(shown: str, mark: Any, field: str, message: str) -> Problem:
    if mark is None:
        return Problem(shown, None, None, field, message)
    return Problem(shown, mark.line + 1, mark.column + 1, field, message)


def locate(root: yaml.Node, loc: tuple) -> tuple[int, int, str]:
    """Walk a validation error location through the node tree.

    Returns the 1-based line and column to report, and the field path in ``claims[3].quote``
    form. A scalar is reported at its value, a collection at its key. A missing key ends the
    walk at its parent; parts that match nothing (union branch names added by the validator)
    are skipped.
    """
    node, anchor, field = root, root, ""
    for part in loc:
        if isinstance(node, yaml.MappingNode) and isinstance(part, str):
            field = f"{field}.{part}" if field else part
            pair = next((pair for pair in node.value if pair[0].value == part), None)
            if pair is None:
                break
            key_node, node = pair
            anchor = node if isinstance(node, yaml.ScalarNode) else key_node
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
            node = anchor = node.value[part]
            field = f"{field}[{part}]"
    return anchor.start_mark.line + 1, anchor.start_mark.column + 1, field
