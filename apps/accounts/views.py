import hashlib

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import SetPasswordForm
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render

from apps.core.throttle import over_limit

from . import invitations


class ThrottledPasswordResetView(auth_views.PasswordResetView):
    """Django's reset, limited per client address (429) and per account (no e-mail, same answer, so the
    limit never tells whether the account exists): nobody can flood a mailbox with reset e-mails."""

    def post(self, request, *args, **kwargs):
        if over_limit(request, "password-reset", settings.SPRO_PASSWORD_RESET_ADDRESS_LIMIT_PER_HOUR, 3600):
            return render(request, "accounts/password_reset_limited.html", status=429)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        email = form.cleaned_data["email"].strip().lower()
        account_key = "email:" + hashlib.sha256(email.encode()).hexdigest()
        if over_limit(self.request, "password-reset", settings.SPRO_PASSWORD_RESET_LIMIT_PER_HOUR, 3600, account_key):
            return HttpResponseRedirect(self.get_success_url())
        return super().form_valid(form)


def invitation(request, token):
    """The invited person sets a password from the link, then is signed in."""
    invited = invitations.user_for(token)
    if invited is None:
        return render(request, "accounts/invitation.html", {"form": None}, status=404)
    form = SetPasswordForm(invited, request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, "Votre mot de passe est enregistré : vous êtes connecté·e.")
        return redirect("workspace:dashboard")
    return render(request, "accounts/invitation.html", {"form": form, "invited": invited})
