"""What a panorama shows: its stored figures turned into labelled values with source, date and method,
small counts of people masked (the panorama is public).

Used by the page, the PDF and the API alike, so the three always say the same thing.
"""

from dataclasses import dataclass, field
from datetime import date, datetime

from django.utils import timezone

from apps.indicators.filters import month_label
from apps.indicators.measures.base import Median, Ratio
from apps.indicators.tables import NOT_PUBLISHED, SMALL, format_value, protect_value

from .coverage import THRESHOLDS_KM
from .networks import BY_KEY, KEY_NETWORKS

SOURCES = {
    "population": "INSEE, population municipale des communes (fichier des communes COG 2026, Licence Ouverte 2.0)",
    "directory": "Annuaire du SPRO : lieux d'accueil publics des structures actives",
    "receptions": "Premiers accueils enregistrés par les structures du SPRO (indicateurs CAP-1, CAP-2)",
    "referrals": "Fiches navettes envoyées entre les structures du SPRO (indicateurs DP-1, DP-8)",
    "programme": "Programme d'appui aux acteurs : présences aux sessions",
    "training": "Offre de formation (carte des formations)",
    "coverage": "Calcul de la plateforme : annuaire du SPRO et coordonnées des communes (INSEE, IGN, DILA)",
}
DISTANCE_BANDS = [("near", "20 km ou moins"), ("mid", "plus de 20 km et jusqu'à 30 km"), ("far", "plus de 30 km")]


@dataclass
class Figure:
    key: str
    label: str
    value: object  # raw or masked (Masked, Ratio, Median, int, float, None)
    kind: str = "count"
    unit: str = ""
    source: str = ""
    date: str = ""
    method: str = ""  # anchor of the method page
    note: str = ""

    @property
    def text(self) -> str:
        if self.value is None:
            return "—"
        if self.kind == "hours":
            return f"{format_value(float(self.value))}\u202fh"
        if self.kind == "decimal":
            return format_value(float(self.value))
        return format_value(self.value, self.kind)

    @property
    def masked(self) -> bool:
        return self.value in (SMALL, NOT_PUBLISHED)

    def export(self):
        """The value written in JSON or CSV: a number, a masked marker text, or None."""
        value = self.value
        if self.masked:
            return str(value)
        if isinstance(value, Ratio):
            if value.value is None:
                return None
            return round(1000 * value.value, 2) if self.kind == "per_thousand" else round(value.value, 4)
        if isinstance(value, Median):
            return value.days
        return value


@dataclass
class Section:
    key: str
    title: str
    figures: list[Figure] = field(default_factory=list)
    rows: list[dict] = field(default_factory=list)
    note: str = ""


def people(value: int | None):
    """A count of people, masked from 1 to 4."""
    return None if value is None else protect_value(value)


def per_thousand(part: int, base: int | None):
    if not base:
        return None
    return protect_value(Ratio(part, base), "per_thousand")


def median(days, count):
    return protect_value(Median(days, count), "days")


def computed_on(figures: dict) -> str:
    stamp = figures.get("computed_at")
    if not stamp:
        return ""
    return timezone.localtime(datetime.fromisoformat(stamp)).strftime("%d/%m/%Y")


