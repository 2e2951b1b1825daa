"""The person's voice: follow-up after a fiche navette, "Cette page vous a aidé ?", consultations of the public.

Every answer is anonymous: it keeps a territory, a network (follow-up), a month, never the person, the fiche,
an address or a link. A follow-up exists, with its link to the fiche, only between the person's consent and
the answer (or the end of the answer window): then the row is deleted and only counts remain.
"""

from django.db import models

from apps.directory.models import Network


class FollowUp(models.Model):
    """A pending follow-up of a person after a fiche navette, created only with their consent.

    Holds no address: the e-mail is read from the fiche's contact details when the message is sent, so an
    erasure of the person's data stops the follow-up too. Deleted once answered or expired.
    """

    class Source(models.TextChoices):
        RECEPTION = "reception", "Premier accueil (grille de pré-entretien)"
        CALLBACK = "callback", "Demande de rappel en ligne"
        REFERRAL = "referral", "Fiche navette"

    class State(models.TextChoices):
        WAITING = "waiting", "En attente de la fin de la fiche"
        SENT = "sent", "Questionnaire envoyé"

    referral = models.OneToOneField(
        "orientation.Referral", on_delete=models.CASCADE, related_name="follow_up", verbose_name="fiche navette"
    )
    source = models.CharField("accord donné lors de", max_length=10, choices=Source.choices)
    state = models.CharField("état", max_length=10, choices=State.choices, default=State.WAITING, db_index=True)
    # The secret half of the single-use link (the link is this value signed with the site's key).
    nonce = models.CharField(max_length=64, blank=True)
    consent_at = models.DateTimeField("accord recueilli le")
    sent_at = models.DateTimeField("envoyé le", null=True, blank=True)
    reminded_at = models.DateTimeField("relance envoyée le", null=True, blank=True)

    class Meta:
        verbose_name = "suivi de la personne"
        verbose_name_plural = "suivis des personnes"

    def __str__(self):
        return f"Suivi de la fiche navette n° {self.referral_id} ({self.get_state_display()})"


