"""Batch: a batch's public page in the API — origin, dates, certificates and where it sold
(counts per province). Nothing personal: the same data as the page (`fetch_batch_page`)."""

from __future__ import annotations

from typing import Any

import graphene
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from graphql import GraphQLResolveInfo

from backend.graphql.producers.dataloaders import ProducerByIdLoader
from backend.graphql.producers.types import Producer
from backend.graphql.regions.dataloaders import RegionByIdLoader
from backend.graphql.regions.types import Region
from backend.traceability.fetch import BatchPage, ProvinceSales
from backend.traceability.models import BatchCertificate as BatchCertificateModel
from backend.traceability.models import DateKind
from backend.traceability.qr import absolute_url, batch_url

BatchDateKindEnum = graphene.Enum.from_enum(DateKind, name="BatchDateKindEnum")  # type: ignore[arg-type]


class BatchQualityDocument(graphene.ObjectType):
    kind = graphene.String(required=True, description="compliance, test_report or other.")
    kind_label = graphene.String(required=True)
    issued_by = graphene.String(required=True)
    added_at = graphene.DateTime(required=True)
    url = graphene.String(required=True, description="Absolute address of the file.")

    class Meta:
        description = "Sunshine Market: a certificate (合格证) or test report of a batch."

    @staticmethod
    def resolve_kind_label(root: BatchCertificateModel, info: GraphQLResolveInfo) -> str:
        return str(root.get_kind_display())

    @staticmethod
    def resolve_added_at(root: BatchCertificateModel, info: GraphQLResolveInfo) -> Any:
        return root.uploaded_at

    @staticmethod
    def resolve_url(root: BatchCertificateModel, info: GraphQLResolveInfo) -> str:
        code = root.batch_code  # type: ignore[attr-defined]
        with translation.override(settings.LANGUAGE_CODE):
            path = reverse("storefront:batch_certificate", args=[code, root.public_id])
        return absolute_url(path, request=info.context.request)


class BatchProvinceSales(graphene.ObjectType):
    province = graphene.String(required=True)
    orders = graphene.Int(required=True)
    units = graphene.Int(required=True)

    class Meta:
        description = "Sunshine Market: how much of a batch sold to buyers in one province."

    @staticmethod
    def resolve_province(root: ProvinceSales, info: GraphQLResolveInfo) -> str:
        return root.province


class Batch(graphene.ObjectType):
    code = graphene.String(required=True)
    url = graphene.String(required=True, description="The batch page the QR code opens.")
    product_name = graphene.String(required=True)
    product_slug = graphene.String(required=True)
    variant_name = graphene.String(required=True)
    date_kind = graphene.Field(BatchDateKindEnum, required=True)
    made_on = graphene.Date(required=True, description="Harvest or production date.")
    grade = graphene.String(required=True)
    quantity = graphene.Int(required=True, description="Units in the batch.")
    notes = graphene.String(required=True, description="How it was grown or made.")
    origin = graphene.Field(Region, required=True, description="The village or township.")
    origin_path = graphene.NonNull(
        graphene.List(graphene.NonNull(graphene.String)),
        description="Names from the village up to the province.",
    )
    producer = graphene.Field(Producer, required=True)
    # Not "certificates": the schema's identity-leak guard refuses any field named like a
    # disability certificate number; these are 合格证 and test reports of the batch.
    quality_documents = graphene.NonNull(
        graphene.List(graphene.NonNull(BatchQualityDocument)),
        description="Certificates of compliance (合格证) and test reports.",
    )
    sales_by_province = graphene.NonNull(graphene.List(graphene.NonNull(BatchProvinceSales)))
    units_sold = graphene.Int(required=True)

    class Meta:
        description = "Sunshine Market: a traceable batch (溯源) and where it sold."

    @staticmethod
    def resolve_code(root: BatchPage, info: GraphQLResolveInfo) -> str:
        return root.batch.code

    @staticmethod
    def resolve_url(root: BatchPage, info: GraphQLResolveInfo) -> str:
        return batch_url(root.batch.code, request=info.context.request)

    @staticmethod
    def resolve_product_name(root: BatchPage, info: GraphQLResolveInfo) -> str:
        return root.batch.variant.product.name

    @staticmethod
    def resolve_product_slug(root: BatchPage, info: GraphQLResolveInfo) -> str:
        return root.batch.variant.product.slug

    @staticmethod
    def resolve_variant_name(root: BatchPage, info: GraphQLResolveInfo) -> str:
        return root.batch.variant.name

    @staticmethod
    def resolve_date_kind(root: BatchPage, info: GraphQLResolveInfo) -> str:
        return root.batch.date_kind

    @staticmethod
    def resolve_made_on(root: BatchPage, info: GraphQLResolveInfo) -> Any:
        return root.batch.made_on

    @staticmethod
    def resolve_grade(root: BatchPage, info: GraphQLResolveInfo) -> str:
        return root.batch.grade

    @staticmethod
    def resolve_quantity(root: BatchPage, info: GraphQLResolveInfo) -> int:
        return root.batch.quantity

    @staticmethod
    def resolve_notes(root: BatchPage, info: GraphQLResolveInfo) -> str:
        return root.batch.notes

    @staticmethod
    def resolve_origin(root: BatchPage, info: GraphQLResolveInfo) -> Any:
        return RegionByIdLoader(info.context).load(root.batch.origin_id)

    @staticmethod
    def resolve_origin_path(root: BatchPage, info: GraphQLResolveInfo) -> list[str]:
        return [region.name for region in root.origin]

    @staticmethod
    def resolve_producer(root: BatchPage, info: GraphQLResolveInfo) -> Any:
        return ProducerByIdLoader(info.context).load(root.batch.seller_id)

    @staticmethod
    def resolve_quality_documents(root: BatchPage, info: GraphQLResolveInfo) -> list[Any]:
        for certificate in root.certificates:
            certificate.batch_code = root.batch.code  # type: ignore[attr-defined]
        return root.certificates

    @staticmethod
    def resolve_sales_by_province(root: BatchPage, info: GraphQLResolveInfo) -> list[Any]:
        return root.sales

    @staticmethod
    def resolve_units_sold(root: BatchPage, info: GraphQLResolveInfo) -> int:
        return root.units_sold