@dataclass
class PanoramaView:
    """A stored panorama, ready to be shown."""

    territory: object  # Territory or None (the Région)
    month: date
    figures: dict

    @property
    def name(self) -> str:
        return self.territory.name if self.territory else "Région"

    @property
    def month_label(self) -> str:
        return month_label(self.month)

    @property
    def computed_on(self) -> str:
        return computed_on(self.figures)

    @property
    def period_label(self) -> str:
        return self.figures.get("activity", {}).get("period", {}).get("label", "")

    @property
    def population(self) -> int:
        return self.figures.get("population", {}).get("value", 0)

    def population_figures(self) -> list[Figure]:
        population = self.figures.get("population", {})
        return [
            Figure(
                "population",
                "Habitants",
                population.get("value"),
                source=SOURCES["population"],
                date="COG 2026",
                method="population",
            ),
            Figure(
                "communes",
                "Communes",
                population.get("communes"),
                source=SOURCES["population"],
                date="COG 2026",
                method="population",
            ),
        ]

    def offer_rows(self) -> list[dict]:
        return self.figures.get("offer", {}).get("rows", [])

    def offer_figures(self) -> list[Figure]:
        offer = self.figures.get("offer", {})
        day = self.computed_on
        return [
            Figure(
                "places", "Lieux d'accueil", offer.get("places"), source=SOURCES["directory"], date=day, method="lieux"
            ),
            Figure(
                "places_per_10000",
                "Lieux pour 10 000 habitants",
                offer.get("per_10000"),
                kind="decimal",
                source=SOURCES["directory"],
                date=day,
                method="lieux",
            ),
            Figure(
                "hours_per_week",
                "Heures d'ouverture par semaine (tous les lieux)",
                offer.get("hours_per_week"),
                kind="hours",
                source=SOURCES["directory"],
                date=day,
                method="horaires",
                note=f"{offer.get('without_hours', 0)} lieu(x) sans horaires renseignés",
            ),
        ]

    def activity_figures(self) -> list[Figure]:
        activity = self.figures.get("activity", {})
        period = self.period_label
        flows = activity.get("referrals", {})
        delays = activity.get("delays", {})
        answer = delays.get("delay_answer", {})
        appointment = delays.get("delay_appointment", {})
        result = [
            Figure(
                "receptions",
                "Premiers accueils par les structures du territoire",
                people(activity.get("receptions")),
                source=SOURCES["receptions"],
                date=period,
                method="premiers-accueils",
            ),
            Figure(
                "receptions_per_1000",
                "Premiers accueils de résidents pour 1 000 habitants",
                per_thousand(activity.get("residents_received", 0), self.population),
                kind="per_thousand",
                source=SOURCES["receptions"],
                date=period,
                method="premiers-accueils",
            ),
        ]
        if self.territory is not None:
            result += [
                Figure(
                    "referrals_in",
                    "Fiches navettes reçues d'autres territoires",
                    people(flows.get("in")),
                    source=SOURCES["referrals"],
                    date=period,
                    method="fiches-navettes",
                ),
                Figure(
                    "referrals_out",
                    "Fiches navettes envoyées vers d'autres territoires",
                    people(flows.get("out")),
                    source=SOURCES["referrals"],
                    date=period,
                    method="fiches-navettes",
                ),
            ]
        result += [
            Figure(
                "referrals_inside",
                "Fiches navettes entre structures du territoire" if self.territory else "Fiches navettes",
                people(flows.get("inside")),
                source=SOURCES["referrals"],
                date=period,
                method="fiches-navettes",
            ),
            Figure(
                "delay_answer",
                "Délai médian de réponse à une fiche reçue",
                median(answer.get("days"), answer.get("count", 0)),
                kind="days",
                source=SOURCES["referrals"],
                date=period,
                method="fiches-navettes",
            ),
            Figure(
                "delay_appointment",
                "Délai médian jusqu'au premier rendez-vous tenu",
                median(appointment.get("days"), appointment.get("count", 0)),
                kind="days",
                source=SOURCES["referrals"],
                date=period,
                method="fiches-navettes",
            ),
        ]
        return result

    def trained_figures(self) -> list[Figure]:
        trained = self.figures.get("trained", {})
        period = self.period_label
        return [
            Figure(
                "professionals_trained",
                "Professionnel·les formé·es par le programme d'appui",
                people(trained.get("professionals")),
                source=SOURCES["programme"],
                date=period,
                method="professionnels",
            ),
            Figure(
                "structures_trained",
                "Structures représentées aux sessions",
                trained.get("structures"),
                source=SOURCES["programme"],
                date=period,
                method="professionnels",
            ),
        ]

    def training_figures(self) -> list[Figure]:
        training = self.figures.get("training")
        if not training:
            return []
        source = training.get("source") or SOURCES["training"]
        return [
            Figure(
                "training_sessions",
                "Sessions de formation",
                training.get("sessions"),
                source=source,
                date=self.period_label,
                method="formation",
            ),
            Figure(
                "training_trainings",
                "Formations différentes",
                training.get("trainings"),
                source=source,
                date=self.period_label,
                method="formation",
            ),
        ]

    def coverage_rows(self) -> list[dict]:
        """One row per key network: population beyond 20 and 30 km, its share, the furthest distance."""
        coverage = self.figures.get("coverage", {}).get("networks", {})
        rows = []
        for network in KEY_NETWORKS:
            entry = coverage.get(network.key)
            if not entry:
                continue
            row = {"key": network.key, "label": network.label, "max_km": entry.get("max_km")}
            for threshold in THRESHOLDS_KM:
                beyond = entry["beyond"][str(threshold)]
                row[f"population_{threshold}"] = beyond["population"]
                row[f"share_{threshold}"] = beyond["share"]
                row[f"communes_{threshold}"] = beyond["communes"]
                share = beyond["share"]
                row[f"pct_{threshold}"] = "—" if share is None else f"{format_value(100 * share)}\u202f%"
            rows.append(row)
        return rows

    def furthest(self, key: str) -> list[dict]:
        return self.figures.get("coverage", {}).get("networks", {}).get(key, {}).get("furthest", [])

    def all_figures(self) -> list[Figure]:
        return (
            self.population_figures()
            + self.offer_figures()
            + self.activity_figures()
            + self.trained_figures()
            + self.training_figures()
        )


def km_text(km: float | None) -> str:
    """ "12,3" (one decimal, French); "—" without a place."""
    return "—" if km is None else f"{km:.1f}".replace(".", ",")


def band(km: float | None) -> str:
    if km is None:
        return "none"
    if km <= 20:
        return "near"
    return "mid" if km <= 30 else "far"


def map_points(coverage_rows, key: str) -> list[dict]:
    """One point per commune, coloured by its distance band to the key network (for the map component)."""
    label = BY_KEY[key].label
    points = []
    for code, name, _population, lat, lon, distances in coverage_rows:
        km = distances.get(key)
        detail = f"Lieu le plus proche ({label}) : {km_text(km)} km" if km is not None else f"Aucun lieu ({label})"
        points.append({"lat": lat, "lon": lon, "label": f"{name} ({code})", "detail": detail, "colour": band(km)})
    return points


def age_structure(series_values) -> list[dict]:
    """The territory's own series named "population-age-…" (imported by the Région), latest period of each."""
    from .series import AGE_PREFIX

    latest: dict[str, object] = {}
    for value in series_values:
        if value.area_kind != "territory" or not value.series.startswith(AGE_PREFIX):
            continue
        if value.series not in latest or value.period > latest[value.series].period:
            latest[value.series] = value
    return [
        {
            "label": f"{name[len(AGE_PREFIX) :]} ans",
            "value": value.value.normalize(),
            "unit": value.unit,
            "period": value.period,
            "source": value.source,
            "licence": value.licence,
        }
        for name, value in sorted(latest.items())
    ]
