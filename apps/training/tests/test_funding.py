"""Funding eligibility follows the data kept by the Région: one rule, tested as a table."""

import pytest

from apps.directory.models import Status
from apps.training import services
from apps.training.funding import Person, funding_for, may_fund
from apps.training.models import FundingScheme, Training, TrainingProvider

pytestmark = pytest.mark.django_db


def _training(**values) -> Training:
    provider, _ = TrainingProvider.objects.get_or_create(siret="99900000000001", defaults={"name": "Centre fictif"})
    defaults = {"action_id": f"A-{Training.objects.count()}", "title": "Formation", "teaching_mode": 0}
    return Training.objects.create(provider=provider, **(defaults | values))


@pytest.fixture
def schemes(vocabularies):
    services.load_funding_schemes()
    return {s.code: s for s in FundingScheme.objects.all()}


REGION = {"financer_codes": ["2"]}
CERTIF = {"certifying": True}
ALT = {"alternance": True, "certifying": True}
DE, SAL, JSS = "demandeur-emploi", "salarie", "jeune-sans-solution"

# (scheme, training, person (status, age, handicap), may fund)
TABLE = [
    ("region-demandeurs-emploi", REGION, (DE, 30, False), True),
    ("region-demandeurs-emploi", REGION, (JSS, 19, False), True),
    ("region-demandeurs-emploi", REGION, (SAL, 30, False), False),  # not for employees
    ("region-demandeurs-emploi", {}, (DE, 30, False), False),  # the Région does not list this training
    ("region-demandeurs-emploi", REGION, (DE, 15, False), False),  # under 16
    ("region-demandeurs-emploi", REGION, ("", None, False), True),  # nothing told: may fund
    ("cpf", CERTIF, (SAL, 40, False), True),
    ("cpf", {}, (SAL, 40, False), False),  # not certifying
    ("cpf", CERTIF, ("collegien", 14, False), False),
    ("transitions-pro", CERTIF, (SAL, 45, False), True),
    ("transitions-pro", CERTIF, (DE, 45, False), False),
    ("apprentissage", ALT, (JSS, 20, False), True),
    ("apprentissage", ALT, (DE, 35, False), False),  # over 29
    ("apprentissage", CERTIF, (JSS, 20, False), False),  # not in alternance
    ("apprentissage-handicap", ALT, (DE, 35, True), True),  # no age limit with a disability
    ("apprentissage-handicap", ALT, (DE, 35, False), False),
    ("contrat-professionnalisation", ALT, (DE, 35, False), True),
    ("aif", {}, (DE, 50, False), True),
    ("aif", {}, (SAL, 50, False), False),
    ("poei", {"financer_codes": ["4"]}, (DE, 50, False), True),
    ("poei", REGION, (DE, 50, False), False),
    ("agefiph", {}, (SAL, 50, True), True),
    ("agefiph", {}, (SAL, 50, False), False),
    ("agefiph", {}, ("", None, False), False),  # a scheme for disabled persons needs it told
]


@pytest.mark.parametrize(("code", "training", "person", "expected"), TABLE)
def test_eligibility_table(schemes, code, training, person, expected):
    assert may_fund(schemes[code], _training(**training), Person(*person)) is expected


def test_the_rule_reads_the_data_the_region_changed(schemes):
    training = _training(**REGION)
    job_seeker = Person(DE, 30)
    assert schemes["region-demandeurs-emploi"] in funding_for(training, job_seeker)
    scheme = schemes["region-demandeurs-emploi"]
    scheme.statuses.set([Status.objects.get(code=SAL)])  # the Région opens it to employees only
    assert scheme not in funding_for(training, job_seeker)
    assert scheme in funding_for(training, Person(SAL, 30))
    scheme.is_active = False
    scheme.save()
    assert scheme not in funding_for(training, Person(SAL, 30))


def test_the_region_edits_a_scheme_and_the_change_is_kept_in_its_history(client, region_admin, schemes):
    from django.urls import reverse

    scheme = schemes["aif"]
    client.force_login(region_admin)
    data = {
        "name": scheme.name, "funder": scheme.funder, "description": scheme.description, "url": scheme.url,
        "statuses": [Status.objects.get(code=DE).pk, Status.objects.get(code=JSS).pk], "age_min": "18", "age_max": "",
        "financer_codes": "2, 4", "is_active": "on", "position": "60",
    }  # fmt: skip
    response = client.post(reverse("training:funding_edit", args=[scheme.pk]), data)
    assert response.status_code == 302
    scheme.refresh_from_db()
    assert scheme.financer_codes == ["2", "4"] and scheme.age_min == 18
    assert may_fund(scheme, _training(financer_codes=["4"]), Person(JSS, 20))
    assert not may_fund(scheme, _training(financer_codes=["4"]), Person(JSS, 17))
    history = client.get(reverse("training:funding_history", args=[scheme.pk])).content.decode()
    assert "region@test.spro.example" in history and "age_min" in history


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [("financer_codes", "2, région", "n&#x27;est pas un code"), ("age_max", "10", "supérieur ou égal")],
)
def test_the_form_names_the_wrong_field(client, region_admin, schemes, field, value, message):
    from django.urls import reverse

    client.force_login(region_admin)
    data = {"code": "nouveau", "name": "N", "funder": "F", "description": "D", "age_min": "16", "position": "1"}
    response = client.post(reverse("training:funding_create"), data | {field: value})
    assert response.status_code == 200 and message in response.content.decode()


def test_a_member_may_not_edit_the_schemes(client, member_a, schemes):
    from django.urls import reverse

    client.force_login(member_a)
    assert client.get(reverse("training:funding_list")).status_code == 403
    assert client.post(reverse("training:funding_edit", args=[schemes["aif"].pk]), {"name": "x"}).status_code == 403
