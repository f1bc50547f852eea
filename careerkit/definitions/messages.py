"""Turn pydantic's validation errors into `file:line:col: field: message` problems."""

from __future__ import annotations

import dataclasses
import difflib
import types
import typing
from typing import Any

import annotated_types
from pydantic import BaseModel, ValidationError

from careerkit.errors import Problem
from careerkit.model import QUESTION_KINDS, Option

from .yamlnodes import Path, Positions, field_name

__all__ = ["data_at", "field_name", "placed", "problems_from"]

_KINDS = ", ".join(QUESTION_KINDS)
_TYPE_ERRORS = {
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "float_type": "a number",
    "float_parsing": "a number",
    "string_type": "text",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "tuple_type": "a list of '- ' items",
    "list_type": "a list of '- ' items",
    "dict_type": "a mapping of `field: value` lines",
    "model_type": "a mapping of `field: value` lines",
    "model_attributes_type": "a mapping of `field: value` lines",
}


def problems_from(
    exc: ValidationError, root: type[BaseModel], data: Any, pos: Positions, filename: str
) -> list[Problem]:
    """One problem per pydantic error, placed on the key or value it is about."""
    errors = exc.errors(include_url=False)
    bad_keys = [tuple(e["loc"][:-1]) for e in errors if e["loc"] and e["loc"][-1] == "[key]"]
    wanted: dict[Path, list[str]] = {}  # `int | str` fields fail once per member: say it once
    out: dict[Path, Problem] = {}
    for err in errors:
        kind, loc = err["type"], tuple(err["loc"])
        if kind == "too_short" and _is_consequence(loc, errors):
            continue  # items that failed are not counted; their own errors say what is wrong
        if loc[-1:] != ("[key]",) and any(loc[: len(k)] == k for k in bad_keys):
            continue  # the key itself is wrong; what is missing under it does not matter yet
        step = _data_path(loc, data, root)
        path = step.path
        if kind in ("union_tag_invalid", "union_tag_not_found") and isinstance(
            data_at(data, path), dict
        ):
            path = (*path, "kind")
        if step.union_member and kind in _TYPE_ERRORS:
            wanted.setdefault(path, []).append(_TYPE_ERRORS[kind])
            if len(wanted[path]) > 1:
                choices = " or ".join(dict.fromkeys(wanted[path]))
                message = f"expected {choices} (got {_shown(err.get('input'))})"
                out[path] = dataclasses.replace(out[path], message=message)
                continue
        message = _message(err, path, step, data)
        if message:
            line, col = _place(kind, path, data, pos, on_key="[key]" in loc)
            out.setdefault(path, Problem(filename, line, col, field_name(path), message))
    if not out:  # never report "not valid" without a place
        return [Problem(filename, 1, 1, "", f"not valid ({exc.error_count()} error(s))")]
    return list(out.values())


def _place(kind: str, path: Path, data: Any, pos: Positions, *, on_key: bool) -> tuple[int, int]:
    """Unknown fields and wrong keys point at the key; missing fields at their parent."""
    if kind == "missing":
        return pos.find(path[:-1])
    if on_key or kind == "extra_forbidden":
        return pos.find(path, key=True)
    value = data_at(data, path)
    if (value is None or isinstance(value, dict | list)) and path in pos.keys:
        return pos.keys[path]  # an empty value, or a whole mapping or list: show its key
    return pos.find(path)


def _is_consequence(loc: tuple[Any, ...], errors: list[Any]) -> bool:
    n = len(loc)
    return any(len(e["loc"]) > n and tuple(e["loc"][:n]) == tuple(loc) for e in errors)


def data_at(data: Any, path: Path) -> Any:
    """The value at `path`, or None when the path leaves the data."""
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def placed(locs: list[tuple[Path, str]], data: Any, pos: Positions, filename: str) -> list[Problem]:
    """Problems for (path, message) pairs found by cross-checks on a valid model."""
    result = []
    for loc, message in locs:
        line, col = _place("value_error", loc, data, pos, on_key=False)
        result.append(Problem(filename, line, col, field_name(loc), message))
    return result


