#!/usr/bin/env python
"""Django's command-line utility for dxmon (the `dxmon` console script does the same)."""

import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dxmon.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
