"""Switching packs is safe: a database holds the data of one Région, the one of its first load."""

from apps.core import region_pack
from apps.core.models import RegionStamp


class OtherRegionError(Exception):
    """Loading this pack would mix two Régions' data in one database."""


def claim(pack: region_pack.Pack) -> RegionStamp:
    """The database's stamp, written on the first load; refused when the database holds another Région's data."""
    from apps.geo.models import Territory

    stamp = RegionStamp.objects.first()
    if stamp is None:
        own = {t["code"] for t in pack.read_json("territories")["territories"]}
        foreign = Territory.objects.exclude(kind=Territory.Kind.REGION).exclude(code__in=own)
        if foreign.exists():  # a database loaded before the stamp existed, by another pack
            raise OtherRegionError(_refusal(pack, "une autre région (territoires SPRO différents)"))
        return RegionStamp.objects.create(code=pack.code, name=pack.name)
    if stamp.code != pack.code:
        raise OtherRegionError(_refusal(pack, f"la région {stamp.name} ({stamp.code})"))
    return stamp


def _refusal(pack: region_pack.Pack, holder: str) -> str:
    return (
        f"Chargement refusé : cette base contient déjà les données de {holder}. Le pack {pack.name} ({pack.code}) "
        "ne peut pas y être chargé sans mélanger deux régions. Utilisez une base vide (DATABASE_URL) ou revenez "
        f"au pack de cette base (SPRO_REGION)."
    )
