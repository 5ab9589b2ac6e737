"""Default shipping methods with nationwide rates and dearer rates for remote provinces.

Idempotent: methods and rates are matched by slug and province code and left alone when present.
"""

from decimal import Decimal

from django.db import migrations

REMOTE_PROVINCES = ("54", "63", "65")  # 西藏, 青海, 新疆

METHODS = [
    # slug, name, description, supports cold chain, sort, nationwide rate, remote rate
    # rate = (first kg price, price per further kg, cold-chain surcharge)
    ("standard", "标准快递", "3–5 天送达", True, 0, ("8.00", "3.00", "12.00"), ("18.00", "10.00", "25.00")),
    ("express", "特快专递", "1–2 天送达", True, 1, ("15.00", "6.00", "10.00"), ("28.00", "15.00", "20.00")),
    ("village-pickup", "村级服务站自提", "到村级服务站自取", False, 2, ("3.00", "1.00", "0.00"), None),
]


def create_methods(apps, schema_editor):
    ShippingMethod = apps.get_model("checkout", "ShippingMethod")
    ShippingRate = apps.get_model("checkout", "ShippingRate")
    for slug, name, description, cold, sort_order, nationwide, remote in METHODS:
        method, _ = ShippingMethod.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "description": description,
                "supports_cold_chain": cold,
                "sort_order": sort_order,
            },
        )
        rates = [("", nationwide)] + [(code, remote) for code in REMOTE_PROVINCES if remote]
        for code, (first, step, surcharge) in rates:
            ShippingRate.objects.get_or_create(
                method=method,
                destination_province_code=code,
                defaults={
                    "first_weight_grams": 1000,
                    "first_price_amount": Decimal(first),
                    "step_weight_grams": 1000,
                    "step_price_amount": Decimal(step),
                    "cold_chain_surcharge_amount": Decimal(surcharge),
                },
            )


class Migration(migrations.Migration):
    dependencies = [("checkout", "0001_initial")]

    operations = [migrations.RunPython(create_methods, migrations.RunPython.noop)]
