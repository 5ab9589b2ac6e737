from __future__ import annotations

from decimal import Decimal

import pytest

from backend.catalog.tests.factories import ChannelFactory
from backend.designations.tests.ledger_rows import moment, procurement_sale
from backend.enterprises.tests.factories import EnterpriseFactory
from backend.procurement.models import ProcurementOrderLine
from backend.procurement.tests.scenarios import contracted_variant, draft, enterprise_side
from backend.statistics.areas import Area
from backend.statistics.purchases import enterprise_purchases
from backend.statistics.tests.scenarios import build_sales

pytestmark = pytest.mark.django_db


def test_enterprise_purchases_split_contract_quote_and_protected_price():
    # given: in 成县 (P5) E1 bought 500.00 under a contract at a protected floor and 1000.00
    # from a quote of which it accepted 800.00; E2 bought 200.00 from a quote (and 999.00 in
    # 2024); in 渭源县 (P1) E2 bought 100.00 from a quote
    fixture = build_sales()
    p1, p5 = fixture.producers["P1"], fixture.producers["P5"]
    side = enterprise_side("陇南阳光食堂")
    other = EnterpriseFactory.create(name="定西团餐")
    contract = draft(side, p5, contracted_variant(ChannelFactory.create(), p5))
    under_contract = procurement_sale(side.enterprise, p5, "500.00", when=moment(2025, 4))
    ProcurementOrderLine.objects.filter(pk=under_contract.pk).update(
        contract_line=contract.lines.get(), floor_amount_per_kg=Decimal("400.00")
    )
    procurement_sale(side.enterprise, p5, "1000.00", when=moment(2025, 5), accepted="800.00")
    procurement_sale(other, p5, "200.00", when=moment(2025, 6))
    procurement_sale(other, p5, "999.00", when=moment(2024, 6))
    procurement_sale(other, p1, "100.00", when=moment(2025, 6))
    # when
    county = enterprise_purchases(Area(fixture.regions["county_c"]), 2025)
    province = enterprise_purchases(Area(fixture.regions["province"]), 2025)
    # then
    assert (county.total.contract_value, county.total.quote_value) == (
        Decimal("500.00"),
        Decimal("1000.00"),
    )
    assert county.total.protected_value == Decimal("500.00")
    assert county.total.protected_lines == 1
    by_enterprise = {cell.enterprise_name: cell for cell in county.by_enterprise}
    assert by_enterprise["陇南阳光食堂"].total_value == Decimal("1300.00")
    assert by_enterprise["定西团餐"].quote_value == Decimal("200.00")
    assert [cell.enterprise_name for cell in county.by_enterprise] == ["陇南阳光食堂", "定西团餐"]
    assert province.total.quote_value == Decimal("1100.00")
