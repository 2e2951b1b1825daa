"""The territories side by side for the Région: one row per territory's panorama of a month, then the Région."""

from dataclasses import dataclass

from apps.indicators.tables import format_value

from .display import PanoramaView
from .networks import KEY_NETWORKS


@dataclass
class SideBySide:
    columns: list[str]
    rows: list[dict]  # {"label", "code", "is_total", "cells": [text]}


def side_by_side(panoramas) -> SideBySide:
    columns = [
        "Habitants",
        "Lieux pour 10 000 habitants",
        "Heures d'ouverture par semaine",
        "Premiers accueils de résidents pour 1 000 habitants",
        "Fiches navettes reçues d'autres territoires",
        "Fiches navettes envoyées vers d'autres territoires",
        "Professionnel·les formé·es",
    ] + [f"Population à plus de 30 km : {network.label}" for network in KEY_NETWORKS]
    rows = []
    for panorama in panoramas:
        view = PanoramaView(panorama.territory, panorama.month, panorama.figures)
        figures = {figure.key: figure for figure in view.all_figures()}
        coverage = {row["key"]: row for row in view.coverage_rows()}
        cells = [
            figures["population"].text,
            figures["places_per_10000"].text,
            figures["hours_per_week"].text,
            figures["receptions_per_1000"].text,
            figures["referrals_in"].text if "referrals_in" in figures else "—",
            figures["referrals_out"].text if "referrals_out" in figures else "—",
            figures["professionals_trained"].text,
        ]
        for network in KEY_NETWORKS:
            share = coverage.get(network.key, {}).get("share_30")
            cells.append("—" if share is None else f"{format_value(100 * share)}\u202f%")
        rows.append(
            {
                "label": view.name,
                "code": panorama.territory.code if panorama.territory else "",
                "is_total": panorama.territory is None,
                "cells": cells,
            }
        )
    return SideBySide(columns, rows)
