"""The key networks of the coverage, mapped to the directory's networks in this one place.

Each key network is a group of directory network codes (`Network.code`): the coverage measures, for every
commune, the distance to the nearest public place of a structure of one of those networks.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class KeyNetwork:
    key: str  # stable identifier used in the stored figures, the API and the URLs
    label: str  # short French label for tables
    network_codes: tuple[str, ...]  # Network.code values of the directory


KEY_NETWORKS: tuple[KeyNetwork, ...] = (
    KeyNetwork("mission-locale", "Mission locale", ("mission-locale",)),
    KeyNetwork("cio", "CIO", ("cio",)),
    KeyNetwork("france-travail", "France Travail", ("france-travail",)),
    KeyNetwork("cap-emploi", "Cap emploi", ("cap-emploi",)),
    KeyNetwork("cep-actifs-occupes", "CEP des actifs occupés", ("cep-actifs-occupes",)),
    KeyNetwork("information-jeunesse", "Information Jeunesse", ("information-jeunesse",)),
)
BY_KEY = {network.key: network for network in KEY_NETWORKS}
KEYS = tuple(network.key for network in KEY_NETWORKS)


def key_of_network_code() -> dict[str, str]:
    """Directory network code → key network (only the networks the coverage measures)."""
    return {code: network.key for network in KEY_NETWORKS for code in network.network_codes}
