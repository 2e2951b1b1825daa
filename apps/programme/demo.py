def load() -> int:
    """Demo data of the support programme (filled by the programme work)."""
    return 0
