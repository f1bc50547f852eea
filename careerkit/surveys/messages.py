"""Turn pydantic's validation errors into `file:line:col: field: message` problems."""

from __future__ import annotations

import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from ..errors import Problem
from .yamlnodes import Path, Positions


def problems_from(
    exc: ValidationError, root: type[BaseModel], data: Any, pos: Positions, filename: str
) -> list[Problem]:
    """One problem per pydantic error, placed on the key or value it is about."""
    out: list[Problem] = []
    errors = exc.errors(include_url=False)
    for err in errors:
        kind = err["type"]
        if kind == "too_short" and _is_consequence(err["loc"], errors):
            continue  # items that failed are not counted; their own errors say what is wrong
        path, model = _data_path(err["loc"], data, root)
        if kind == "union_tag_invalid" and isinstance(data_at(data, path), dict):
            path = (*path, "kind")
        on_key = kind == "extra_forbidden"
        line, col = pos.find(path if kind != "missing" else path[:-1], key=on_key)
        out.append(Problem(filename, line, col, field_name(path), _message(err, path, model)))
    return out


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


def placed(
    locs: list[tuple[Path, str]], data: Any, pos: Positions, filename: str
) -> list[Problem]:
    """Problems for (path, message) pairs found by cross-checks on a valid model."""
    result = []
    for loc, message in locs:
        line, col = pos.find(loc)
        result.append(Problem(filename, line, col, field_name(loc), message))
    return result


def field_name(path: Path) -> str:
    """`pages[0].questions[2].kind` from a path."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def _data_path(loc: tuple[Any, ...], data: Any, root: type[BaseModel]) -> tuple[Path, Any]:
    """Follow pydantic's loc through the data, dropping union tags.

    Returns the path in the file and the model that holds the last step (for its field names).
    """
    path: list[str | int] = []
    node: Any = data
    holder: Any = root
    current: Any = root
    for part in loc:
        if isinstance(node, dict) and part in node:
            holder, node = current, node[part]
            current = _resolve(_field_type(current, str(part)), node)
        elif isinstance(node, list) and isinstance(part, int) and part < len(node):
            holder, node = current, node[part]
            current = _resolve(_item_type(current), node)
        elif isinstance(part, str) and ("[" in part or (isinstance(node, dict) and node.get("kind") == part)):
            continue  # a union tag or validator name, not a place in the file
        else:
            holder = current
            path.append(part)
            break
        path.append(part)
    return tuple(path), holder


def _unwrap(annotation: Any) -> Any:
    while typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    return annotation


def _field_type(model: Any, name: str) -> Any:
    model = _unwrap(model)
    if isinstance(model, type) and issubclass(model, BaseModel) and name in model.model_fields:
        return model.model_fields[name].annotation
    if typing.get_origin(model) is dict:
        return typing.get_args(model)[1]
    return None


def _item_type(container: Any) -> Any:
    container = _unwrap(container)
    if typing.get_origin(container) in (tuple, list):
        return typing.get_args(container)[0]
    return None


def _resolve(annotation: Any, value: Any) -> Any:
    """Pick the model a tagged or optional union uses for `value`."""
    annotation = _unwrap(annotation)
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        options = [_unwrap(a) for a in typing.get_args(annotation) if a is not type(None)]
        kind = value.get("kind") if isinstance(value, dict) else None
        for option in options:
            if isinstance(option, type) and issubclass(option, BaseModel):
                tag = option.model_fields.get("kind")
                if tag is None or kind in typing.get_args(tag.annotation):
                    return option
        return options[0] if len(options) == 1 else annotation
    return annotation


def _allowed(model: Any) -> str:
    model = _unwrap(model)
    if isinstance(model, type) and issubclass(model, BaseModel):
        return ", ".join(model.model_fields)
    return ""


def _message(err: Any, path: Path, model: Any) -> str:
    kind, ctx, given = err["type"], err.get("ctx", {}), err.get("input")
    name = path[-1] if path else ""
    if kind == "missing":
        return f"required field is missing; add `{name}:`"
    if kind == "extra_forbidden":
        allowed = _allowed(model)
        hint = f"; allowed here: {allowed}" if allowed else "; check the spelling"
        return f"unknown field '{name}'{hint}"
    if kind == "union_tag_invalid":
        expected = str(ctx.get("expected_tags", "")).replace("'", "")
        return f"expected one of {expected} (got {ctx.get('tag')!r})"
    if kind == "union_tag_not_found":
        return f"add `{ctx.get('discriminator', 'kind').strip(chr(39))}:` (one of likert, choice, multi, text)"
    if kind == "literal_error":
        expected = str(ctx.get("expected", "")).replace("'", "")
        return f"expected one of {expected} (got {given!r})"
    if kind == "string_pattern_mismatch":
        return f"use lower-case letters, digits and '_', starting with a letter (got {given!r})"
    if kind in ("string_too_short", "too_short") and ctx.get("min_length", 1) == 1 and isinstance(given, str):
        return "must not be empty"
    if kind == "too_short":
        return f"needs at least {ctx.get('min_length')} item(s)"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return f"expected a mapping of `field: value` lines (got {_shown(given)})"
    if kind in ("tuple_type", "list_type"):
        return f"expected a list of '- ' items (got {_shown(given)})"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"expected a whole number (got {_shown(given)})"
    if kind in ("bool_type", "bool_parsing"):
        return f"expected true or false (got {_shown(given)})"
    if kind in ("string_type",):
        return f"expected text (got {_shown(given)})"
    if kind == "value_error":
        return str(err["msg"]).removeprefix("Value error, ")
    msg = str(err["msg"])
    return f"{msg[0].lower()}{msg[1:]} (got {_shown(given)})" if msg else "is not valid"


def _shown(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."