class FollowUpTally(models.Model):
    """How many follow-ups were sent, per territory, network and month: the base of the response rate."""

    territory = models.ForeignKey("geo.Territory", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    network = models.ForeignKey(Network, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    month = models.DateField("mois d'envoi")
    sent = models.PositiveIntegerField("questionnaires envoyés", default=0)

    class Meta:
        verbose_name = "compteur de suivis envoyés"
        verbose_name_plural = "compteurs de suivis envoyés"
        constraints = [
            models.UniqueConstraint(fields=["territory", "network", "month"], name="follow_up_tally_unique_cell")
        ]

    def __str__(self):
        return f"{self.month:%m/%Y} : {self.sent}"


class FollowUpAnswer(models.Model):
    """One anonymous answer to the follow-up: territory and network of the 2nd door, month it was sent."""

    class GotAnswer(models.TextChoices):
        YES = "yes", "Oui"
        PARTLY = "partly", "En partie"
        NO = "no", "Non"

    class RightPlace(models.TextChoices):
        YES = "yes", "Oui, c'était le bon endroit"
        NO = "no", "Non, ce n'était pas le bon endroit"
        UNSURE = "unsure", "Je ne sais pas"

    class NextStep(models.TextChoices):
        SUPPORT = "support", "Je suis accompagné·e (rendez-vous, suivi)"
        TRAINING = "training", "J'ai commencé une formation ou un emploi"
        INFORMED = "informed", "J'ai eu les informations que je cherchais"
        STILL_LOOKING = "still_looking", "Je cherche encore"
        NOTHING = "nothing", "Rien pour l'instant"

    class Recommend(models.TextChoices):
        YES = "yes", "Oui"
        MAYBE = "maybe", "Peut-être"
        NO = "no", "Non"

    territory = models.ForeignKey("geo.Territory", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    network = models.ForeignKey(Network, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    month = models.DateField("mois d'envoi du questionnaire")
    got_answer = models.CharField("réponse obtenue", max_length=10, choices=GotAnswer.choices)
    right_place = models.CharField("bon endroit", max_length=10, choices=RightPlace.choices)
    next_step = models.CharField("et ensuite", max_length=15, choices=NextStep.choices)
    recommend = models.CharField("recommanderait", max_length=10, choices=Recommend.choices)

    class Meta:
        verbose_name = "réponse au suivi"
        verbose_name_plural = "réponses au suivi"

    def __str__(self):
        return f"Réponse au suivi ({self.month:%m/%Y})"


class PageFeedback(models.Model):
    """One "Cette page vous a aidé ?" answer: the page, its territory when it has one, the day. Nothing else."""

    page = models.CharField("page", max_length=60, db_index=True)  # the route name, e.g. "public:place"
    path = models.CharField("adresse", max_length=200)  # without query string
    territory = models.ForeignKey("geo.Territory", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    helpful = models.BooleanField("la page a aidé")
    comment = models.TextField("commentaire", max_length=500, blank=True)
    date = models.DateField("jour", db_index=True)

    class Meta:
        verbose_name = "avis sur une page"
        verbose_name_plural = "avis sur les pages"
        ordering = ["-date", "-pk"]

    def __str__(self):
        return f"{self.path} : {'oui' if self.helpful else 'non'}"


class Consultation(models.Model):
    """A short questionnaire a coordinator runs for their territory (a forum, a public meeting)."""

    class Status(models.TextChoices):
        DRAFT = "draft", "En préparation"
        OPEN = "open", "Ouverte"
        CLOSED = "closed", "Close"

    territory = models.ForeignKey("geo.Territory", on_delete=models.PROTECT, related_name="consultations")
    title = models.CharField("titre", max_length=150)
    introduction = models.TextField("texte d'accueil", max_length=1000, blank=True)
    status = models.CharField("état", max_length=10, choices=Status.choices, default=Status.DRAFT)
    token = models.CharField(max_length=43, unique=True)  # the public link (tablet, QR code)
    created_by = models.ForeignKey("accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField("créée le", auto_now_add=True)

    class Meta:
        verbose_name = "consultation du public"
        verbose_name_plural = "consultations du public"
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.title


class ConsultationQuestion(models.Model):
    class Kind(models.TextChoices):
        CHOICE = "choice", "Choix unique dans une liste"
        TEXT = "text", "Réponse libre (courte)"

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField("ordre", default=0)
    label = models.CharField("question", max_length=250)
    kind = models.CharField("type de réponse", max_length=10, choices=Kind.choices, default=Kind.CHOICE)
    choices = models.JSONField("choix proposés", default=list, blank=True)

    class Meta:
        verbose_name = "question de consultation"
        ordering = ["consultation", "position", "pk"]

    def __str__(self):
        return self.label


class ConsultationResponse(models.Model):
    """One person's answers, anonymous: how they were collected and the month, nothing else."""

    class Channel(models.TextChoices):
        PAPER = "paper", "Papier, saisi ensuite"
        ONLINE = "online", "En ligne (tablette, téléphone)"

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="responses")
    channel = models.CharField("recueillie", max_length=10, choices=Channel.choices)
    month = models.DateField("mois")

    class Meta:
        verbose_name = "réponse à une consultation"
        verbose_name_plural = "réponses aux consultations"

    def __str__(self):
        return f"Réponse à « {self.consultation} »"


class ConsultationAnswer(models.Model):
    response = models.ForeignKey(ConsultationResponse, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(ConsultationQuestion, on_delete=models.CASCADE, related_name="answers")
    choice = models.CharField(max_length=150, blank=True)
    text = models.TextField(max_length=500, blank=True)

    class Meta:
        verbose_name = "réponse à une question de consultation"
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="consultation_answer_unique_per_question")
        ]

    def __str__(self):
        return f"Réponse à « {self.question} »"
