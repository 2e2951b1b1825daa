def load() -> int:
    """Demo data of the network governance (filled by the governance work)."""
    return 0
