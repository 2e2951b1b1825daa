"""The frameworks as data: seed 003's coordinators' framework, versions, validation that names field and line."""

import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from apps.core import region_pack
from apps.skills import services
from apps.skills.frameworks import (
    FrameworkError,
    load_default_frameworks,
    parse_json,
    parse_text,
    save_version,
    to_text,
)
from apps.skills.models import SelfAssessment, SkillFramework
from apps.skills.selectors import answered_versions, tree_of

SEED_003_DOMAINS = [
    ("I", "Accueil - Recueil de la demande d'un usager", 9),
    ("II", "Conseil personnalisé - Elaboration du projet d'un usager", 10),
    ("III", "Accompagnement - Mise en œuvre du projet d'un usager", 12),
    ("IV", "Partenariat - Coordination de projets territoriaux et locaux", 20),
    ("V", "Professionnalisation – Formation", 10),
    ("VI", "Communication - Marketing territorial", 16),
    ("VII", "Softs skills - Compétences transverses : Supports – Méthodes", 29),
]


@pytest.mark.django_db
def test_the_framework_of_seed_003_loads_with_its_seven_domains(coordination):
    domains = list(coordination.domains.order_by("position"))
    assert [(d.number, d.title, d.skills.count()) for d in domains] == SEED_003_DOMAINS
    assert coordination.skills().count() == 106
    first, last = coordination.skills().first(), coordination.skills().last()
    assert first.label == "Sensibiliser un usager aux objectifs et aux modalités de délivrance d'un service public"
    assert (last.key, last.label) == ("VII.29", "Outil de GPEC territoriale")
    wanted = coordination.skills().get(key="IV.10")
    assert wanted.label == "Animer un comité de coordination d'un projet territorial pour décider d'un plan d'action"
    assert [lv.value for lv in coordination.levels.all()] == [1, 2, 3, 4]
    assert all(lv.statement for lv in coordination.levels.all())
    assert "janvier 2021" in coordination.source


@pytest.mark.django_db
def test_loading_again_creates_no_version(frameworks):
    again = load_default_frameworks()
    assert [created for _, created in again] == [False, False]
    assert SkillFramework.objects.count() == 2


@pytest.mark.django_db
def test_the_command_loads_a_file_and_refuses_a_broken_one_whole(tmp_path, capsys):
    call_command("load_skill_framework")
    assert "106 compétences" in capsys.readouterr().out
    broken = json.loads((region_pack.current().folder / "frameworks" / "accueil-spro.json").read_text())
    broken["code"] = "autre-referentiel"
    broken["domains"][1]["skills"][0]["label"] = ""
    path = tmp_path / "autre.json"
    path.write_text(json.dumps(broken))
    with pytest.raises(CommandError, match=r"domains\[2\]\.skills\[1\]\.label : ce champ est obligatoire"):
        call_command("load_skill_framework", str(path))
    assert not SkillFramework.objects.filter(code="autre-referentiel").exists()


BASE = {
    "code": "essai",
    "title": "Essai",
    "strong_level": 2,
    "levels": [
        {"value": 1, "label": "Un", "statement": "Premier."},
        {"value": 2, "label": "Deux", "statement": "Second."},
    ],
    "domains": [{"number": "1", "title": "Domaine", "skills": [{"key": "a", "label": "A"}, {"label": "B"}]}],
}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.pop("title"), "title : ce champ est obligatoire."),
        (lambda d: d.update(code="Avec Espaces"), "code : lettres minuscules, chiffres et tirets seulement."),
        (lambda d: d["levels"].pop(), "niveaux : l'échelle compte au moins deux niveaux."),
        (lambda d: d["levels"][1].update(value=3), "niveaux : les niveaux vont de 1 à N sans trou ni doublon."),
        (lambda d: d["levels"][0].update(value="1"), "levels[1].value : un nombre entier est attendu."),
        (lambda d: d.update(domains=[]), "domaines : le référentiel compte au moins un domaine."),
        (lambda d: d["domains"][0]["skills"][1].update(key="a"), "compétence « B » : la clé a est déjà utilisée."),
        (lambda d: d.update(strong_level=5), "niveau pour aider un·e collègue : entre 1 et 2."),
    ],
)
def test_a_framework_file_is_refused_with_the_field_named(change, message):
    data = json.loads(json.dumps(BASE))
    change(data)
    with pytest.raises(FrameworkError) as error:
        parse_json(data)
    assert message in error.value.errors


