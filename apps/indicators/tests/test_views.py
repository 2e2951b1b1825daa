"""Who sees which dashboard and export; the pages, exports, open data and the CREFOP synthesis."""

import csv
import io
import json

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from apps.core.task_queue import run_due_tasks
from apps.indicators.models import RefreshRun
from apps.indicators.refresh import previous_month_start
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db
YEAR_2025 = {"periode": "2025"}


def make_coordinator(user, territory):
    """A designation for the current school year, through the governance app's model."""
    coordinator = apps.get_model("network", "Coordinator")
    today = timezone.localdate()
    school_year = today.year if today.month >= 9 else today.year - 1
    coordinator.objects.create(territory=territory, user=user, school_year=school_year, designated_on=today)
    return user


@pytest.fixture
def member_of_a(data):
    return MembershipFactory(structure=data.a, user=UserFactory(email="membre.a@test.spro.example")).user


@pytest.fixture
def coordinator_t1(data):
    return make_coordinator(UserFactory(email="coord.t1@test.spro.example"), data.t1)


@pytest.fixture
def admin(data):
    return UserFactory(email="region@test.spro.example", role="region_admin")


def urls(data, kind):
    key = {"region": [], "t1": [data.t1.code], "t2": [data.t2.code], "a": [data.a.slug], "c": [data.c.slug]}[kind]
    name = "region" if kind == "region" else ("territory" if kind in ("t1", "t2") else "structure")
    return [
        reverse(f"indicators:{name}", args=key),
        reverse(f"indicators:{name}_export", args=[*key, "csv"]),
        reverse(f"indicators:{name}_export", args=[*key, "xlsx"]),
    ]


def test_anonymous_people_are_sent_to_the_login_page(client, data):
    for url in urls(data, "region") + urls(data, "t1") + urls(data, "a"):
        response = client.get(url)
        assert response.status_code == 302 and "/compte/" in response["Location"], url


@pytest.mark.parametrize(
    ("who", "allowed", "forbidden"),
    [
        ("member_of_a", ["a"], ["c", "t1", "t2", "region"]),
        ("coordinator_t1", ["t1", "a"], ["t2", "c", "region"]),
        ("admin", ["region", "t1", "t2", "a", "c"], []),
    ],
)
def test_permission_matrix_pages_and_exports(request, client, data, who, allowed, forbidden):
    client.force_login(request.getfixturevalue(who))
    for kind in allowed:
        for url in urls(data, kind):
            assert client.get(url, YEAR_2025).status_code == 200, (who, url)
    for kind in forbidden:
        for url in urls(data, kind):
            assert client.get(url, YEAR_2025).status_code == 403, (who, url)


def test_a_coordinator_cannot_read_another_territory_in_any_format(client, data, coordinator_t1):
    client.force_login(coordinator_t1)
    page = client.get(reverse("indicators:territory", args=[data.t2.code]), YEAR_2025)
    assert page.status_code == 403
    assert "Territoire deux" not in page.content.decode()
    for fmt in ("csv", "xlsx"):
        export = client.get(reverse("indicators:territory_export", args=[data.t2.code, fmt]), YEAR_2025)
        assert export.status_code == 403
        assert "attachment" not in export.get("Content-Disposition", "")
    own = client.get(reverse("indicators:territory", args=[data.t1.code]), YEAR_2025)
    assert "Indicateurs — Territoire Territoire un" in own.content.decode()
    index = client.get(reverse("indicators:index")).content.decode()
    assert reverse("indicators:territory", args=[data.t1.code]) in index
    assert reverse("indicators:territory", args=[data.t2.code]) not in index


def test_support_team_sees_the_region_but_not_the_synthesis(client, data):
    client.force_login(UserFactory(email="gip@test.spro.example", role="support_team"))
    assert client.get(reverse("indicators:region"), YEAR_2025).status_code == 200
    assert client.get(reverse("indicators:synthesis")).status_code == 403
    assert client.post(reverse("indicators:synthesis"), YEAR_2025).status_code == 403


