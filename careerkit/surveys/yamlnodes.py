"""Read a YAML definition file into plain data plus the line:col of every value and key.

Only plain YAML is accepted: mappings, lists, text, numbers, true/false and null. Tags such as
`!!python/object`, duplicate keys, several documents and alias bombs are refused with a problem
that names the place, never an exception from the parser.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..errors import Problem

Path = tuple[str | int, ...]
_CORE = "tag:yaml.org,2002:"
_MAX_VALUES = 20_000
_MAX_BYTES = 1_000_000


@dataclass
class Positions:
    """Where each value (and each mapping key) sits in the file, 1-based."""

    values: dict[Path, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path, tuple[int, int]] = field(default_factory=dict)

    def find(self, path: Path, *, key: bool = False) -> tuple[int, int]:
        """Position of `path`, or of its nearest ancestor that has one."""
        table = self.keys if key else self.values
        if path in table:
            return table[path]
        for cut in range(len(path) - 1, -1, -1):
            if path[:cut] in self.values:
                return self.values[path[:cut]]
        return (1, 1)


class _Refused(Exception):
    def __init__(self, node: Node, message: str) -> None:
        self.node, self.message = node, message


def read_yaml(text: str, filename: str) -> tuple[Any, Positions, list[Problem]]:
    """Parse `text`; return (data, positions, problems). Data is None when problems were found."""
    if len(text.encode("utf-8", "replace")) > _MAX_BYTES:
        return None, Positions(), [Problem(filename, 1, 1, "", "file is larger than 1 MB")]
    try:
        node = YAML(typ="safe", pure=True).compose(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = " ".join(str(s) for s in (exc.context, exc.problem) if s)
        return None, Positions(), [Problem(filename, line, col, "", f"not valid YAML: {what}")]
    except YAMLError as exc:
        return None, Positions(), [Problem(filename, 1, 1, "", f"not valid YAML: {exc}")]
    if node is None:
        return None, Positions(), [Problem(filename, 1, 1, "", "the file is empty")]
    builder = _Builder()
    try:
        data = builder.build(node, ())
    except _Refused as exc:
        mark = exc.node.start_mark
        return None, Positions(), [Problem(filename, mark.line + 1, mark.column + 1, "", exc.message)]
    return data, builder.positions, []


def _tag(node: Node) -> str:
    tag = getattr(node.tag, "value", node.tag)
    return str(tag)


class _Builder:
    def __init__(self) -> None:
        self.positions = Positions()
        self.count = 0

    def build(self, node: Node, path: Path) -> Any:
        self.count += 1
        if self.count > _MAX_VALUES:
            raise _Refused(node, f"more than {_MAX_VALUES} values (check for repeated aliases)")
        self.positions.values[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        tag = _tag(node)
        if isinstance(node, MappingNode) and tag == _CORE + "map":
            return self._mapping(node, path)
        if isinstance(node, SequenceNode) and tag == _CORE + "seq":
            return [self.build(child, (*path, i)) for i, child in enumerate(node.value)]
        if isinstance(node, ScalarNode):
            return _scalar(node, tag)
        shown = tag.replace(_CORE, "!!")
        raise _Refused(node, f"tag '{shown}' is not allowed; use plain text, numbers and lists")

    def _mapping(self, node: MappingNode, path: Path) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if _tag(key_node) == _CORE + "merge":
                raise _Refused(key_node, "merge keys ('<<') are not supported; write the fields out")
            if not isinstance(key_node, ScalarNode):
                raise _Refused(key_node, "a key must be plain text")
            key = str(key_node.value)
            if key in out:
                first = self.positions.keys[(*path, key)]
                raise _Refused(key_node, f"duplicate key '{key}' (first at line {first[0]})")
            self.positions.keys[(*path, key)] = (
                key_node.start_mark.line + 1,
                key_node.start_mark.column + 1,
            )
            out[key] = self.build(value_node, (*path, key))
        return out


def _scalar(node: ScalarNode, tag: str) -> Any:
    value = str(node.value)
    kind = tag.removeprefix(_CORE)
    if kind in ("str", "timestamp"):
        return value
    if kind == "null":
        return None
    if kind == "bool":
        return value.lower() in ("true", "yes", "on")
    if kind == "int":
        cleaned = value.replace("_", "")
        try:
            return int(cleaned)
        except ValueError:
            return int(cleaned, 0)
    if kind == "float":
        number = float(value.replace("_", "").replace(".inf", "inf").replace(".nan", "nan"))
        if math.isfinite(number):
            return number
        raise _Refused(node, f"'{value}' is not a usable number")
    raise _Refused(node, f"tag '!!{kind}' is not allowed; use plain text, numbers and lists")
