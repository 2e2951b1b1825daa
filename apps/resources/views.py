"""The mallette's pages. Every page of a resource and every download goes through `may_open` (perms.py)."""

from pathlib import PurePosixPath

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render

from apps.core.bounds import small_int
from apps.skills.perms import is_network_professional

from . import selectors, services
from .forms import ResourceForm, SearchForm, ToolForm, VersionForm
from .models import InformationTool, Resource
from .perms import can_manage_resources, may_open


def _openable(request, slug) -> Resource:
    """The resource if the user may open it; a visitor is sent to log in, anyone else refused (403)."""
    resource = get_object_or_404(Resource.objects.select_related("category"), slug=slug)
    if not resource.is_active and not can_manage_resources(request.user):
        raise Http404("Ressource retirée.")
    if not may_open(request.user, resource):
        if not request.user.is_authenticated:
            raise _LoginRequired
        raise PermissionDenied
    return resource


class _LoginRequired(Exception):
    pass


def _login_or(view):
    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except _LoginRequired:
            return redirect_to_login(request.get_full_path())

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


def index(request):
    form = SearchForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    resources = selectors.visible_resources(request.user, query=data.get("q", ""), category=data.get("categorie"))
    page = Paginator(resources, 20).get_page(small_int(request.GET.get("page")) or 1)
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "querystring": query.urlencode(),
        "manages": can_manage_resources(request.user),
        "professional": is_network_professional(request.user),
    }
    return render(request, "resources/index.html", context)


@_login_or
def detail(request, slug):
    resource = _openable(request, slug)
    context = {
        "resource": resource,
        "versions": resource.versions.all(),
        "manages": can_manage_resources(request.user),
    }
    return render(request, "resources/detail.html", context)


@_login_or
def download(request, slug, number=None):
    resource = _openable(request, slug)
    if resource.is_link:
        if number is not None:
            raise Http404("Une ressource en ligne n'a pas de versions.")
        services.count_download(resource)
        return redirect(resource.url)
    versions = resource.versions.all()
    version = versions.filter(number=number).first() if number is not None else versions.first()
    if version is None:
        raise Http404("Aucun fichier pour cette ressource.")
    try:
        handle = version.file.open("rb")
    except FileNotFoundError as error:
        raise Http404("Fichier introuvable.") from error
    services.count_download(resource)
    return FileResponse(handle, as_attachment=True, filename=PurePosixPath(version.file.name).name)


def _require_manager(request):
    if not can_manage_resources(request.user):
        raise PermissionDenied


@login_required
def resource_edit(request, slug=None):
    _require_manager(request)
    resource = get_object_or_404(Resource, slug=slug) if slug else Resource()
    form = ResourceForm(request.POST or None, request.FILES or None, instance=resource)
    if request.method == "POST" and form.is_valid():
        resource = services.save_resource(form.save(commit=False), form.cleaned_data.get("file"), by=request.user)
        messages.success(request, f"La ressource « {resource.title} » est enregistrée.")
        return redirect(resource)
    return render(request, "resources/resource_form.html", {"form": form, "resource": resource if slug else None})


@login_required
def version_create(request, slug):
    _require_manager(request)
    resource = get_object_or_404(Resource, slug=slug)
    if resource.is_link:
        messages.error(request, "Une ressource en ligne n'a pas de versions : modifiez son lien.")
        return redirect(resource)
    form = VersionForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        version = services.add_version(resource, form.cleaned_data["file"], form.cleaned_data["note"], request.user)
        messages.success(request, f"Version {version.number} de « {resource.title} » enregistrée.")
        return redirect(resource)
    return render(request, "resources/version_form.html", {"form": form, "resource": resource})


@login_required
def tools(request):
    if not is_network_professional(request.user):
        raise PermissionDenied
    context = {"groups": selectors.tools_by_network(), "manages": can_manage_resources(request.user)}
    return render(request, "resources/tools.html", context)


@login_required
def tool_edit(request, pk=None):
    _require_manager(request)
    tool = get_object_or_404(InformationTool, pk=pk) if pk else None
    form = ToolForm(request.POST or None, instance=tool)
    if request.method == "POST" and form.is_valid():
        tool = form.save()
        messages.success(request, f"L'outil « {tool.name} » est enregistré.")
        return redirect("resources:tools")
    return render(request, "resources/tool_form.html", {"form": form, "tool": tool})