def test_territory_page_filtered_by_year_masks_small_counts(client, data, coordinator_t1):
    client.force_login(coordinator_t1)
    html = client.get(reverse("indicators:territory", args=[data.t1.code]), YEAR_2025).content.decode()
    assert "Période : <strong>année 2025</strong>" in html
    assert "&lt; 5" in html  # T1 has 4 receptions on site, 1 by phone…
    assert "Protection des petits effectifs" in html


def test_structure_dashboard_shows_its_own_members_every_count(client, data, member_of_a):
    client.force_login(member_of_a)
    response = client.get(reverse("indicators:structure", args=[data.a.slug]), {**YEAR_2025, "ventilation": "channel"})
    html = response.content.decode()
    assert "&lt; 5" not in html
    assert "tous les effectifs sont affichés" in html


def test_csv_export_is_masked_outside_the_structure(client, data, coordinator_t1):
    client.force_login(coordinator_t1)
    response = client.get(reverse("indicators:territory_export", args=[data.t1.code, "csv"]), YEAR_2025)
    assert response["Content-Type"].startswith("text/csv")
    assert (
        response["Content-Disposition"] == 'attachment; filename="spro-indicateurs-territoire-t1-2025-01_2025-12.csv"'
    )
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    by_channel = {
        r["ligne"]: r["valeur"]
        for r in rows
        if r["tableau"] == "Premiers accueils par canal" and r["colonne"] == "Premiers accueils"
    }
    assert by_channel == {
        "Sur place": "< 5",
        "Téléphone": "< 5",
        "E-mail": "< 5",
        "Événement (forum, salon)": "< 5",
        "À distance (visio, tchat)": "0",
    }
    key = {r["ligne"]: r["valeur"] for r in rows if r["tableau"] == "Chiffres clés"}
    assert key["CAP-1 — Premiers accueils"] == "7"


def test_xlsx_export_has_a_readme_and_one_sheet_per_table(client, data, member_of_a):
    client.force_login(member_of_a)
    response = client.get(reverse("indicators:structure_export", args=[data.a.slug, "xlsx"]), YEAR_2025)
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames[0] == "Lisez-moi"
    assert "Premiers accueils par canal" in workbook.sheetnames
    sheet = workbook["Premiers accueils par canal"]
    values = {row[0]: row[1] for row in sheet.iter_rows(min_row=3, values_only=True)}
    assert values["Sur place"] == 3  # r1, r3, r5: exact on the structure's own export
    readme = {row[0]: row[1] for row in workbook["Lisez-moi"].iter_rows(values_only=True) if row[0]}
    assert readme["Période"] == "année 2025"


def test_a_bad_custom_period_is_explained(client, data, admin):
    client.force_login(admin)
    html = client.get(
        reverse("indicators:region"), {"periode": "personnalisee", "debut": "2025-05", "fin": "2025-02"}
    ).content.decode()
    assert 'role="alert"' in html
    assert "Le mois de fin doit suivre le mois de début." in html
    html = client.get(
        reverse("indicators:region"), {"periode": "personnalisee", "debut": "2025-01", "fin": "2025-03"}
    ).content.decode()
    assert "Période : <strong>1er trimestre 2025</strong>" in html
    html = client.get(
        reverse("indicators:region"), {"periode": "personnalisee", "debut": "2025-02", "fin": "2025-04"}
    ).content.decode()
    assert "Du mois : Une période personnalisée est un mois seul, ou des trimestres entiers" in html
    html = client.get(reverse("indicators:region"), {"debut": "2025-02", "fin": "2025-02"}).content.decode()
    assert "Période : <strong>février 2025</strong>" in html  # months typed without choosing the custom period


