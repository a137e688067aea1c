"""The read API (version 1): published years, their results, the kab/kota list.

Everything here is public and read-only; nothing of an unpublished year exists for
it (``opendata.selectors``). A year never published answers 404, as does a
kab/kota that is not among a published year's results.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics, serializers
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response

from indicators.models import Catalogue
from opendata import selectors
from opendata.api import serializers as s
from opendata.api.auth import PartnerTokenAuthentication
from opendata.api.pagination import Pages
from opendata.api.throttles import OpenDataThrottle


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField()


class ThrottledSerializer(ErrorSerializer):
    retry_after = serializers.IntegerField()


ERRORS = {
    401: OpenApiResponse(ErrorSerializer, description="Unknown or revoked token."),
    429: OpenApiResponse(ThrottledSerializer, description="Too many requests."),
}
NOT_FOUND = {404: OpenApiResponse(ErrorSerializer, description="Not published.")}
YEAR = OpenApiParameter(
    "year",
    {"type": "integer", "minimum": 1, "maximum": 32767},
    OpenApiParameter.PATH,
    description="A published assessment year.",
)
CODE = OpenApiParameter(
    "code",
    {"type": "string", "pattern": r"^[0-9]{2}\.[0-9]{2}$"},
    OpenApiParameter.PATH,
    description="Kemendagri code of a kab/kota, e.g. 33.73.",
)


class OpenDataView(generics.GenericAPIView):
    authentication_classes = [PartnerTokenAuthentication]
    permission_classes: list = []
    throttle_classes = [OpenDataThrottle]
    pagination_class = Pages


def _year(year: int) -> Catalogue:
    catalogue = selectors.published_year(year)
    if catalogue is None:
        raise NotFound(_("Hasil tahun ini belum diumumkan."))
    return catalogue


@extend_schema(responses={200: s.YearSerializer(many=True), **ERRORS})
class YearList(OpenDataView, generics.ListAPIView):
    """The years whose results were published, newest first."""

    serializer_class = s.YearSerializer
    pagination_class = None

    def get_queryset(self):
        return selectors.published_years()


@extend_schema(
    parameters=[YEAR], responses={200: s.YearDetailSerializer, **NOT_FOUND, **ERRORS}
)
class YearDetail(OpenDataView):
    """One published year, with the metadata of its open data."""

    serializer_class = s.YearDetailSerializer

    def get(self, request: Request, year: int) -> Response:
        return Response(self.get_serializer(_year(year)).data)


@extend_schema(
    parameters=[YEAR],
    responses={200: s.ResultSerializer(many=True), **NOT_FOUND, **ERRORS},
)
class ResultList(OpenDataView, generics.ListAPIView):
    """A published year's results in national rank order, one row per kab/kota."""

    serializer_class = s.ResultSerializer

    def list(self, request: Request, year: int) -> Response:
        # The year's documents are made once per state of the year and cached;
        # a page is a slice of them.
        catalogue = _year(year)
        documents = selectors.cached(
            catalogue,
            "api-results",
            lambda: [s.result_document(r) for r in selectors.year_results(catalogue)],
        )
        page = self.paginate_queryset(documents)
        return self.get_paginated_response(page)


@extend_schema(
    parameters=[YEAR, CODE], responses={200: s.ResultSerializer, **NOT_FOUND, **ERRORS}
)
class ResultDetail(OpenDataView):
    """One kab/kota's result in a published year."""

    serializer_class = s.ResultSerializer

    def get(self, request: Request, year: int, code: str) -> Response:
        result = selectors.year_result(_year(year), code)
        if result is None:
            raise NotFound(_("Kabupaten/kota ini tidak ada dalam hasil tahun ini."))
        return Response(s.result_document(result))


@extend_schema(responses={200: s.RegionSerializer(many=True), **ERRORS})
class RegionList(OpenDataView, generics.ListAPIView):
    """Every kab/kota with its province, by Kemendagri code."""

    serializer_class = s.RegionSerializer

    def get_queryset(self):
        return selectors.regions()


@extend_schema(
    parameters=[CODE], responses={200: s.RegionDetailSerializer, **NOT_FOUND, **ERRORS}
)
class RegionDetail(OpenDataView):
    """One kab/kota and its results in every published year."""

    serializer_class = s.RegionDetailSerializer

    def get(self, request: Request, code: str) -> Response:
        regency = selectors.regions().filter(code=code).first()
        if regency is None:
            raise NotFound(_("Kabupaten/kota tidak ditemukan."))
        context = {
            **self.get_serializer_context(),
            "results": selectors.region_results(code),
        }
        return Response(s.RegionDetailSerializer(regency, context=context).data)


@extend_schema(exclude=True)
class NotFoundView(OpenDataView):
    """Any other address under the API: a JSON 404, never the site's HTML page."""

    def get(self, request: Request, *args, **kwargs) -> Response:
        raise NotFound(_("Alamat API ini tidak ada."))
