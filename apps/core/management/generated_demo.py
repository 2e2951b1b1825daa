"""A generated demo directory for a region pack without a curated one (demo.generated = true in region.toml).

No organisation is invented: every structure is named « Structure de démonstration générée », placed in a seat
commune of a SPRO territory (COG), with one service per network that the pack's routing rules name, so the
search and the assistant find something. The pages say that the directory is generated (GENERATED_NOTICE).
"""

from apps.core import region_pack
from apps.core.region_pack import GENERATED_NOTICE
from apps.geo.models import Territory

DEFAULT_PER_TERRITORY = 6


def directory(pack: region_pack.Pack) -> dict:
    """The demo directory, in the format of a curated demo/directory.json."""
    networks = {n["code"]: n["label"] for n in pack.read_json("vocabularies")["networks"]}
    rules = pack.read_json("routing_rules")["rules"]
    chosen = list(dict.fromkeys(r["network"] for r in rules if r["network"] in networks))
    chosen = chosen[: pack.demo.get("structures_per_territory", DEFAULT_PER_TERRITORY)]
    templates = {code: [_template(code, networks[code], rules)] for code in chosen}
    structures = []
    for territory in Territory.objects.exclude(kind=Territory.Kind.REGION).prefetch_related("seats").order_by("code"):
        seat = territory.seats.order_by("code").first()
        if seat is None:
            continue
        for code in chosen:
            structures.append(_structure(code, networks[code], territory, seat))
    return {"about": GENERATED_NOTICE, "service_templates": templates, "structures": structures, "remote_doors": []}


def _template(code: str, label: str, rules: list[dict]) -> dict:
    """One service per network: the publics and themes its routing rules send to it."""
    own = [r for r in rules if r["network"] == code]
    return {
        "key": "accueil",
        "name": f"Accueil, information et conseil — {label}",
        "description": "Service de démonstration généré : il reprend les publics et les thèmes que les règles "
        "d'aiguillage de la région confient à ce réseau. Aucune structure réelle n'est décrite.",
        "statuses": sorted({s for r in own for s in r.get("statuses", [])}),
        "themes": sorted({t for r in own for t in r.get("themes", [])}),
        "info_types": ["lieu-accueil"],
        "cep_level": max((r.get("cep_level") or 1 for r in own), default=1),
        "access_modes": ["appointment", "phone"],
    }


def _structure(code: str, label: str, territory: Territory, seat) -> dict:
    return {
        "key": f"{code}-{territory.code}"[:50],
        "name": f"Structure de démonstration générée — {label}, {seat.name}",
        "network": code,
        "territory": territory.code,
        "description": GENERATED_NOTICE,
        "places": [
            {
                "name": f"Lieu de démonstration généré — {seat.name}",
                "address": "Adresse de démonstration",
                "commune": seat.code,
            }
        ],
        "services": ["accueil"],
    }
