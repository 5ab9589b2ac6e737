from typing import Any

from django.db import migrations


def create_weights(apps: Any, schema_editor: Any) -> None:
    apps.get_model("search", "RankingWeights").objects.get_or_create(pk=1)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(create_weights, migrations.RunPython.noop)]
