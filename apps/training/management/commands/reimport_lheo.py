from datetime import timedelta

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from apps.training.models import TrainingOffer


class Command(BaseCommand):
    help = (
        "Réimporte le flux LHEO de SPRO_LHEO_FEED_URL quand le dernier import réussi a plus de "
        "SPRO_LHEO_REIMPORT_HOURS heures (tâche planifiée de run_scheduled_jobs) ; sans adresse réglée, ne fait rien."
    )

    def handle(self, *args, **options):
        url = settings.SPRO_LHEO_FEED_URL
        if not url:
            return
        last = TrainingOffer.objects.filter(state=TrainingOffer.State.DONE).order_by("-finished_at").first()
        if last and last.finished_at > timezone.now() - timedelta(hours=settings.SPRO_LHEO_REIMPORT_HOURS):
            return
        try:
            call_command("import_lheo", url=url, stdout=self.stdout)
        except CommandError as error:
            self.stderr.write(str(error))
