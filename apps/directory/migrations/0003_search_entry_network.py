from django.db import migrations, models


def empty_the_index(apps, schema_editor):
    """Existing entries have no network: emptied here, the index is rebuilt whole right after
    `migrate` (signals.fill_empty_index, on post_migrate)."""
    apps.get_model("directory", "SearchEntry").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0002_search_index"),
    ]

    operations = [
        migrations.AddField(
            model_name="searchentry",
            name="network",
            field=models.CharField(blank=True, max_length=50),
        ),
        migrations.RunPython(empty_the_index, migrations.RunPython.noop),
    ]