# The person's voice (sections_voice) adds 5 reads at most: follow-ups sent, answers, ratings, consultations, titles;
# and 4 for the state of its tables, which keys its cached month-by-month cells (dashboards.monthly_cells).
@pytest.mark.parametrize(("kind", "most"), [("region", 32 + 5 + 4), ("t1", 26 + 5 + 4), ("a", 22)])
def test_dashboard_query_counts_are_pinned(client, data, admin, django_assert_max_num_queries, kind, most):
    """The counts do not grow with the activity: one read per source, whatever the number of receptions."""
    client.force_login(admin)
    url = urls(data, kind)[0]
    client.get(url, YEAR_2025)
    with django_assert_max_num_queries(most):
        response = client.get(url, YEAR_2025)
    assert response.status_code == 200


def test_region_admin_downloads_the_crefop_synthesis(client, data, admin):
    client.force_login(admin)
    form = client.get(reverse("indicators:synthesis"))
    assert "Commentaire : captation des publics" in form.content.decode()
    response = client.post(
        reverse("indicators:synthesis"), {**YEAR_2025, "second_door": "Les délais de réponse restent courts."}
    )
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert reader.metadata.title.startswith("Synthèse régionale du SPRO pour le CREFOP")
    assert "Synthèse régionale pour le CREFOP" in text
    assert "année 2025" in text
    assert "Les délais de réponse restent courts." in text
    assert "Aiguillage vers la 2e porte" in text


def test_the_method_page_is_public_and_lists_every_indicator(client, data):
    from apps.indicators.catalogue import CATALOGUE

    html = client.get(reverse("indicators:method")).content.decode()
    for indicator in CATALOGUE:
        # the plain name first, the code as a secondary label
        expected = f'{indicator.name} <span class="key-code">({indicator.code})</span>'
        assert expected.replace("'", "&#x27;") in html


def test_the_method_page_explains_each_protection(client, data):
    """Each numbered rule of apps/indicators/protection.py has its paragraph on the method page, and the delay."""
    import html as html_module
    import re

    from apps.indicators import protection

    rules = re.findall(r"^\d\. \*\*(.+?)\*\*", protection.__doc__, flags=re.MULTILINE)
    page = html_module.unescape(client.get(reverse("indicators:method")).content.decode())
    explained = re.findall(r"<li><strong>(.+?)</strong>", page.split('<ol class="rules">')[1].split("</ol>")[0])
    assert len(rules) == len(explained) == 5
    assert explained == [
        "Seuil de 5 personnes.",
        "Des trimestres entiers.",
        "Pas de petit effectif par différence entre deux périodes.",
        "Pas de zéro à côté d'un total masqué.",
        "Masquage complémentaire.",
    ]
    assert "Le mois en cours est recalculé toutes les" in page
    assert "consultations du public suivent les mêmes règles" in page


def test_open_data_is_public_masked_and_described(client, data):
    page = client.get(reverse("indicators:open_data"))
    assert page.status_code == 200
    response = client.get(reverse("indicators:open_data_csv"))
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    t2 = next(r for r in rows if r["annee"] == "2025" and r["territoire_code"] == "t2")
    assert t2["premiers_accueils"] == "<5"
    assert t2["fiches_recues"] == "<5"
    assert t2["paires_structures"] == "0"
    region = next(r for r in rows if r["annee"] == "2025" and r["territoire_code"] == "region")
    assert region["premiers_accueils"] == "8"
    assert region["accueils_canal_on_site"] == "<5"
    package = json.loads(client.get(reverse("indicators:open_data_schema")).content)
    schema = package["resources"][0]["schema"]
    assert [field["name"] for field in schema["fields"]] == list(rows[0])
    assert schema["missingValues"] == ["", "<5", "nd"]
    assert {i["code"] for i in package["indicateurs"]} >= {"CAP-1", "DP-7", "IC-1", "PUB-2"}


