"""What an entry of the indicators' catalogue says: its family, and each indicator's definition."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Family:
    code: str
    title: str
    question: str


@dataclass(frozen=True)
class Indicator:
    code: str
    family: str
    name: str
    definition: str
    formula: str
    sources: tuple[str, ...]
    unit: str
    breakdowns: tuple[str, ...]
    protected: bool = True  # counts of people: small numbers are masked outside the structure itself
    note: str = ""
