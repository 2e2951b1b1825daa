from django import forms

from .models import InformationTool, Resource, ResourceCategory, ResourceVersion


class SearchForm(forms.Form):
    q = forms.CharField(label="Rechercher", required=False, max_length=100)
    categorie = forms.ModelChoiceField(
        label="Catégorie", queryset=ResourceCategory.objects.all(), required=False, to_field_name="code"
    )


class ResourceForm(forms.ModelForm):
    file = forms.FileField(
        label="Fichier (première version)",
        required=False,
        help_text=ResourceVersion._meta.get_field("file").help_text,
        validators=ResourceVersion._meta.get_field("file").validators,
    )

    class Meta:
        model = Resource
        fields = ["category", "title", "description", "audience", "url", "is_active"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["file"]  # a file changes by a new version

    def clean(self):
        data = super().clean()
        creating = self.instance.pk is None
        has_file = bool(data.get("file")) if creating else self.instance.versions.exists()
        if data.get("url") and has_file:
            self.add_error("url", "Lien : une ressource est un lien ou un fichier, pas les deux.")
        elif not data.get("url") and not has_file and not self.errors:
            self.add_error("url" if not creating else "file", "Donnez un fichier ou un lien.")
        return data


class VersionForm(forms.ModelForm):
    class Meta:
        model = ResourceVersion
        fields = ["file", "note"]


class ToolForm(forms.ModelForm):
    class Meta:
        model = InformationTool
        fields = ["network", "name", "kind", "url", "description", "for_public"]
