"""The fast schema check must agree with jsonschema on every record it sees."""

import copy
import random

import pytest

from apps.directory.exchange.schema import describe, fast_check, load_schema, schema_errors, validator

SERVICE = {
    "source": "partenaire",
    "id": "partenaire--1",
    "structure_id": "partenaire--s",
    "nom": "Un service",
    "description": "Une description suffisante.",
    "date_maj": "2025-01-02",
    "publics": ["jeunes"],
    "thematiques": ["se-former--trouver-sa-formation"],
    "modes_accueil": ["en-presentiel"],
    "zone_eligibilite": ["2A"],
    "courriel": "contact@partenaire.example",
    "lien_mobilisation": "https://partenaire.example",
    "latitude": 41.9,
    "nombre_semaines": 2,
}
VALUES = [
    None,
    "",
    "ab",
    "abcd",
    "x" * 151,
    0,
    1,
    -1,
    2.5,
    1.0,
    True,
    [],
    ["jeunes"],
    ["jeunes", "jeunes"],
    ["zz"],
    {},
    "2025-02-30",
    "2025-01-01",
    "a@b",
    "nope",
    "https://x.example",
    "http:/x",
    "www.x.example",
    "41",
    "2A004",
    "france",
    ["france"],
    ["41", "2A"],
    ["4"],
    ["actifs", "tous-publics"],
    "gratuit",
    "payant",
]


@pytest.mark.parametrize("kind", ["structure", "service"])
def test_fast_check_agrees_with_jsonschema(kind):
    check, strict = fast_check(kind), validator(kind)
    assert check is not None
    names = list(load_schema(kind)["properties"])
    base = SERVICE if kind == "service" else {"source": "p", "id": "p--1", "nom": "Structure", "date_maj": "2025-01-01"}
    rng = random.Random(7)
    for _ in range(3000):
        record = copy.deepcopy(base)
        for _ in range(rng.randint(1, 3)):
            name = rng.choice(names)
            if rng.random() < 0.1:
                record.pop(name, None)
            else:
                record[name] = rng.choice(VALUES + [["mission-locale"], "12345678901234"])
        assert check(record) == strict.is_valid(record), record


def test_messages_are_french():
    record = dict(SERVICE, nom="ab", latitude="nord", thematiques=["zz"], courriel="x", date_maj="hier")
    del record["description"]
    messages = sorted(" : ".join(describe(e)) for e in schema_errors("service", record))
    assert messages == [
        "champ « courriel » : « x » n'est pas une adresse e-mail valide.",
        "champ « date_maj » : « hier » n'est pas une date valide (format AAAA-MM-JJ attendu).",
        "champ « description » : obligatoire.",
        "champ « latitude » : doit être un nombre ou vide (null).",
        "champ « nom » : doit contenir au moins 3 caractères.",
        "champ « thematiques » (élément n° 1) : valeur « zz » absente du vocabulaire data·inclusion.",
    ]
