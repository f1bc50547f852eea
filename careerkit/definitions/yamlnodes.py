"""Read a YAML definition file into plain data plus the line:col of every value and key.

Only plain YAML is accepted: mappings, lists, text, numbers, true/false and null. Tags such as
`!!python/object`, merge keys, duplicate keys, several documents, deep nesting and alias bombs
are refused with a problem that names the place, never an exception from the parser.
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass, field
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import CollectionEndEvent, CollectionStartEvent
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from careerkit.errors import Problem

Path = tuple[str | int, ...]
_CORE = "tag:yaml.org,2002:"
_MAX_VALUES = 20_000
_MAX_DEPTH = 50
_MAX_BYTES = 1_000_000
_SCALAR_KINDS = ("str", "timestamp", "null", "bool", "int", "float")


@dataclass
class Positions:
    """Where each value (and each mapping key) sits in the file, 1-based."""

    values: dict[Path, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path, tuple[int, int]] = field(default_factory=dict)

    def find(self, path: Path, *, key: bool = False) -> tuple[int, int]:
        """Position of `path` (its key when `key`), or of its nearest ancestor that has one."""
        table = self.keys if key else self.values
        if path in table:
            return table[path]
        for cut in range(len(path) - 1, -1, -1):
            if path[:cut] in self.values:
                return self.values[path[:cut]]
        return (1, 1)


def field_name(path: Path) -> str:
    """`pages[0].questions[2].kind` from a path."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


class _Refused(Exception):
    def __init__(self, node: Node, path: Path, message: str) -> None:
        self.node, self.path, self.message = node, path, message


def read_yaml(text: str, filename: str) -> tuple[Any, Positions, list[Problem]]:
    """Parse `text`; return (data, positions, problems). Data is None when problems were found."""
    if len(text.encode("utf-8", "replace")) > _MAX_BYTES:
        return None, Positions(), [Problem(filename, 1, 1, "", "file is larger than 1 MB")]
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # e.g. a reused anchor name; harmless here
            node = YAML(typ="safe", pure=True).compose(text)
    except MarkedYAMLError as exc:
        return None, Positions(), [_syntax_problem(exc, filename)]
    except YAMLError as exc:
        return None, Positions(), [Problem(filename, 1, 1, "", f"not valid YAML: {exc}")]
    except RecursionError:
        return None, Positions(), [_too_deep(text, filename)]
    if node is None:
        msg = "the file is empty (it has only blank lines or comments)"
        return None, Positions(), [Problem(filename, 1, 1, "", msg)]
    builder = _Builder()
    try:
        data = builder.build(node, ())
    except _Refused as exc:
        mark = exc.node.start_mark
        line, col = mark.line + 1, mark.column + 1
        return None, Positions(), [Problem(filename, line, col, field_name(exc.path), exc.message)]
    return data, builder.positions, []


def _syntax_problem(exc: MarkedYAMLError, filename: str) -> Problem:
    """A parser error in plain words, placed where the mistake most likely is."""
    problem, context = str(exc.problem or ""), str(exc.context or "")
    mark = exc.problem_mark or exc.context_mark
    if exc.context_mark is not None and ("end of stream" in problem or "simple key" in context):
        mark = exc.context_mark  # where the unclosed quote or the key without ':' starts
    line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    what = " ".join(s for s in (context, problem) if s)
    hint = _syntax_hint(problem, context)
    message = f"not valid YAML: {hint} ({what})" if hint else f"not valid YAML: {what}"
    return Problem(filename, line, col, "", message)


def _syntax_hint(problem: str, context: str) -> str:
    if "quoted scalar" in context:
        return "a quote opened here is never closed; add the closing quote"
    if "'\\t'" in problem:
        return "indent with spaces, not tabs"
    if "cannot start any token" in problem:
        return "put text that starts with this character in quotes"
    if "mapping values are not allowed" in problem:
        return "put text that contains ': ' in quotes, or check the indentation"
    if "simple key" in context:
        return "each line needs `field: value`, or '- ' for a list item"
    if "flow mapping" in context or "flow sequence" in context:
        return "check that every { and [ is closed and items are separated by commas"
    if "expected <block end>" in problem and "'<scalar>'" in problem:
        return "more text follows a value; wrap text that holds quotes in the other kind of quote"
    if "expected <block end>" in problem:
        return "check the indentation: fields of the same item must start in the same column"
    if "another document" in problem:
        return "remove the `---` line and everything after it, or move it to its own file"
    if "undefined alias" in problem:
        return "a '*' at the start of a value must name an earlier '&' anchor; quote the text"
    return ""


