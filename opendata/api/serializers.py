"""The API's documents (read-only); field names are English, values as stored."""

from __future__ import annotations

from django.urls import reverse
from rest_framework import serializers

from opendata.models import DataSettings


def _decimal(**options) -> serializers.DecimalField:
    return serializers.DecimalField(max_digits=5, decimal_places=2, **options)


class ProvinceSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()


class RegionSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="Kemendagri code, e.g. 33.73")
    name = serializers.CharField()
    kind = serializers.ChoiceField(choices=["kabupaten", "kota"])
    province = serializers.SerializerMethodField()

    def get_province(self, regency) -> ProvinceSerializer:
        return {"code": regency.province_id, "name": regency.province.name}


class CategoryScoreSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    score = _decimal(allow_null=True)


def _text(value) -> str | None:
    return None if value is None else f"{value:.2f}"


def result_document(result) -> dict:
    """A result as ``ResultSerializer`` describes it, built directly: a year's 514
    documents are made in a few milliseconds (the serializer describes them for the
    schema, and schemathesis checks that the two agree)."""
    return {
        "code": result.code,
        "name": result.name,
        "kind": result.kind,
        "province": {"code": result.province_code, "name": result.province_name},
        "categories": [
            {"code": c.code, "name": c.name, "score": _text(c.score)}
            for c in result.categories
        ],
        "total": _text(result.total),
        "predicate": result.predicate,
        "earns_award": result.earns_award,
        "national_rank": result.national_rank,
        "province_rank": result.province_rank,
        "aksi_ham_score": _text(result.aksi_ham_score),
    }


class ResultSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    kind = serializers.ChoiceField(choices=["kabupaten", "kota"])
    province = serializers.SerializerMethodField()
    categories = CategoryScoreSerializer(many=True)
    total = _decimal()
    predicate = serializers.CharField()
    earns_award = serializers.BooleanField()
    national_rank = serializers.IntegerField(min_value=1)
    province_rank = serializers.IntegerField(min_value=1)
    aksi_ham_score = _decimal(
        allow_null=True,
        help_text="Aksi HAM yearly score of the year's data year (null: none).",
    )

    def get_province(self, result) -> ProvinceSerializer:
        return {"code": result.province_code, "name": result.province_name}


class RegionResultSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    total = _decimal()
    predicate = serializers.CharField()
    earns_award = serializers.BooleanField()
    national_rank = serializers.IntegerField(min_value=1)
    province_rank = serializers.IntegerField(min_value=1)


class RegionDetailSerializer(RegionSerializer):
    results = serializers.SerializerMethodField()

    def get_results(self, regency) -> RegionResultSerializer(many=True):
        rows = [
            {
                "year": catalogue.year,
                "total": result.total,
                "predicate": result.predicate,
                "earns_award": result.earns_award,
                "national_rank": result.national_rank,
                "province_rank": result.province_rank,
            }
            for catalogue, result in self.context["results"]
        ]
        return RegionResultSerializer(rows, many=True).data


class LicenceSerializer(serializers.Serializer):
    name = serializers.CharField()
    url = serializers.CharField(allow_null=True)


class MetadataSerializer(serializers.Serializer):
    data_steward = serializers.CharField(allow_null=True)
    data_producer = serializers.CharField(allow_null=True)
    licence = LicenceSerializer()
    legal_basis = serializers.CharField(allow_null=True)
    programme_legal_basis = serializers.CharField(allow_null=True)


class LinksSerializer(serializers.Serializer):
    results = serializers.CharField()
    csv = serializers.CharField()
    json = serializers.CharField()
    metadata = serializers.CharField()


class YearSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    data_year = serializers.IntegerField()
    programme_name = serializers.CharField()
    programme_short_name = serializers.CharField()
    is_sample = serializers.BooleanField()
    sample_label = serializers.CharField(allow_blank=True)
    decree_number = serializers.CharField(source="publication.decree_number")
    decree_date = serializers.DateField(source="publication.decree_date")
    published_at = serializers.DateTimeField(source="publication.published_at")
    results_count = serializers.IntegerField(source="published_count")
    links = serializers.SerializerMethodField()

    def get_links(self, catalogue) -> LinksSerializer:
        year = [catalogue.year]
        return {
            "results": reverse("api:result-list", args=year),
            "csv": reverse("opendata:results-csv", args=year),
            "json": reverse("opendata:results-json", args=year),
            "metadata": reverse("opendata:metadata", args=year),
        }


class YearDetailSerializer(YearSerializer):
    metadata = serializers.SerializerMethodField()

    def get_metadata(self, catalogue) -> MetadataSerializer:
        data = DataSettings.of(catalogue)
        name, url = data.licence
        return {
            "data_steward": data.data_steward or None,
            "data_producer": data.producer or None,
            "licence": {"name": name, "url": url or None},
            "legal_basis": data.legal_basis or None,
            "programme_legal_basis": catalogue.legal_basis_short or None,
        }
