"""The LHEO 2.3 import: validated against the schema, all or nothing, errors named by line and element."""

import pytest
from django.core.management import CommandError, call_command

from apps.training import services
from apps.training.models import Training, TrainingOffer, TrainingProvider, TrainingRome, TrainingSession

from .conftest import broken, line_of

pytestmark = pytest.mark.django_db


def test_the_demo_feed_imports_every_action_with_its_sessions_and_codes(small_feed):
    offer = services.import_offer(small_feed)
    assert offer.state == TrainingOffer.State.DONE, offer.errors
    assert offer.trainings == Training.objects.count() == 40
    assert offer.sessions == TrainingSession.objects.count() >= 40
    deas = Training.objects.get(action_id="A-DEMO-00001")
    assert deas.title == "Diplôme d'État d'aide-soignant (DEAS)"
    assert deas.formacode == deas.formacode_domain == ""  # no verified Formacode fits: the demo gives none
    concours = Training.objects.get(action_id="A-DEMO-00002")
    assert (concours.formacode, concours.formacode_version, concours.formacode_domain) == ("15084", "V14", "15")
    assert list(deas.romes.values_list("code", "version")) == [("J1501", "V4")]
    assert deas.certifying and deas.rncp_code == "35830" and deas.level == "14"
    assert deas.financer_codes == ["2"] and deas.funding_possible
    assert deas.hours == 1540 and deas.cost_eur == 6900
    session = deas.sessions.first()
    assert session.commune_code and session.latitude and session.longitude
    assert set(Training.objects.values_list("teaching_mode", flat=True)) <= {0, 1, 2}
    assert TrainingProvider.objects.count() >= 1


@pytest.mark.parametrize(
    ("old", "new", "element", "words"),
    [
        (
            "<modalites-enseignement>0</modalites-enseignement>",
            "<modalites-enseignement>5</modalites-enseignement>",
            "modalites-enseignement",
            "codes autorisés",
        ),
        ("<intitule-formation>", "<intitule-formationx>", "", "bien formé"),
        ("<periode><debut>", "<periode><fin>20270101</fin><debut>", "fin", "inattendu"),
        (
            '<code-FORMACODE ref="V14">15084</code-FORMACODE>',
            '<code-FORMACODE ref="V14">150</code-FORMACODE>',
            "code-FORMACODE",
            "format attendu",
        ),
    ],
)
def test_an_invalid_feed_is_refused_with_its_line_and_element_and_nothing_is_written(
    small_feed, old, new, element, words
):
    assert services.import_offer(small_feed).state == TrainingOffer.State.DONE
    before = (Training.objects.count(), TrainingSession.objects.count(), TrainingRome.objects.count())
    bad = broken(small_feed, old, new)
    offer = services.import_offer(bad)
    assert offer.state == TrainingOffer.State.FAILED
    assert offer.errors
    first = offer.errors[0]
    assert first.startswith(f"Ligne {line_of(bad, new)}")
    if element:
        assert f"élément <{element}>" in first
    assert words in first
    assert (Training.objects.count(), TrainingSession.objects.count(), TrainingRome.objects.count()) == before


def test_every_invalid_formation_is_named_not_only_the_first(small_feed):
    bad = broken(small_feed, "<modalites-enseignement>0<", "<modalites-enseignement>7<", count=3)
    offer = services.import_offer(bad)
    assert len(offer.errors) == 3 and all("modalites-enseignement" in e for e in offer.errors)


def test_a_feed_that_is_not_lheo_is_refused(tmp_path):
    path = tmp_path / "autre.xml"
    path.write_text('<?xml version="1.0"?>\n<catalogue><formation/></catalogue>\n', encoding="utf-8")
    offer = services.import_offer(path)
    assert offer.errors == [
        'Ligne 2, élément <catalogue> : un flux LHEO 2.3 commence par <lheo xmlns="http://lheo.gouv.fr/2.3">.'
    ]


def test_two_actions_with_the_same_number_are_refused(small_feed):
    bad = broken(small_feed, 'numero="A-DEMO-00002"', 'numero="A-DEMO-00001"')
    offer = services.import_offer(bad)
    assert offer.state == TrainingOffer.State.FAILED
    assert "le numéro « A-DEMO-00001 » est déjà celui de l'action de la ligne" in offer.errors[0]
    assert not Training.objects.exists()


def test_the_command_prints_its_progress_and_fails_loudly(small_feed, capsys):
    call_command("import_lheo", str(small_feed))
    out = capsys.readouterr().out
    assert "40 / 40 formations lues" in out and "Offre importée : 40 actions de formation" in out
    bad = broken(small_feed, "<certifiante>1</certifiante>", "<certifiante>oui</certifiante>")
    with pytest.raises(CommandError, match="rien n'a été modifié"):
        call_command("import_lheo", str(bad))
    assert Training.objects.count() == 40


def test_the_scheduled_reimport_reads_the_configured_address_once_a_day(small_feed, settings, monkeypatch):
    settings.SPRO_LHEO_FEED_URL = "https://carif.example/offre.xml"
    copies = []

    def download(url):
        copy = small_feed.with_name(f"copie-{len(copies)}.xml")
        copy.write_bytes(small_feed.read_bytes())
        copies.append(url)
        return copy

    monkeypatch.setattr(services, "download", download)
    call_command("reimport_lheo")
    call_command("reimport_lheo")  # the offer is fresh: nothing to do
    assert copies == ["https://carif.example/offre.xml"]
    assert TrainingOffer.objects.get().source == "https://carif.example/offre.xml"
    assert Training.objects.count() == 40


def test_without_a_configured_address_the_scheduled_job_does_nothing(settings):
    settings.SPRO_LHEO_FEED_URL = ""
    call_command("reimport_lheo")
    assert not TrainingOffer.objects.exists()
