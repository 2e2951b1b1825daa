from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from . import region_views, second_factor_views, views
from .forms import EmailAuthenticationForm

app_name = "accounts"
urlpatterns = [
    path(
        "connexion/",
        auth_views.LoginView.as_view(template_name="accounts/login.html", authentication_form=EmailAuthenticationForm),
        name="login",
    ),
    path("deconnexion/", auth_views.LogoutView.as_view(), name="logout"),
    path("invitation/<str:token>/", views.invitation, name="invitation"),
    path("securite/", second_factor_views.security, name="security"),
    path("double-authentification/", second_factor_views.verify, name="otp_verify"),
    path("double-authentification/activer/", second_factor_views.setup, name="otp_setup"),
    path("double-authentification/codes-de-secours/", second_factor_views.new_backup_codes, name="otp_backup_codes"),
    path("double-authentification/desactiver/", second_factor_views.remove, name="otp_remove"),
    path("comptes/", region_views.account_list, name="region_accounts"),
    path("comptes/nouveau/", region_views.account_create, name="region_account_create"),
    path("comptes/<int:pk>/", region_views.account_detail, name="region_account"),
    path("comptes/<int:pk>/invitation/", region_views.account_invite, name="region_account_invite"),
    path("comptes/<int:pk>/activation/", region_views.account_toggle, name="region_account_toggle"),
    path("rattachements/<int:pk>/retirer/", region_views.membership_revoke, name="region_membership_revoke"),
    path(
        "mot-de-passe/oubli/",
        views.ThrottledPasswordResetView.as_view(
            template_name="accounts/password_reset.html",
            email_template_name="accounts/password_reset_email.txt",
            subject_template_name="accounts/password_reset_subject.txt",
            success_url=reverse_lazy("accounts:password_reset_done"),
        ),
        name="password_reset",
    ),
    path(
        "mot-de-passe/oubli/envoye/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "mot-de-passe/nouveau/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="accounts/password_reset_confirm.html",
            success_url=reverse_lazy("accounts:password_reset_complete"),
        ),
        name="password_reset_confirm",
    ),
    path(
        "mot-de-passe/nouveau/termine/",
        auth_views.PasswordResetCompleteView.as_view(template_name="accounts/password_reset_complete.html"),
        name="password_reset_complete",
    ),
]