class _Step(typing.NamedTuple):
    path: Path
    holder: Any  # the model (or container type) that holds the last step
    target: Any  # the type expected at the last step
    union_member: bool  # the error is about one member of an `int | str` style union


def _data_path(loc: tuple[Any, ...], data: Any, root: type[BaseModel]) -> _Step:
    """Follow pydantic's loc through the data, dropping union tags and validator names."""
    path: list[str | int] = []
    node: Any = data
    holder: Any = root
    current: Any = root
    member = False
    for part in loc:
        members = _union_members(current)
        if len(members) > 1 and isinstance(part, str):
            current = _member(members, part)  # a union tag or member name, not a place
            member = True
            continue
        if isinstance(part, str) and part.startswith(("[", "function-")):
            continue  # '[key]' of a dict key, or a validator's name
        if isinstance(node, dict) and part in node:
            holder, node = current, node[part]
            current = _field_type(current, str(part))
        elif isinstance(node, list) and isinstance(part, int) and part < len(node):
            holder, node = current, node[part]
            current = _item_type(current)
        else:
            holder, current = current, _field_type(current, str(part))
            path.append(part)
            break
        path.append(part)
    return _Step(tuple(path), holder, current, member)


def _unwrap(annotation: Any) -> Any:
    while typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    return annotation


def _union_members(annotation: Any) -> list[Any]:
    """The non-None members of a union, or [annotation] itself."""
    annotation = _unwrap(annotation)
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        return [_unwrap(a) for a in typing.get_args(annotation) if a is not type(None)]
    return [annotation]


def _member(members: list[Any], tag: str) -> Any:
    for option in members:
        if isinstance(option, type) and issubclass(option, BaseModel):
            kind = option.model_fields.get("kind")
            if kind is not None and tag in typing.get_args(kind.annotation):
                return option
        if getattr(option, "__name__", None) == tag:
            return option
    return None


def _field_type(model: Any, name: str) -> Any:
    members = _union_members(model)
    model = members[0] if len(members) == 1 else None
    if isinstance(model, type) and issubclass(model, BaseModel) and name in model.model_fields:
        return model.model_fields[name].annotation
    if typing.get_origin(model) is dict:
        return typing.get_args(model)[1]
    return None


def _item_type(container: Any) -> Any:
    members = _union_members(container)
    container = members[0] if len(members) == 1 else None
    if typing.get_origin(container) in (tuple, list):
        return typing.get_args(container)[0]
    return None


def _model(annotation: Any) -> type[BaseModel] | None:
    members = _union_members(annotation)
    found = members[0] if len(members) == 1 else None
    return found if isinstance(found, type) and issubclass(found, BaseModel) else None


def _bounds(holder: Any, name: Any) -> str:
    """'from 2 to 11' for a field declared with ge=2, le=11, or '' when unknown."""
    model = _model(holder)
    if model is None or not isinstance(name, str) or name not in model.model_fields:
        return ""
    low = high = ""
    for rule in model.model_fields[name].metadata:
        if isinstance(rule, annotated_types.Ge):
            low = f"at least {rule.ge:g}"
        elif isinstance(rule, annotated_types.Gt):
            low = f"more than {rule.gt:g}"
        elif isinstance(rule, annotated_types.Le):
            high = f"at most {rule.le:g}"
        elif isinstance(rule, annotated_types.Lt):
            high = f"less than {rule.lt:g}"
    if low.startswith("at least") and high.startswith("at most"):
        return f"from {low.removeprefix('at least ')} to {high.removeprefix('at most ')}"
    return " and ".join(s for s in (low, high) if s)