def _too_deep(text: str, filename: str) -> Problem:
    """Find where lists or mappings nest too deeply, without recursion."""
    depth = 0
    line = col = 1
    try:
        for event in YAML(typ="safe", pure=True).parse(text):
            if isinstance(event, CollectionStartEvent):
                depth += 1
                if depth > _MAX_DEPTH + 1:  # the top-level mapping is not nested
                    line, col = event.start_mark.line + 1, event.start_mark.column + 1
                    break
            elif isinstance(event, CollectionEndEvent):
                depth -= 1
    except (YAMLError, RecursionError):
        pass
    return Problem(filename, line, col, "", f"lists or mappings nest more than {_MAX_DEPTH} deep")


def _tag(node: Node) -> str:
    tag = getattr(node.tag, "value", node.tag)
    return str(tag)


def _not_allowed(tag: str) -> str:
    shown = tag.replace(_CORE, "!!")
    return f"tag '{shown}' is not allowed; use plain text, numbers, lists and mappings"


class _Builder:
    def __init__(self) -> None:
        self.positions = Positions()
        self.count = 0

    def build(self, node: Node, path: Path) -> Any:
        self.count += 1
        if self.count > _MAX_VALUES:
            msg = (
                f"the file expands to more than {_MAX_VALUES} values; aliases (*name) that "
                "repeat each other cause this: write the values out instead"
            )
            raise _Refused(node, path, msg)
        if len(path) > _MAX_DEPTH:
            raise _Refused(node, (), f"lists or mappings nest more than {_MAX_DEPTH} deep")
        self.positions.values[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        tag = _tag(node)
        if isinstance(node, MappingNode) and tag == _CORE + "map":
            return self._mapping(node, path)
        if isinstance(node, SequenceNode) and tag == _CORE + "seq":
            return [self.build(child, (*path, i)) for i, child in enumerate(node.value)]
        if isinstance(node, ScalarNode):
            return _scalar(node, tag, path)
        raise _Refused(node, path, _not_allowed(tag))

    def _mapping(self, node: MappingNode, path: Path) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            tag = _tag(key_node)
            if tag == _CORE + "merge":
                msg = "merge keys ('<<') are not supported; write the fields out"
                raise _Refused(key_node, path, msg)
            if not isinstance(key_node, ScalarNode):
                raise _Refused(key_node, path, "a field name must be plain text")
            if tag.removeprefix(_CORE) not in _SCALAR_KINDS:
                raise _Refused(key_node, path, _not_allowed(tag))
            key = str(key_node.value)
            if key in out:
                first = self.positions.keys[(*path, key)]
                msg = f"duplicate field '{key}' (first at line {first[0]}); keep only one"
                raise _Refused(key_node, (*path, key), msg)
            self.positions.keys[(*path, key)] = (
                key_node.start_mark.line + 1,
                key_node.start_mark.column + 1,
            )
            out[key] = self.build(value_node, (*path, key))
        return out


def _scalar(node: ScalarNode, tag: str, path: Path) -> Any:
    value = str(node.value)
    kind = tag.removeprefix(_CORE)
    if kind in ("str", "timestamp"):
        return value
    if kind == "null":
        return None
    if kind == "bool":
        return value.lower() in ("true", "yes", "on")
    if kind not in ("int", "float"):
        raise _Refused(node, path, _not_allowed(tag))
    cleaned = value.replace("_", "").lower().replace(".inf", "inf").replace(".nan", "nan")
    try:
        number: float = int(cleaned, 0) if kind == "int" else float(cleaned)
    except ValueError:
        try:
            number = int(cleaned)  # leading zeros, e.g. 007, are fine in YAML but not for int(, 0)
        except ValueError:
            msg = f"'{value}' looks like a number but cannot be read; write it as text in quotes"
            raise _Refused(node, path, msg) from None
    if isinstance(number, float) and not math.isfinite(number):
        msg = f"'{value}' is not a usable number; write a plain number such as 1 or -0.5"
        raise _Refused(node, path, msg)
    return number
