"""The talent tree: ratings with history, experiences and tools (uploads checked), endorsements by signed link."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from apps.skills import selectors, services
from apps.skills.models import AssessmentEvent, Endorsement, Evidence, SelfAssessment

from .conftest import member_of

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.mark.django_db
def test_the_tree_form_saves_levels_and_wishes_and_keeps_the_history(coordination, as_role, personas):
    client = as_role("coordinator")
    skill = coordination.skills().get(key="IV.10")
    other = coordination.skills().get(key="I.1")
    url = "/professionnalisation/arbre/coordination-spro/"
    assert (
        client.post(url, {f"level_{skill.pk}": "2", f"wish_{skill.pk}": "on", f"level_{other.pk}": "4"}).status_code
        == 302
    )
    mine = {a.skill.key: (a.level, a.aspiration) for a in SelfAssessment.objects.filter(user=personas["coordinator"])}
    assert mine == {"IV.10": (2, True), "I.1": (4, False)}
    client.post(url, {f"level_{skill.pk}": "2", f"wish_{skill.pk}": "on", f"level_{other.pk}": "4"})  # no change
    assert AssessmentEvent.objects.count() == 2
    with time_machine.travel(timezone.now() + timedelta(days=30)):
        client.post(url, {f"level_{skill.pk}": "3", f"level_{other.pk}": "4"})
        history = selectors.history_of(personas["coordinator"], "coordination-spro")
    assert [(p.average, p.rated, p.wishes) for p in history] == [(3.0, 2, 1), (3.5, 2, 0)]
    page = client.get(url).content.decode()
    assert "data:image/svg+xml;base64," in page and "<caption>Mon arbre par domaine</caption>" in page
    assert client.get(url + "historique/").status_code == 200
    assert client.post(url, {f"level_{skill.pk}": "9"}).status_code == 200  # not a level of the scale: refused
    assert SelfAssessment.objects.get(user=personas["coordinator"], skill=skill).level == 3


def _upload(name, content, content_type="application/pdf"):
    return SimpleUploadedFile(name, content, content_type=content_type)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("upload", "error"),
    [
        (_upload("compte-rendu.pdf", PDF), None),
        (_upload("page.html", b"<html></html>", "text/html"), "html\xa0» n’est pas autorisée"),
        (_upload("faux.pdf", b"<script>alert(1)</script>"), "n'est pas un PDF"),
        (_upload("photo.png", b"GIF89a..."), "n'est pas une image PNG"),
        (_upload("gros.pdf", PDF + b"0" * (5 * 1024 * 1024)), "Le fichier dépasse 5 Mo."),
    ],
)
def test_an_uploaded_file_is_checked_for_size_type_and_content(coordination, as_role, personas, upload, error):
    skill = coordination.skills().get(key="IV.10")
    response = as_role("member").post(
        f"/professionnalisation/competences/{skill.pk}/",
        {"kind": "tool", "title": "Trame de comité", "file": upload},
    )
    if error is None:
        assert response.status_code == 302
        evidence = Evidence.objects.get()
        assert as_role("member").get(f"/professionnalisation/preuves/{evidence.pk}/fichier/").status_code == 200
    else:
        assert response.status_code == 200 and not Evidence.objects.exists()
        assert error in response.content.decode().replace("&#x27;", "'").replace("&quot;", '"')


@pytest.mark.django_db
def test_an_experience_needs_some_content_and_its_file_is_its_owners_only(coordination, as_role, ml_blaisois):
    skill = coordination.skills().get(key="IV.10")
    client = as_role("member")
    empty = client.post(f"/professionnalisation/competences/{skill.pk}/", {"kind": "experience", "title": "Rien"})
    assert "Ajoutez un récit, un lien ou un fichier" in empty.content.decode()
    client.post(
        f"/professionnalisation/competences/{skill.pk}/",
        {"kind": "tool", "title": "Trame", "file": _upload("trame.pdf", PDF)},
    )
    evidence = Evidence.objects.get()
    client.force_login(member_of(ml_blaisois, "collegue@test.spro.example"))
    assert client.get(f"/professionnalisation/preuves/{evidence.pk}/fichier/").status_code == 404
    assert client.post(f"/professionnalisation/preuves/{evidence.pk}/supprimer/").status_code == 404
    assert Evidence.objects.exists()


def _ask(client, skill, email):
    client.post(f"/professionnalisation/competences/{skill.pk}/recommandation/", {"colleague_email": email})
    return re.search(r"/professionnalisation/recommandation/[^/\s]+/", mail.outbox[-1].body).group(0)


@pytest.mark.django_db
def test_a_colleague_endorses_once_through_the_signed_link(coordination, as_role, personas, ml_blaisois, client):
    skill = coordination.skills().get(key="IV.10")
    colleague = member_of(ml_blaisois, "collegue@test.spro.example")
    link = _ask(as_role("coordinator"), skill, "Collegue@test.spro.example")
    assert mail.outbox[-1].to == ["collegue@test.spro.example"]
    client.force_login(colleague)
    assert client.get(link).status_code == 200
    assert client.post(link, {"comment": "Vu en comité"}).status_code == 302
    endorsement = Endorsement.objects.get()
    assert (endorsement.endorser, endorsement.comment) == (colleague, "Vu en comité")
    assert client.post(link, {"comment": "Encore"}).status_code == 410  # single use
    endorsement.refresh_from_db()
    assert endorsement.comment == "Vu en comité"
    rows = {row.skill.key: row for d in selectors.tree_of(personas["coordinator"], coordination) for row in d.rows}
    assert rows["IV.10"].endorsements == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("who", "status"),
    [("addressee", 200), ("owner", 403), ("someone_else", 403), ("anonymous", 302)],
)
def test_only_the_colleague_the_link_was_sent_to_can_endorse(coordination, as_role, personas, ml_blaisois, who, status):
    skill = coordination.skills().get(key="IV.10")
    addressee = member_of(ml_blaisois, "collegue@test.spro.example")
    someone = member_of(ml_blaisois, "autre@test.spro.example")
    owner_client = as_role("coordinator")
    link = _ask(owner_client, skill, addressee.email)
    owner_client.logout()
    if who != "anonymous":
        owner_client.force_login(
            {"addressee": addressee, "owner": personas["coordinator"], "someone_else": someone}[who]
        )
    assert owner_client.get(link).status_code == status
    assert owner_client.post(link).status_code in {status, 302}
    assert Endorsement.objects.get().endorsed_at is None or who == "addressee"


@pytest.mark.django_db
def test_an_expired_or_altered_link_is_refused(coordination, as_role, ml_blaisois, client):
    skill = coordination.skills().get(key="IV.10")
    colleague = member_of(ml_blaisois, "collegue@test.spro.example")
    link = _ask(as_role("coordinator"), skill, colleague.email)
    client.force_login(colleague)
    assert client.get(link[:-3] + "xx/").status_code == 404
    with time_machine.travel(timezone.now() + timedelta(days=services.ENDORSEMENT_DAYS, hours=1)):
        assert client.post(link).status_code == 404
    assert Endorsement.objects.get().endorsed_at is None


@pytest.mark.django_db
def test_one_cannot_ask_oneself(coordination, as_role, personas):
    skill = coordination.skills().get(key="IV.10")
    response = as_role("member").post(
        f"/professionnalisation/competences/{skill.pk}/recommandation/", {"colleague_email": personas["member"].email}
    )
    assert response.status_code == 400 and not Endorsement.objects.exists()
    assert "demandez à une autre personne que vous-même" in response.content.decode()
