"""Fictional people of the demo: one plausible first and last name for every demo account.

The names are invented combinations of common French first and last names; none is meant to be a real
person. Members of structures get the pair (FIRST_NAMES[i % F], LAST_NAMES[i % L]) for the i-th structure:
F and L are coprime, so the pairs never repeat before F × L accounts (2,520). The other demo people
(region admin, support team, coordinators, Région staff) take last names that are not in LAST_NAMES, so no
two demo accounts share a display name (tested in apps/directory/tests/test_demo_calendar.py).
"""

from math import gcd

ADMIN_NAME = ("Camille", "Vidal")  # region admin (admin@demo.spro.example)
SUPPORT_NAME = ("Dominique", "Fabre")  # support team (appui@demo.spro.example)

FIRST_NAMES = [
    "Adrien", "Agathe", "Alice", "Amandine", "Anaïs", "Arnaud", "Aurore", "Baptiste", "Cécile", "Chloé",
    "Damien", "Delphine", "Émilie", "Étienne", "Fabien", "Florence", "Gaëlle", "Grégoire", "Hélène", "Irène",
    "Jérémy", "Justine", "Laure", "Lucie", "Ludovic", "Marion", "Mathilde", "Maxime", "Noémie", "Pauline",
    "Pierre", "Quentin", "Rachid", "Romane", "Samia", "Sébastien", "Sophie", "Stéphane", "Valentin", "Yasmine",
]  # fmt: skip
LAST_NAMES = [
    "Adam", "Aubert", "Bailly", "Baron", "Bertin", "Besson", "Blanchard", "Bonnet", "Boucher", "Bouvier",
    "Caron", "Chauvin", "Chevalier", "Colin", "Cordier", "Da Silva", "Deschamps", "Diallo", "Dubois", "Dupuis",
    "Durand", "Fleury", "Fontaine", "Fournier", "Gaillard", "Gauthier", "Gilbert", "Hamon", "Hervé", "Hubert",
    "Jacob", "Joly", "Lacroix", "Laurent", "Leclerc", "Lebrun", "Legrand", "Lemoine", "Leroy", "Lucas",
    "Mallet", "Mercier", "Meunier", "Meyer", "Michaud", "Moreau", "Noël", "Pasquier", "Picard", "Poirier",
    "Rey", "Rivière", "Rolland", "Sanchez", "Schmitt", "Tessier", "Vincent", "Weber", "Bertrand", "Charpentier",
    "Maréchal", "Ouvrard", "Prévost",
]  # fmt: skip

assert gcd(len(FIRST_NAMES), len(LAST_NAMES)) == 1, "the pairs would repeat"
assert len(set(FIRST_NAMES)) == len(FIRST_NAMES) and len(set(LAST_NAMES)) == len(LAST_NAMES)


def member_name(index: int) -> tuple[str, str]:
    """The (first name, last name) of the demo member account of the index-th structure."""
    return FIRST_NAMES[index % len(FIRST_NAMES)], LAST_NAMES[index % len(LAST_NAMES)]
