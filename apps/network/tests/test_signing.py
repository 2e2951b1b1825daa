"""Signing in the platform: the authorised member approves (logged with the version), the Region compiles."""

import io
from datetime import date

import pytest
from django.urls import reverse
from pypdf import PdfReader

from apps.accounts.models import Membership
from apps.network import services, signing
from apps.network.models import SignatureApproval
from apps.network.services import GovernanceError
from tests.factories import MembershipFactory, NetworkFactory, StructureFactory, UserFactory


@pytest.fixture
def director_cio(cio_blois):
    user = UserFactory(email="direction@cio-blois.test", first_name="Aline", last_name="Fictive")
    MembershipFactory(user=user, structure=cio_blois, role=Membership.Role.ADMIN)
    return user


@pytest.fixture
def director_ml(ml_blaisois):
    user = UserFactory(email="direction@ml-blaisois.test", first_name="Bruno", last_name="Fictif")
    MembershipFactory(user=user, structure=ml_blaisois, role=Membership.Role.ADMIN)
    return user


def test_a_signatory_member_approves_and_the_approval_is_logged_with_the_document_version(
    convention_41, cio_blois, director_cio
):
    version = signing.document_version(convention_41)
    assert version.startswith("convention-2027-")
    approval = signing.approve(convention_41, cio_blois, director_cio, "Directrice")
    assert SignatureApproval.objects.get() == approval
    assert (approval.signer_name, approval.signer_title, approval.document_version) == (
        "Aline Fictive",
        "Directrice",
        version,
    )
    assert approval.approved_at.date() == date(2026, 11, 26)
    signatory = convention_41.signatories.get(structure=cio_blois)
    assert signatory.signed_on == date(2026, 11, 26)
    assert signatory.history.first().history_user == director_cio  # the signature itself is in the history
    convention_41.refresh_from_db()
    assert convention_41.status == "sent"  # the Mission locale has not signed yet


@pytest.mark.parametrize(
    "who, allowed",
    [("director", True), ("plain_member", False), ("other_structure_admin", False), ("region_admin", False)],
)
def test_who_may_approve_table(convention_41, cio_blois, ml_bourges, director_cio, region_admin, who, allowed):
    users = {
        "director": director_cio,
        "plain_member": MembershipFactory(structure=cio_blois, user=UserFactory()).user,
        "other_structure_admin": MembershipFactory(structure=ml_bourges, role="admin", user=UserFactory()).user,
        "region_admin": region_admin,
    }
    assert (signing.structures_to_approve(convention_41, users[who]) == [cio_blois]) is allowed
    if not allowed:
        with pytest.raises(GovernanceError):
            signing.approve(convention_41, cio_blois, users[who], "Fonction")


def test_approving_twice_or_a_draft_is_refused(convention_41, cio_blois, director_cio, loir_et_cher, region_admin):
    signing.approve(convention_41, cio_blois, director_cio, "Directrice")
    with pytest.raises(GovernanceError):
        signing.approve(convention_41, cio_blois, director_cio, "Directrice")
    draft = services.create_convention(loir_et_cher, 2028, by=region_admin)
    services.add_signatories(draft, [cio_blois], "member", by=region_admin)
    assert signing.structures_to_approve(draft, director_cio) == []


def test_the_version_changes_with_the_terms(convention_41, grant_41, cidff_41, region_admin):
    before = signing.document_version(convention_41)
    grant_41.envelope_cents += 100
    grant_41.save()
    convention_41.refresh_from_db()
    assert signing.document_version(convention_41) != before


