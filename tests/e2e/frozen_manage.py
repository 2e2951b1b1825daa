"""`manage.py` under the tests' fixed clock (ticking from tests.clock.FROZEN_NOW).

The browser tests' server is a subprocess: it cannot share the test process's frozen clock, so
migrate, load_demo and runserver (with --noreload: one process) start through this wrapper.
"""

import os
import sys
from pathlib import Path

import time_machine

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.clock import FROZEN_NOW  # noqa: E402

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
    from django.core.management import execute_from_command_line

    with time_machine.travel(FROZEN_NOW, tick=True):
        execute_from_command_line(["manage.py", *sys.argv[1:]])