def _message(err: Any, path: Path, step: _Step, data: Any) -> str:
    kind, ctx, given = err["type"], err.get("ctx", {}), err.get("input")
    name = path[-1] if path else ""
    label = data_at(data, path[:-1])
    if _model(step.holder) is Option and name == "id" and isinstance(label, str):
        if not label.strip():
            return ""  # the label's own problem ("must not be empty") says it all
        return (
            f"cannot make an option id from the label {label!r}; write this option as "
            f"`{{id: some_id, label: {label}}}` (id: lower-case letters, digits and '_')"
        )
    if kind == "missing":
        return f"required field is missing; add `{name}:`"
    if kind == "extra_forbidden":
        return _unknown_field(str(name), step.holder)
    if kind == "union_tag_invalid":
        written = data_at(data, path)
        if written is None:
            return f"is empty; write one of {_KINDS}"
        return f"expected one of {_KINDS} (got {_shown(written)}){_guess(written, QUESTION_KINDS)}"
    if kind == "union_tag_not_found":
        return f"required field is missing; add `kind:` (one of {_KINDS})"
    if kind == "literal_error":
        expected = str(ctx.get("expected", "")).replace("'", "").replace(" or ", ", ")
        return f"expected one of {expected} (got {given!r}){_guess(given, expected.split(', '))}"
    if kind == "string_pattern_mismatch":
        msg = f"use lower-case letters, digits and '_', starting with a letter (got {given!r})"
        suggestion = _as_id(given)
        return f"{msg}; for example '{suggestion}'" if suggestion else msg
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "string_too_long":
        size = len(given) if isinstance(given, str) else "more"
        return f"is too long: at most {ctx.get('max_length')} characters (it has {size})"
    if kind == "too_short":
        count = len(given) if isinstance(given, list | tuple | dict) else 0
        return f"needs at least {_items(ctx.get('min_length'))} (it has {count})"
    if kind == "too_long":
        return f"has too many items: at most {ctx.get('max_length')}"
    if kind in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
        allowed = _bounds(step.holder, name) or str(err["msg"]).removeprefix("Input should be ")
        return f"must be {allowed} (got {_shown(given)})"
    if kind == "model_type" and _model(step.target) is Option:
        quote = f" in quotes ('{given}')" if isinstance(given, int | float | bool) else ""
        return (
            f"write each option as text{quote} or as `{{id: some_id, label: Some text}}` "
            f"(got {_shown(given)})"
        )
    if kind in _TYPE_ERRORS:
        if given is None:
            return f"is empty; write {_TYPE_ERRORS[kind]} after `{name}:`"
        hint = ""
        if kind == "string_type" and isinstance(given, int | float | bool):
            shown = str(given).lower() if isinstance(given, bool) else given
            hint = f"; put it in quotes: '{shown}'"
        return f"expected {_TYPE_ERRORS[kind]} (got {_shown(given)}){hint}"
    if kind == "value_error":
        return str(err["msg"]).removeprefix("Value error, ")
    msg = str(err["msg"])
    return f"{msg[0].lower()}{msg[1:]} (got {_shown(given)})" if msg else "is not valid"


def _unknown_field(name: str, holder: Any) -> str:
    model = _model(holder)
    if model is None:
        return f"unknown field '{name}'; check the spelling"
    allowed = list(model.model_fields)
    close = difflib.get_close_matches(name, allowed, n=1)
    guess = f"did you mean '{close[0]}'? " if close else ""
    return f"unknown field '{name}'; {guess}allowed here: {', '.join(allowed)}"


def _guess(written: Any, choices: typing.Sequence[str]) -> str:
    """'; did you mean 'likert'?' when `written` is a near miss of one of `choices`."""
    if not isinstance(written, str):
        return ""
    close = difflib.get_close_matches(written, choices, n=1)
    return f"; did you mean '{close[0]}'?" if close else ""


def _items(count: Any) -> str:
    return f"{count} item" if count == 1 else f"{count} items"


def _as_id(value: Any) -> str:
    """A usable id close to what was written ('Next Role' -> 'next_role'), or ''."""
    if not isinstance(value, str):
        return ""
    words = "".join(ch if ch.isascii() and ch.isalnum() else " " for ch in value.lower()).split()
    slug = "_".join(words)[:64]
    return slug if slug[:1].isalpha() else ""


def _shown(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list | tuple):
        return "a list"
    if value is None:
        return "nothing"
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."
