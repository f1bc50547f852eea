"""Models rebuilt from data careerkit validated and dumped itself, without validating again.

A survey kernel reads its survey from the cache (`cache.py`), which holds only what
`Survey.model_validate` accepted and `model_dump_json` wrote. Validating it again would make
pydantic build its validators for the whole survey tree in every participant's kernel (about
2 MiB each); rebuilding with `model_construct` needs none. The rebuild still checks the shape:
every key a field of its model, every required field present, every value of its field's type
and every `kind` a known one. Anything else raises `Unfit` and the caller validates the source.
"""

from __future__ import annotations

import types
import typing
from typing import Any, Literal, TypeVar, get_args, get_origin

from pydantic import BaseModel

M = TypeVar("M", bound=BaseModel)
_SCALARS: tuple[type, ...] = (bool, int, float, str)


class Unfit(ValueError):
    """The data does not have the shape of the model; validate it instead."""


def rebuild(model: type[M], data: Any) -> M:
    """`model` from `data` as `model_dump(mode="json")` gives it; Unfit if it has another shape."""
    built = _value(model, data, model.__name__)
    assert isinstance(built, model)  # noqa: S101  (_value builds exactly the model it is given)
    return built


def _value(tp: Any, value: Any, where: str) -> Any:
    origin = get_origin(tp)
    if origin is typing.Annotated:
        return _value(get_args(tp)[0], value, where)
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return _model(tp, value, where)
    if origin in (typing.Union, types.UnionType):
        if value is None and type(None) in get_args(tp):
            return None
        return _value(_member(get_args(tp), value, where), value, where)
    if origin is tuple:
        if not isinstance(value, list) or get_args(tp)[1:] != (Ellipsis,):
            raise Unfit(f"{where}: expected a list")
        return tuple(_value(get_args(tp)[0], v, f"{where}[{i}]") for i, v in enumerate(value))
    if origin is dict:
        key_type, value_type = get_args(tp)
        if not isinstance(value, dict):
            raise Unfit(f"{where}: expected a mapping")
        return {
            _value(key_type, k, where): _value(value_type, v, f"{where}.{k}")
            for k, v in value.items()
        }
    if origin is Literal:
        if value not in get_args(tp):
            raise Unfit(f"{where}: {value!r} is not one of {get_args(tp)}")
        return value
    if tp is float and type(value) is int:
        return float(value)
    if tp in _SCALARS and type(value) is tp:
        return value
    raise Unfit(f"{where}: {value!r} is not a {getattr(tp, '__name__', tp)}")


def _model(model: type[BaseModel], value: Any, where: str) -> BaseModel:
    if not isinstance(value, dict):
        raise Unfit(f"{where}: expected a mapping")
    fields = model.model_fields
    unknown = set(value) - set(fields)
    missing = [name for name, info in fields.items() if info.is_required() and name not in value]
    if unknown or missing:
        raise Unfit(f"{where}: unknown {sorted(unknown)}, missing {missing}")
    built = {
        name: _value(fields[name].annotation, v, f"{where}.{name}") for name, v in value.items()
    }
    return model.model_construct(**built)


def _member(members: tuple[Any, ...], value: Any, where: str) -> Any:
    """The member of a union that `value` was dumped from (a model is told by its `kind`)."""
    present = [m for m in members if m is not type(None)]
    if isinstance(value, dict):
        models = [m for m in present if isinstance(m, type) and issubclass(m, BaseModel)]
        if len(models) == 1:
            return models[0]
        for m in models:
            kind = m.model_fields.get("kind")
            if kind is not None and value.get("kind") in get_args(kind.annotation):
                return m
    elif isinstance(value, list):
        for m in present:
            if get_origin(m) is tuple:
                return m
    else:
        for m in present:
            if m in _SCALARS and type(value) is m:
                return m
        if float in present and type(value) is int:
            return float
    raise Unfit(f"{where}: {value!r:.60} fits none of the allowed kinds")
