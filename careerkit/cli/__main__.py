"""`python -m careerkit.cli`: the same as the `careerkit` command."""

import sys

from .main import main

sys.exit(main())
