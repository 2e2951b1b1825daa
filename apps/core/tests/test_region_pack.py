"""The region pack: the default pack is valid; a broken pack is rejected with file, field and line."""

import json
import shutil

import pytest
from django.core.management import CommandError, call_command

from apps.core import region_pack


@pytest.fixture
def broken_copy(tmp_path, monkeypatch):
    """A copy of the default pack in a temporary regions/ folder, to break."""
    regions = tmp_path / "regions"
    shutil.copytree(region_pack.REGIONS_DIR / "24", regions / "24")
    monkeypatch.setattr(region_pack, "REGIONS_DIR", regions)
    region_pack.load_pack.cache_clear()
    yield regions / "24"
    region_pack.load_pack.cache_clear()


@pytest.mark.parametrize("code", region_pack.available_codes())
def test_every_pack_of_the_repository_is_valid(code, capsys):
    call_command("check_region_pack", code)
    assert f"Pack regions/{code}/ valide" in capsys.readouterr().out


def _replace(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_broken_pack_is_rejected_naming_file_field_and_line(broken_copy, capsys):
    _replace(broken_copy / "region.toml", 'number = "0 800 222 100"', 'number = "numéro vert"')
    _replace(broken_copy / "region.toml", 'primary = "#1f3a68"', 'primary = "#9a9a9a"')
    _replace(broken_copy / "region.toml", 'publisher = "Région', 'editeur = "Région')
    _replace(
        broken_copy / "territories.json",
        '"kind": "bassin", "departement": "28", "seats": ["28085"]',
        '"kind": "canton", "departement": "28", "seats": ["41018"]',
    )
    _replace(broken_copy / "routing_rules.json", '"network": "mission-locale"', '"network": "reseau-inconnu"')
    with pytest.raises(CommandError, match=r"Pack regions/24/ : 7 erreur\(s\)\."):
        call_command("check_region_pack", "24")
    toml = (broken_copy / "region.toml").read_text(encoding="utf-8").splitlines()

    def line(start: str) -> int:
        return next(number for number, text in enumerate(toml, 1) if text.startswith(start))

    assert capsys.readouterr().err.splitlines() == [
        f"regions/24/region.toml, ligne {line('number =')}, champ « phone_line.number » : valeur « numéro vert » au "
        "mauvais format (attendu : ^0( ?[0-9]){9}$).",
        f"regions/24/region.toml, ligne {line('[legal]')}, champ « legal.publisher » : champ obligatoire absent.",
        f"regions/24/region.toml, ligne {line('editeur =')}, champ « legal.editeur » : champ inconnu (editeur) : "
        "vérifiez son orthographe.",
        f"regions/24/region.toml, ligne {line('primary =')}, champ « identity.colours.primary » : contraste 2.8:1 sur "
        "fond blanc, moins que les 4.5:1 exigés.",
        "regions/24/territories.json, ligne 5, champ « territories.1.kind » : valeur « canton » inconnue (valeurs "
        "possibles : departement, bassin).",
        "regions/24/territories.json, ligne 5, champ « territories.1.seats.0 » : la commune 41018 n'est pas dans le "
        "département 28.",
        "regions/24/routing_rules.json, ligne 4, champ « rules.0.network » : le réseau « reseau-inconnu » n'est pas "
        "dans vocabularies.json.",
    ]


def test_a_json_syntax_error_names_its_line(broken_copy):
    _replace(broken_copy / "pre_interview_grid.json", '"questions": [', '"questions": [,')
    errors = region_pack.check_pack("24")
    assert [(e.file, e.line) for e in errors] == [("regions/24/pre_interview_grid.json", 3)]
    assert "JSON invalide" in errors[0].message


def test_an_unknown_pack_stops_the_start_with_the_available_ones():
    with pytest.raises(
        region_pack.RegionPackError, match=r"regions/99/region.toml.*pack introuvable \(packs disponibles : 24"
    ):
        region_pack.load_pack("99")


def test_json_positions_name_the_line_of_each_value():
    text = '{\n  "a": [\n    {"b": 1},\n    {"b": [2,\n 3]}\n  ]\n}'
    positions = region_pack.json_positions(text)
    assert json.loads(text)["a"][1]["b"][1] == 3
    assert text[positions[("a", 1, "b", 1)]] == "3"
    assert text.count("\n", 0, positions[("a", 0, "b")]) + 1 == 3


@pytest.mark.parametrize(
    ("colour", "ratio"), [("#ffffff", 1.0), ("#000000", 21.0), ("#1f3a68", 11.3), ("#767676", 4.5)]
)
def test_contrast_on_white(colour, ratio):
    assert round(region_pack.contrast_on_white(colour), 1) == ratio
