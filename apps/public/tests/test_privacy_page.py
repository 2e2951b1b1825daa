"""The privacy page says what the code does: its retention table comes from the settings the purge applies."""

import html

import pytest
from django.urls import reverse

from apps.public.privacy import data_kinds, duration

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "days, words", [(90, "3 mois"), (365, "1 an"), (730, "2 ans"), (45, "45 jours"), (60, "2 mois")]
)
def test_duration_in_words(days, words):
    assert duration(days) == words


def _page(client):
    return html.unescape(client.get(reverse("public:privacy")).content.decode())


def test_the_page_lists_each_kind_of_data_with_its_retention_and_readers(client):
    page = _page(client)
    for row in data_kinds():
        assert row.kind in page and row.retention in page and row.who in page


@pytest.mark.parametrize(
    "setting, days, words",
    [
        ("SPRO_CONTACT_RETENTION_DAYS", 60, "Effacées 2 mois après la fin de l'échange"),
        ("SPRO_CONTACT_MAX_DAYS", 730, "au plus tard 2 ans après l'envoi"),
        ("SPRO_ACCESS_LOG_RETENTION_DAYS", 180, "6 mois, puis supprimé"),
        ("SPRO_ACCOUNT_RETENTION_DAYS", 730, "supprimé 2 ans après sa désactivation"),
        ("SPRO_LOGIN_LOG_RETENTION_DAYS", 90, "3 mois, puis supprimé"),
    ],
)
def test_the_page_follows_the_retention_settings(client, settings, setting, days, words):
    setattr(settings, setting, days)
    assert words in _page(client)


def test_the_page_says_how_an_erasure_request_is_handled(client):
    page = _page(client)
    assert "Demander l'effacement de vos données" in page
    assert "L'effacement est inscrit au journal des accès" in page
    assert "prend fin avec son année scolaire" in page


def test_the_call_back_form_asks_not_to_write_a_name_or_a_number_in_the_need():
    from apps.public.assistant_forms import CallbackForm

    assert "N'écrivez ni votre nom, ni votre téléphone, ni votre adresse" in CallbackForm.base_fields["need"].help_text


def test_the_page_says_what_the_follow_up_keeps_and_erases(client, settings):
    settings.SPRO_FOLLOW_UP_ANSWER_DAYS = 45
    page = _page(client)
    assert "Votre e-mail n'est pas recopié" in page
    assert "le territoire et le réseau de la structure qui vous a reçu·e, le mois d'envoi et vos 4 réponses" in page
    assert "Dès votre réponse, le suivi (rattachement à la fiche, code du lien) et les e-mails de suivi" in page
    assert "le suivi est supprimé 45 jours après l'envoi" in page
