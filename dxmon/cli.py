"""The `dxmon` console script: one CLI that dispatches to Django management commands.

`dxmon units load ...` runs the management command `units` with `load ...`; every Django command
(`dxmon migrate`, `dxmon runserver`) works too, so there is one code path.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dxmon.settings")
    from django.core.management import execute_from_command_line

    args = list(sys.argv[1:] if argv is None else argv)
    execute_from_command_line(["dxmon", *args])


if __name__ == "__main__":
    main()
