"""Triggers that mark shops and households whose summary rows a change makes stale (see
backend/statistics/summaries.py), and a first mark for every shop with order lines so the
first read fills the tables (or run `statistics_rebuild`)."""

from django.db import migrations

MARKS = "programme_statistics_stalemark"

FORWARD = f"""
CREATE FUNCTION programme_statistics_mark_inserted_lines() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO {MARKS} (producer_id, household_ref)
    SELECT DISTINCT producer_id, NULL::varchar FROM new_lines;
    INSERT INTO {MARKS} (producer_id, household_ref)
    SELECT DISTINCT NULL::int, beneficiary_household_ref FROM new_lines
    WHERE beneficiary_household_ref <> '';
    RETURN NULL;
END $$;

CREATE FUNCTION programme_statistics_mark_line() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO {MARKS} (producer_id, household_ref)
    VALUES (OLD.producer_id, NULLIF(OLD.beneficiary_household_ref, ''));
    IF TG_OP = 'UPDATE' THEN
        INSERT INTO {MARKS} (producer_id, household_ref)
        VALUES (NEW.producer_id, NULLIF(NEW.beneficiary_household_ref, ''));
    END IF;
    RETURN NULL;
END $$;

CREATE FUNCTION programme_statistics_mark_suborder() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO {MARKS} (producer_id, household_ref)
    VALUES (OLD.producer_id, NULL), (NEW.producer_id, NULL);
    INSERT INTO {MARKS} (producer_id, household_ref)
    SELECT DISTINCT NULL::int, l.beneficiary_household_ref FROM orders_orderline l
    WHERE l.sub_order_id = NEW.id AND l.beneficiary_household_ref <> '';
    RETURN NULL;
END $$;

CREATE FUNCTION programme_statistics_mark_order() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO {MARKS} (producer_id, household_ref)
    SELECT DISTINCT s.producer_id, NULL::varchar FROM orders_suborder s
    WHERE s.order_id = NEW.id;
    INSERT INTO {MARKS} (producer_id, household_ref)
    SELECT DISTINCT NULL::int, l.beneficiary_household_ref FROM orders_orderline l
    WHERE l.order_id = NEW.id AND l.beneficiary_household_ref <> '';
    RETURN NULL;
END $$;

CREATE FUNCTION programme_statistics_mark_producer() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO {MARKS} (producer_id, household_ref) VALUES (NEW.id, NULL);
    INSERT INTO {MARKS} (producer_id, household_ref)
    SELECT DISTINCT NULL::int, l.beneficiary_household_ref FROM orders_orderline l
    WHERE l.producer_id = NEW.id AND l.beneficiary_household_ref <> '';
    RETURN NULL;
END $$;

CREATE FUNCTION programme_statistics_mark_product() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO {MARKS} (producer_id, household_ref)
    VALUES (OLD.producer_id, NULL), (NEW.producer_id, NULL);
    INSERT INTO {MARKS} (producer_id, household_ref)
    SELECT DISTINCT NULL::int, l.beneficiary_household_ref
    FROM orders_orderline l JOIN catalog_productvariant v ON v.id = l.variant_id
    WHERE v.product_id = NEW.id AND l.beneficiary_household_ref <> '';
    RETURN NULL;
END $$;

CREATE TRIGGER programme_statistics_lines_inserted AFTER INSERT ON orders_orderline
REFERENCING NEW TABLE AS new_lines
FOR EACH STATEMENT EXECUTE FUNCTION programme_statistics_mark_inserted_lines();

CREATE TRIGGER programme_statistics_line_deleted AFTER DELETE ON orders_orderline
FOR EACH ROW EXECUTE FUNCTION programme_statistics_mark_line();

CREATE TRIGGER programme_statistics_line_changed AFTER UPDATE ON orders_orderline
FOR EACH ROW WHEN (
    OLD.quantity IS DISTINCT FROM NEW.quantity
    OR OLD.total_price_amount IS DISTINCT FROM NEW.total_price_amount
    OR OLD.beneficiary_household_ref IS DISTINCT FROM NEW.beneficiary_household_ref
    OR OLD.variant_id IS DISTINCT FROM NEW.variant_id
    OR OLD.producer_id IS DISTINCT FROM NEW.producer_id
    OR OLD.sub_order_id IS DISTINCT FROM NEW.sub_order_id
) EXECUTE FUNCTION programme_statistics_mark_line();

CREATE TRIGGER programme_statistics_suborder_changed AFTER UPDATE ON orders_suborder
FOR EACH ROW WHEN (
    OLD.status IS DISTINCT FROM NEW.status
    OR OLD.producer_id IS DISTINCT FROM NEW.producer_id
    OR OLD.order_id IS DISTINCT FROM NEW.order_id
) EXECUTE FUNCTION programme_statistics_mark_suborder();

CREATE TRIGGER programme_statistics_order_changed AFTER UPDATE ON orders_order
FOR EACH ROW WHEN (
    OLD.payment_status IS DISTINCT FROM NEW.payment_status
    OR OLD.created_at IS DISTINCT FROM NEW.created_at
) EXECUTE FUNCTION programme_statistics_mark_order();

CREATE TRIGGER programme_statistics_producer_changed AFTER UPDATE ON producers_producer
FOR EACH ROW WHEN (
    OLD.kind IS DISTINCT FROM NEW.kind
    OR OLD.region_id IS DISTINCT FROM NEW.region_id
    OR OLD.disability_category IS DISTINCT FROM NEW.disability_category
) EXECUTE FUNCTION programme_statistics_mark_producer();

CREATE TRIGGER programme_statistics_product_changed AFTER UPDATE ON catalog_product
FOR EACH ROW WHEN (
    OLD.category_id IS DISTINCT FROM NEW.category_id
    OR OLD.producer_id IS DISTINCT FROM NEW.producer_id
) EXECUTE FUNCTION programme_statistics_mark_product();

INSERT INTO {MARKS} (producer_id, household_ref)
SELECT DISTINCT producer_id, NULL::varchar FROM orders_orderline;
INSERT INTO {MARKS} (producer_id, household_ref)
SELECT DISTINCT NULL::int, beneficiary_household_ref FROM orders_orderline
WHERE beneficiary_household_ref <> '';
"""

BACKWARD = """
DROP TRIGGER programme_statistics_lines_inserted ON orders_orderline;
DROP TRIGGER programme_statistics_line_deleted ON orders_orderline;
DROP TRIGGER programme_statistics_line_changed ON orders_orderline;
DROP TRIGGER programme_statistics_suborder_changed ON orders_suborder;
DROP TRIGGER programme_statistics_order_changed ON orders_order;
DROP TRIGGER programme_statistics_producer_changed ON producers_producer;
DROP TRIGGER programme_statistics_product_changed ON catalog_product;
DROP FUNCTION programme_statistics_mark_inserted_lines();
DROP FUNCTION programme_statistics_mark_line();
DROP FUNCTION programme_statistics_mark_suborder();
DROP FUNCTION programme_statistics_mark_order();
DROP FUNCTION programme_statistics_mark_producer();
DROP FUNCTION programme_statistics_mark_product();
"""


class Migration(migrations.Migration):
    dependencies = [
        ("programme_statistics", "0001_sales_summaries"),
        ("orders", "0002_pickup_point_and_delivered_at"),
        ("producers", "0003_identity_numbers_encrypted"),
        ("catalog", "0001_initial"),
    ]

    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
