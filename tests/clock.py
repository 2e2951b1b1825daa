"""The one fixed instant every test runs at (tests never depend on today's date).

A Thursday whose reply deadline (5 working days) falls in the next month, December: month names with
an accent (décembre, février, août) are printed by the pages and e-mails under test.
"""

from datetime import datetime
from zoneinfo import ZoneInfo

FROZEN_NOW = datetime(2026, 11, 26, 10, 0, tzinfo=ZoneInfo("Europe/Paris"))