def test_only_the_region_admin_recalculates_the_recent_months(client, data, admin, coordinator_t1):
    client.force_login(coordinator_t1)
    assert client.post(reverse("indicators:refresh")).status_code == 403
    client.force_login(admin)
    runs = RefreshRun.objects.count()
    response = client.post(reverse("indicators:refresh"), follow=True)
    assert response.redirect_chain[-1][0] == reverse("indicators:region")
    assert "Recalcul du mois en cours et du mois précédent demandé" in response.content.decode()
    assert RefreshRun.objects.count() == runs  # the request only asked: the worker rebuilds
    run_due_tasks()
    assert RefreshRun.objects.count() == runs + 1
    assert RefreshRun.objects.latest().since == previous_month_start()
    assert client.get(reverse("indicators:refresh")).status_code == 405


def _shown_period(html: str):
    """The period the filter form says it shows (selected option, month fields) and the heading's text."""
    import re

    from apps.indicators.forms import DashboardFilterForm

    heading = re.search(r'id="periode-affichee">Période : <strong>([^<]*)</strong>', html).group(1)
    choice = re.search(r'<option value="([^"]*)" selected>', html).group(1)
    months = {
        name: (re.search(rf'name="{name}"[^>]*value="([^"]*)"', html) or re.search(r"()", "")).group(1)
        for name in ("debut", "fin")
    }
    form = DashboardFilterForm({"periode": choice, **months})
    assert form.is_valid(), form.errors
    return heading, form.period()


@pytest.mark.parametrize(
    "query",
    [
        {},
        {"periode": "4-trimestres"},
        {"periode": "2025"},
        {"periode": "personnalisee", "debut": "2025-01", "fin": "2025-03"},
        {"periode": "personnalisee", "debut": "2025-04", "fin": "2025-12"},
        {"debut": "2025-02", "fin": "2025-02"},  # months typed without choosing the custom period
        {"periode": "4-trimestres", "debut": "2025-07", "fin": "2025-09"},
        {"periode": "personnalisee", "debut": "2025-02", "fin": "2025-04"},  # refused: across quarters
        {"periode": "personnalisee", "debut": "2025-13", "fin": "2025-12"},  # refused: no month 13
        {"periode": "1999"},  # not offered
        {"periode": "2025", "rubrique": "second_door"},
    ],
)
def test_the_heading_states_the_period_the_selector_shows(client, data, admin, query):
    client.force_login(admin)
    html = client.get(reverse("indicators:region"), query).content.decode()
    heading, period = _shown_period(html)
    assert heading.startswith(period.label), (heading, period.label)
    refused = query.get("debut") == "2025-02" and query.get("fin") == "2025-04" or query.get("periode") == "1999"
    assert ('role="alert"' in html) is (refused or query.get("debut") == "2025-13")


def test_the_regional_page_is_split_in_tabs_that_work_without_javascript(client, data, admin):
    client.force_login(admin)
    overview = client.get(reverse("indicators:region"), YEAR_2025).content.decode()
    assert "Vue d'ensemble" in overview and "Les territoires côte à côte" in overview
    assert 'href="?periode=2025&amp;ventilation=channel&amp;rubrique=second_door#rubrique"' in overview
    assert "Délais médians des fiches navettes reçues" not in overview  # the detail tables are in their own tab
    detail = client.get(reverse("indicators:region"), YEAR_2025 | {"rubrique": "second_door"}).content.decode()
    assert 'aria-current="page">Aiguillage vers la 2e porte' in detail
    assert "Les territoires côte à côte" not in detail
    assert '<nav class="toc" aria-label="Tableaux de la rubrique">' in detail
    # plain names first, the code as a secondary label
    assert '<span class="key-label">Fiches navettes reçues par les structures</span>' in detail
    assert '<span class="key-code"><span class="visually-hidden">Indicateur </span>DP-1</span>' in detail
    assert "Chiffres calculés le 26 novembre 2026 à" in detail
