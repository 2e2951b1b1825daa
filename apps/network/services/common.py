"""Shared by the governance services: the error type and the history author."""


class GovernanceError(Exception):
    """A governance rule refused the operation; the message is shown to the person in French."""


def save_as(obj, by, **kwargs):
    """Save with the author recorded in the history (simple_history reads `_history_user`)."""
    if by is not None and getattr(by, "is_authenticated", False):
        obj._history_user = by
    obj.save(**kwargs)
    return obj


def delete_as(obj, by):
    if by is not None and getattr(by, "is_authenticated", False):
        obj._history_user = by
    obj.delete()
