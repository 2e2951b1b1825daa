""" "Cette page vous a aidé ?": which public pages may be rated, their territory, and the anonymous answer."""

from django.core import signing
from django.urls import Resolver404, resolve
from django.utils import timezone

from apps.directory.models import Place, Service, Structure
from apps.geo.models import Commune
from apps.geo.selectors import resolve_commune

from .models import PageFeedback

SALT = "feedback.page"
COMMENT_WINDOW_SECONDS = 3600  # the comment form of an answer works this long after the tap

# The public pages that carry the question, and what they are called in the results.
PAGES = {
    "public:home": "Accueil",
    "public:search": "Recherche d'un service",
    "public:place": "Page d'un lieu",
    "public:service": "Page d'un service",
    "public:structure": "Page d'une structure",
    "public:assistant": "Réponse de l'assistant « Quelle porte pour moi ? »",
    "public:callback_done": "Confirmation d'une demande de rappel",
}


def rated_page(path: str):
    """(route name, resolver match) of a public page that carries the question, or None."""
    if not isinstance(path, str) or not path.startswith("/") or path.startswith("//") or len(path) > 200:
        return None
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return (match.view_name, match) if match.view_name in PAGES else None


def commune_code_of(text: str) -> str:
    """The commune of a search or an assistant answer (its `lieu`), as an INSEE code; "" when unknown."""
    commune = resolve_commune(text.strip()) if text and text.strip() else None
    return commune.code if commune else ""


def territory_id_of(view_name: str, match, commune_code: str = "") -> int | None:
    """The SPRO territory a rating counts for: the structure's, or the commune's the person searched."""
    kwargs = match.kwargs
    if view_name == "public:place":
        return Place.objects.filter(pk=kwargs["pk"]).values_list("structure__territory_id", flat=True).first()
    if view_name == "public:service":
        return Service.objects.filter(pk=kwargs["pk"]).values_list("structure__territory_id", flat=True).first()
    if view_name == "public:structure":
        return Structure.objects.filter(slug=kwargs["slug"]).values_list("territory_id", flat=True).first()
    if commune_code:
        commune = Commune.objects.filter(code=commune_code[:5]).first()
        if commune is not None:
            return commune.territories.values_list("pk", flat=True).order_by("pk").first()
    return None


def record_vote(path: str, helpful: bool, commune_code: str = "") -> PageFeedback | None:
    found = rated_page(path)
    if found is None:
        return None
    view_name, match = found
    return PageFeedback.objects.create(
        page=view_name,
        path=path,
        territory_id=territory_id_of(view_name, match, commune_code),
        helpful=helpful,
        date=timezone.localdate(),
    )


def comment_key(feedback: PageFeedback) -> str:
    """The signed handle of an answer, for its comment form (no session, no cookie)."""
    return signing.dumps(feedback.pk, salt=SALT)


def feedback_for_key(key: str) -> PageFeedback | None:
    """The answer a comment belongs to: only within the hour, and only while it has no comment."""
    try:
        pk = signing.loads(key, salt=SALT, max_age=COMMENT_WINDOW_SECONDS)
    except (signing.BadSignature, TypeError):
        return None
    return PageFeedback.objects.filter(pk=pk, comment="").first() if isinstance(pk, int) else None


def add_comment(feedback: PageFeedback, comment: str) -> None:
    feedback.comment = comment.strip()
    feedback.save(update_fields=["comment"])
