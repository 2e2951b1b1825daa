"""Deadlines in working days (French public holidays excluded): the rule lives in apps/core/workdays.py."""

from apps.core.workdays import add_working_days

__all__ = ["add_working_days"]