def test_last_approval_makes_the_convention_signed_by_all_then_the_region_compiles(
    client, convention_41, grant_41, cio_blois, ml_blaisois, director_cio, director_ml, region_admin
):
    signing.approve(convention_41, cio_blois, director_cio, "Directrice")
    rows = signing.signature_rows(convention_41)
    assert [r.structure for r in rows if r.missing] == [ml_blaisois]
    assert [r.authorised for r in rows if r.missing] == [["Bruno Fictif"]]
    signing.approve(convention_41, ml_blaisois, director_ml, "Directeur")
    convention_41.refresh_from_db()
    assert convention_41.status == "signed" and grant_41.payments.count() == 2  # advances generated
    client.force_login(region_admin)
    page = client.get(reverse("network:convention_signing", args=[convention_41.pk])).content.decode()
    assert "Signé par toutes les parties" in page and "Aline Fictive" in page
    assert client.post(reverse("network:convention_compile", args=[convention_41.pk])).status_code == 302
    convention_41.refresh_from_db()
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(convention_41.signed_document.read())).pages)
    assert "Aline Fictive" in text and "Bruno Fictif" in text and signing.document_version(convention_41) in text


def test_compiling_before_every_signature_is_refused(convention_41):
    with pytest.raises(GovernanceError, match="manquantes"):
        signing.compile_signed_document(convention_41)


def test_an_amendment_is_approved_in_the_platform_by_the_joining_partner(
    signed_41, cidff_41, region_admin, director_cio, director_ml
):
    amendment = services.create_amendment(signed_41, "Entrée du CIDFF", adds=[(cidff_41, "resource_partner")])
    services.send_amendment(amendment, by=region_admin, on=date(2026, 11, 20))
    director_cidff = MembershipFactory(structure=cidff_41, role="admin", user=UserFactory(first_name="Chloé")).user
    for user, structure in ((director_cio, "cio-blois"), (director_ml, "ml-blaisois"), (director_cidff, "cidff-41")):
        [target] = signing.structures_to_approve(amendment, user)
        assert target.slug == structure
        approval = signing.approve(amendment, target, user, "Direction")
        assert approval.document_version.startswith("avenant1-2027-") and approval.amendment == amendment
    amendment.refresh_from_db()
    assert amendment.status == "signed"
    assert signed_41.signatories.get(structure=cidff_41).role == "resource_partner"


def test_the_approval_page_for_the_member_and_the_refusal_for_others(client, convention_41, director_cio, cio_member):
    url = reverse("network:convention_approve", args=[convention_41.pk])
    client.force_login(cio_member)
    assert client.get(url).status_code == 403
    client.force_login(director_cio)
    page = client.get(url).content.decode()
    assert signing.document_version(convention_41) in page
    response = client.post(
        url,
        {
            "structure": convention_41.signatories.get(structure__slug="cio-blois").structure_id,
            "signer_title": "Directrice",
        },
    )
    assert response.status_code == 200 and "Cochez la case" in response.content.decode()
    response = client.post(
        url,
        {
            "structure": convention_41.signatories.get(structure__slug="cio-blois").structure_id,
            "signer_title": "Directrice",
            "confirm": "on",
        },
    )
    assert response.status_code == 302 and SignatureApproval.objects.count() == 1
    assert client.get(url).status_code == 403  # signed already


def test_a_new_convention_proposes_the_prc_vae_of_the_departement(client, loir_et_cher, cher, region_admin):
    prc = NetworkFactory(code="prc-vae", label="Point relais conseil VAE")
    prc_41 = StructureFactory(slug="prc-41", name="PRC VAE de Loir-et-Cher", network=prc, territory=loir_et_cher)
    StructureFactory(slug="prc-18", name="PRC VAE du Cher", network=prc, territory=cher)
    convention = services.create_convention(loir_et_cher, 2028, by=region_admin)
    assert signing.prc_vae_proposals(convention) == [prc_41]
    client.force_login(region_admin)
    assert "PRC VAE de Loir-et-Cher" in client.get(convention.get_absolute_url()).content.decode()
    client.post(reverse("network:convention_prc_vae", args=[convention.pk]))
    assert convention.signatories.get().role == "resource_partner"
    assert signing.prc_vae_proposals(convention) == []