@pytest.mark.django_db
def test_a_new_skill_never_takes_the_key_of_a_removed_one():
    spec = parse_json(json.loads(json.dumps(BASE)))
    v1, _ = save_version(spec)
    assert [s.key for s in v1.skills()] == ["a", "1.2"]
    v2, _ = save_version(
        parse_text(
            "Niveau 1 | Un | x\nNiveau 2 | Deux | y\n## 1 | Domaine\n- a | A\n- C",
            code="essai",
            title="Essai",
            strong_level=2,
        )
    )
    assert [s.key for s in v2.skills()] == ["a", "1.2-2"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "Niveau 1 | Un | x\nNiveau 2 | Deux | y\n- orpheline",
            "ligne 3 : une compétence suit la ligne « ## » de son domaine.",
        ),
        ("Niveau 1 | Un | x\nNiveau 2 | Deux | y\n## 1 | D\nquoi ?", "ligne 4 : « quoi ? » n'est ni un niveau"),
        (
            "Niveau 1 | Un | x\nNiveau 2 | Deux | y\n##  | D\n- a | A",
            "ligne 3 : un domaine s'écrit « ## numéro | intitulé ».",
        ),
        (
            "Niveau 1 | Un | x\nNiveau 2 | Deux | y\n## 1 | D\n- a | A\n- a | B",
            "ligne 5, compétence « B » : la clé a est déjà utilisée.",
        ),
        ("Niveau 1 | Un | x\nNiveau 2 | Deux | y\n## 1 | Vide", "ligne 3, domaine « Vide » : aucune compétence."),
    ],
)
def test_the_on_screen_text_is_refused_with_the_line_named(text, message):
    with pytest.raises(FrameworkError) as error:
        parse_text(text, code="essai", title="Essai")
    assert any(e.startswith(message) for e in error.value.errors), error.value.errors


@pytest.mark.django_db
def test_the_text_of_a_version_reads_back_as_the_same_version(coordination):
    spec = parse_text(
        to_text(coordination),
        code=coordination.code,
        title=coordination.title,
        audience=coordination.audience,
        source=coordination.source,
    )
    framework, created = save_version(spec)
    assert (framework.pk, created) == (coordination.pk, False)


@pytest.mark.django_db
def test_a_new_version_keeps_old_self_assessments_readable(coordination, personas):
    user = personas["member"]
    old_skill = coordination.skills().get(key="IV.10")
    removed = coordination.skills().get(key="VII.29")
    services.rate(user, old_skill, 2, True)
    services.rate(user, removed, 4, False)

    text = to_text(coordination).replace("- VII.29 | Outil de GPEC territoriale\n", "")
    text = text.replace("- IV.10 | Animer un comité", "- IV.10 | Animer et faire vivre un comité")
    text += "- Animer un atelier en ligne\n"
    spec = parse_text(text, code=coordination.code, title=coordination.title)
    v2, created = save_version(spec, note="Essai")
    coordination.refresh_from_db()
    assert created and v2.version == 2 and v2.is_current and not coordination.is_current
    assert v2.skills().count() == 106  # one removed, one added (with a new key)
    assert v2.skills().get(label="Animer un atelier en ligne").key == "VII.29-2"

    # The old answers are untouched and read against their version, with its wording.
    old = {a.skill.key: (a.skill.label, a.level, a.aspiration) for a in SelfAssessment.objects.filter(user=user)}
    assert old["VII.29"] == ("Outil de GPEC territoriale", 4, False)
    assert old["IV.10"][0].startswith("Animer un comité") and old["IV.10"][1:] == (2, True)
    v1_rows = {row.skill.key: row for d in tree_of(user, coordination) for row in d.rows}
    assert (v1_rows["VII.29"].level, v1_rows["VII.29"].carried_over) == (4, False)
    assert [v["version"] for v in answered_versions(user, coordination.code)] == [1]

    # In the new version, the same key takes the old answer, shown as carried over until saved.
    v2_rows = {row.skill.key: row for d in tree_of(user, v2) for row in d.rows}
    assert (v2_rows["IV.10"].level, v2_rows["IV.10"].aspiration, v2_rows["IV.10"].carried_over) == (2, True, True)
    assert v2_rows["IV.10"].skill.label.startswith("Animer et faire vivre")
    assert "VII.29" not in v2_rows


@pytest.mark.django_db
def test_the_old_version_page_shows_the_old_answers(coordination, personas, client):
    user = personas["member"]
    services.rate(user, coordination.skills().get(key="VII.29"), 4, False)
    text = to_text(coordination).replace("- VII.29 | Outil de GPEC territoriale\n", "")
    save_version(parse_text(text, code=coordination.code, title=coordination.title))
    client.force_login(user)
    page = client.get(f"/professionnalisation/arbre/{coordination.code}/versions/1/")
    assert page.status_code == 200
    assert "Outil de GPEC territoriale" in page.content.decode()
    assert "4 — Transmission" in page.content.decode()
    tree = client.get(f"/professionnalisation/arbre/{coordination.code}/").content.decode()
    assert "Mes réponses à la version 1 (1)" in tree


@pytest.mark.django_db
def test_the_region_makes_a_new_version_on_screen(coordination, as_role):
    client = as_role("region_admin")
    form = client.get(f"/professionnalisation/referentiels/{coordination.code}/nouvelle-version/")
    text = form.context["form"].initial["text"] + "- Tenir un tableau de bord partagé\n"
    response = client.post(
        f"/professionnalisation/referentiels/{coordination.code}/nouvelle-version/",
        {"title": coordination.title, "strong_level": 3, "text": text, "note": "Ajout du tableau de bord"},
    )
    assert response.status_code == 302
    current = SkillFramework.objects.get(code=coordination.code, is_current=True)
    assert current.version == 2 and current.skills().filter(label="Tenir un tableau de bord partagé").exists()
    bad = client.post(
        f"/professionnalisation/referentiels/{coordination.code}/nouvelle-version/",
        {"title": "x", "strong_level": 3, "text": "n'importe quoi"},
    )
    assert bad.status_code == 200
    assert "ligne 1 : « n&#x27;importe quoi » n&#x27;est ni un niveau" in bad.content.decode()
