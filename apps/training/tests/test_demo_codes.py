"""Every code the demo feed writes is a real one, checked against the reference files kept in the repository."""

import csv
import re

from apps.training import demo, services

FORMACODE_DIR = services.DATA / "formacode"


def _column(path, name) -> set[str]:
    with open(path, encoding="utf-8") as handle:
        return {row[name] for row in csv.DictReader(handle)}


def test_every_formacode_of_the_demo_is_in_the_carif_oref_mapping():
    known = _column(FORMACODE_DIR / "carif_oref_formacode_v14_to_thematiques.csv", "formacode_v14")
    used = {code for programme in demo.PROGRAMMES for code in programme[1]}
    assert used and used <= known, sorted(used - known)


def test_the_public_code_of_the_demo_is_in_the_carif_oref_mapping(tmp_path):
    known = _column(FORMACODE_DIR / "carif_oref_formacode_v14_to_publics.csv", "formacode_v14_public_vise")
    path = tmp_path / "offre.xml"
    demo.write_demo_feed(path, trainings=len(demo.PROGRAMMES))
    text = path.read_text(encoding="utf-8")
    publics = set(re.findall(r"<code-public-vise>(\d+)</code-public-vise>", text))
    formacodes = set(re.findall(r"<code-FORMACODE[^>]*>(\d+)</code-FORMACODE>", text))
    assert publics and publics <= known
    assert formacodes <= _column(FORMACODE_DIR / "carif_oref_formacode_v14_to_thematiques.csv", "formacode_v14")


def test_every_rome_code_of_the_demo_is_a_rome_4_0_job():
    known = _column(services.DATA / "rome" / "rome_fiches.csv", "code_rome")
    used = {code for programme in demo.PROGRAMMES for code in programme[2]}
    assert len(known) == 1584 and used and used <= known, sorted(used - known)
