"""The `careerkit` command: one module per command family, each a thin call into the package."""

from .main import build_parser, main

__all__ = ["build_parser", "main"]
