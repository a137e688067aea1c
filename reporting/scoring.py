"""KKPHAM scores, computed (nothing is written here; `services.ranking` stores them).

Indicator scores → type points → category scores → total → predicate.

The rule (defaults from the documented 2016 regulation; every number is a catalogue
setting):

* An indicator's score s (0-100) is fixed by its answer kind when the Kanwil accepts
  the answer. Answers not accepted count as 0 and are listed as such.
* Within a category, each type t (struktur, proses, hasil) earns
  ``W_t × Σ(w_i × s_i) / (100 × Σ w_i)`` points, W_t being the type weight (10/30/60)
  and w_i the indicator weights of that type in that category.
* The category score is ``100 × Σ type points / Σ W_t`` over the types the category
  has, rounded to 2 decimals (so 10 + 30 + 60 gives a score out of 100).
* The base total is the mean of the category scores weighted by each category's
  weight (equal by default), rounded to 2 decimals.
* Bonus and deduction (each within the catalogue's limit) are added and subtracted;
  the total stays within 0-100. The predicate is the highest band whose minimum the
  total reaches.

Rounding happens only at the category and total levels, so the published category
scores add up to the published total exactly (see ``breakdown``).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Context, Decimal
from functools import cached_property
from json.encoder import encode_basestring_ascii as quoted
from typing import Any, NamedTuple, Protocol

from indicators.models import Catalogue, Indicator
from kernel.json import JSONText
from reporting.models import Adjustment, Answer, Assessment

RULE_VERSION = "kkpham-2016-bawaan/1"
Q2 = Decimal("0.01")
Q4 = Decimal("0.0001")
ZERO = Decimal(0)
HUNDRED = Decimal(100)
TYPES = [t.value for t in Indicator.Type]
NO_ANSWER = ("", None)
# What each value of a stored indicator line is (see IndicatorPoints.as_json).
LINE_FIELDS = ("code", "status", "weight", "score", "points")


# Scores are sums of fractions such as 1/3, so a value that is exactly x.xx5 can be
# held as x.xx4999… at any finite precision. Working at 50 digits and adding 1e-30
# before rounding settles such ties the way exact arithmetic would: no real score
# lies that close below a rounding boundary (their denominators are far smaller).
PRECISE = Context(prec=50)
NUDGE = Decimal("1e-30")


def round4(value: Decimal) -> Decimal:
    return value.quantize(Q4, rounding=ROUND_HALF_UP)


def round2(value: Decimal) -> Decimal:
    """Round half up to 2 decimals, treating an almost-exact tie as the tie it is."""
    nudged = PRECISE.add(value, NUDGE) if value >= 0 else PRECISE.subtract(value, NUDGE)
    return nudged.quantize(Q2, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class IndicatorRule:
    id: int
    code: str
    category_id: int
    type: str
    weight: Decimal


@dataclass(frozen=True)
class CategoryRule:
    id: int
    code: str
    name: str
    weight: Decimal


@dataclass(frozen=True)
class TypeRule:
    """One indicator type within one category: its weight W_t and the Σ w_i of its
    indicators."""

    type: str
    weight: Decimal
    indicator_weights: Decimal
    indicators: tuple[IndicatorRule, ...]


@dataclass
class YearRules:
    """What a catalogue says about scoring, loaded once per year."""

    catalogue_id: int
    type_weights: dict[str, Decimal]
    bands: list[
        tuple[Decimal, str, bool]
    ]  # (minimum, label, earns award), highest first
    categories: list[CategoryRule]
    indicators: list[IndicatorRule]

    @classmethod
    def load(cls, catalogue: Catalogue) -> YearRules:
        return cls(
            catalogue_id=catalogue.pk,
            type_weights={k: Decimal(v) for k, v in catalogue.type_weights().items()},
            bands=[
                (b.min_score, b.label, b.earns_award)
                for b in catalogue.bands.order_by("-min_score")
            ],
            categories=[
                CategoryRule(c.pk, c.code, c.name, c.weight)
                for c in catalogue.categories.order_by("order", "code")
            ],
            indicators=[
                IndicatorRule(i.pk, i.code, i.category_id, i.type, i.weight)
                for i in catalogue.indicators.order_by("category__order", "order")
            ],
        )

    def predicate(self, total: Decimal) -> tuple[str, bool]:
        for minimum, label, award in self.bands:
            if total >= minimum:
                return label, award
        return "", False

    @cached_property
    def layout(self) -> list[tuple[CategoryRule, list[TypeRule]]]:
        """Each category with the types it has, in order: worked out once per year."""
        by_category: dict[int, dict[str, list[IndicatorRule]]] = defaultdict(
            lambda: defaultdict(list)
        )
        for indicator in self.indicators:
            by_category[indicator.category_id][indicator.type].append(indicator)
        return [
            (
                category,
                [
                    TypeRule(
                        type_,
                        self.type_weights[type_],
                        sum((i.weight for i in members), ZERO),
                        tuple(members),
                    )
                    for type_ in TYPES
                    if (members := by_category[category.id].get(type_))
                ],
            )
            for category in self.categories
        ]

    @cached_property
    def lines(self) -> dict[int, dict[tuple[str, str | None], Line]]:
        """Indicator id → (status, score text) → the line worked out for it."""
        return {indicator.id: {} for indicator in self.indicators}

    @cached_property
    def _amounts(
        self,
    ) -> dict[tuple[Decimal, Decimal, Decimal, str], tuple[Decimal, Decimal, Decimal]]:
        return {}

    def line(
        self,
        type_rule: TypeRule,
        indicator: IndicatorRule,
        status: str,
        score: Decimal | str | None,
    ) -> Line:
        """One indicator's line for an answer's status and stored score (or its text).

        The same answer gives the same line in every kab/kota, so each distinct line
        of a year is worked out once (``lines``): a national recompute looks 61,680
        answers up in a few thousand lines, and their amounts are shared by the
        indicators of equal weight in a type.
        """
        # By the score's text: 90 and 90.00 are equal numbers but written differently.
        text = None if score is None else str(score)
        known = self.lines[indicator.id]
        found = known.get((status, text))
        if found is None:
            counts = status == Answer.Status.ACCEPTED and text is not None
            counted, shown, weighted = (
                self._amount(type_rule, indicator.weight, text)
                if counts
                else (ZERO, ZERO.quantize(Q4), ZERO)
            )
            found = known[(status, text)] = Line(
                IndicatorPoints(
                    indicator.code, status, indicator.weight, counted, shown
                ),
                weighted,
                counts,
            )
        return found

    def _amount(
        self, type_rule: TypeRule, weight: Decimal, text: str
    ) -> tuple[Decimal, Decimal, Decimal]:
        """An accepted score's (score, points shown to 4 decimals, w·s)."""
        key = (type_rule.weight, type_rule.indicator_weights, weight, text)
        found = self._amounts.get(key)
        if found is None:
            counted = Decimal(text)
            shown = (
                type_rule.weight
                * weight
                * counted
                / (HUNDRED * type_rule.indicator_weights)
            )
            found = self._amounts[key] = (counted, shown.quantize(Q4), weight * counted)
        return found


class Line(NamedTuple):
    """What ``compute`` needs of one answer: its breakdown line, its w·s, and
    whether it counts (an answer not accepted counts as 0 and is listed)."""

    points: IndicatorPoints
    weighted: Decimal
    counts: bool


# The breakdown document: what ``compute`` writes into ``Score.breakdown`` and what
# every reader (score page, PDF and spreadsheet exports, dashboards) reads back through
# ``Breakdown.of(score)``. Stored as JSON with numbers as text (``str(Decimal)``), so a
# stored document reads back to the same values and writes back to the same text.


@dataclass(frozen=True)
class IndicatorPoints:
    """One indicator's line: its answer's status, score (0-100), weight and points."""

    code: str
    status: str
    weight: Decimal
    score: Decimal
    points: Decimal  # to 4 decimals, as shown; the exact value is not rounded

    @property
    def status_label(self) -> str:
        """The answer's status as people read it ("—" when there was no answer)."""
        if self.status not in Answer.Status.values:
            return "—"
        return str(Answer.Status(self.status).label)

    def as_json(self) -> list[str]:
        """The line as stored: the values in ``LINE_FIELDS`` order (a year holds 61,680
        lines, and a list is half the size of an object that repeats its keys)."""
        return [
            self.code,
            self.status,
            str(self.weight),
            str(self.score),
            str(self.points),
        ]

    @cached_property
    def json_text(self) -> str:
        """``as_json`` encoded. A line is shared by every kab/kota that gave the same
        answer, so its text is made once per year (cached_property writes past the
        frozen dataclass's __setattr__)."""
        return (
            f'[{quoted(self.code)},{quoted(self.status)},"{self.weight!s}",'
            f'"{self.score!s}","{self.points!s}"]'
        )

    @classmethod
    def from_json(cls, data: Sequence[str] | Mapping[str, Any]) -> IndicatorPoints:
        """A stored line: a list in ``LINE_FIELDS`` order, or an object keyed by
        those names (documents stored before lines were lists)."""
        if not isinstance(data, Mapping):
            data = dict(zip(LINE_FIELDS, data, strict=False))
        return cls(
            code=data.get("code", ""),
            status=data.get("status", ""),
            weight=Decimal(data.get("weight", "0")),
            score=Decimal(data.get("score", "0")),
            points=Decimal(data.get("points", "0")),
        )


@dataclass(frozen=True)
class TypePoints:
    """One indicator type (struktur, proses, hasil) within a category."""

    type: str
    weight: Decimal
    points: Decimal
    indicators: tuple[IndicatorPoints, ...] = ()

    def as_json(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "weight": str(self.weight),
            "points": str(self.points),
            "indicators": [line.as_json() for line in self.indicators],
        }

    def as_json_text(self) -> str:
        lines = ",".join([line.json_text for line in self.indicators])
        return (
            f'{{"type":{quoted(self.type)},"weight":"{self.weight!s}",'
            f'"points":"{self.points!s}","indicators":[{lines}]}}'
        )

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> TypePoints:
        return cls(
            type=data.get("type", ""),
            weight=Decimal(data.get("weight", "0")),
            points=Decimal(data.get("points", "0")),
            indicators=tuple(
                IndicatorPoints.from_json(line) for line in data.get("indicators", [])
            ),
        )


@dataclass(frozen=True)
class CategoryPoints:
    """One category's score and the types that make it up."""

    code: str
    name: str
    weight: Decimal
    score: Decimal
    types: tuple[TypePoints, ...] = ()

    @property
    def has_own_weight(self) -> bool:
        """True when the category does not carry the default weight 1."""
        return self.weight != 1

    def as_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "weight": str(self.weight),
            "score": str(self.score),
            "types": [t.as_json() for t in self.types],
        }

    def as_json_text(self) -> str:
        types = ",".join([t.as_json_text() for t in self.types])
        return (
            f'{{"code":{quoted(self.code)},"name":{quoted(self.name)},'
            f'"weight":"{self.weight!s}","score":"{self.score!s}","types":[{types}]}}'
        )

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> CategoryPoints:
        return cls(
            code=data.get("code", ""),
            name=data.get("name", ""),
            weight=Decimal(data.get("weight", "1")),
            score=Decimal(data.get("score", "0")),
            types=tuple(TypePoints.from_json(t) for t in data.get("types", [])),
        )


@dataclass(frozen=True)
class AdjustmentLine:
    """A bonus or deduction with its basis."""

    kind: str
    points: Decimal
    basis: str

    @property
    def is_bonus(self) -> bool:
        return self.kind == Adjustment.Kind.BONUS

    def as_json(self) -> dict[str, str]:
        return {"kind": self.kind, "points": str(self.points), "basis": self.basis}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> AdjustmentLine:
        return cls(
            kind=data.get("kind", ""),
            points=Decimal(data.get("points", "0")),
            basis=data.get("basis", ""),
        )


class _HasBreakdown(Protocol):
    breakdown: Any


@dataclass(frozen=True)
class Breakdown:
    """Every number behind one assessment's score, as stored on ``Score.breakdown``.

    Reading is lenient: a key a stored document lacks reads as empty (or weight 1),
    so documents written by tests or benchmarks with only some keys still read.
    """

    rule_version: str
    type_weights: dict[str, Decimal]
    categories: tuple[CategoryPoints, ...]
    base_total: Decimal
    adjustments: tuple[AdjustmentLine, ...]
    total: Decimal
    predicate: str
    counted_as_zero: tuple[str, ...]

    def category_scores(self) -> dict[str, Decimal]:
        """Category code → category score."""
        return {c.code: c.score for c in self.categories}

    def category_summary(self) -> list[dict[str, str]]:
        """What ``Score.category_scores`` holds: each category's code and score."""
        return [{"code": c.code, "score": str(c.score)} for c in self.categories]

    def as_json(self) -> dict[str, Any]:
        return {
            "categories": [c.as_json() for c in self.categories],
            **self._head(),
        }

    def as_json_text(self) -> JSONText:
        """``as_json`` already encoded, for a national recompute: each line's text is
        made once per year, not once per kab/kota (``json.loads`` of it equals
        ``as_json()``)."""
        categories = ",".join([c.as_json_text() for c in self.categories])
        head = json.dumps(self._head(), separators=(",", ":"))
        return JSONText(f'{{"categories":[{categories}],{head[1:]}')

    def _head(self) -> dict[str, Any]:
        return {
            "rule_version": self.rule_version,
            "type_weights": {k: str(v) for k, v in self.type_weights.items()},
            "base_total": str(self.base_total),
            "adjustments": [a.as_json() for a in self.adjustments],
            "total": str(self.total),
            "predicate": self.predicate,
            "counted_as_zero": list(self.counted_as_zero),
            "indicator_fields": list(LINE_FIELDS),
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any] | None) -> Breakdown:
        data = data or {}
        return cls(
            rule_version=data.get("rule_version", ""),
            type_weights={
                k: Decimal(v) for k, v in data.get("type_weights", {}).items()
            },
            categories=tuple(
                CategoryPoints.from_json(c) for c in data.get("categories", [])
            ),
            base_total=Decimal(data.get("base_total", "0")),
            adjustments=tuple(
                AdjustmentLine.from_json(a) for a in data.get("adjustments", [])
            ),
            total=Decimal(data.get("total", "0")),
            predicate=data.get("predicate", ""),
            counted_as_zero=tuple(data.get("counted_as_zero", [])),
        )

    @classmethod
    def of(cls, score: _HasBreakdown) -> Breakdown:
        """The breakdown stored on a ``Score``."""
        return cls.from_json(score.breakdown)


def category_scores_of(summary: list[Mapping[str, str]]) -> dict[str, Decimal]:
    """``Breakdown.category_scores`` read from ``Score.category_scores``."""
    return {c["code"]: Decimal(c["score"]) for c in summary}


@dataclass
class Result:
    base_total: Decimal
    bonus: Decimal
    deduction: Decimal
    total: Decimal
    hasil_points: Decimal
    predicate: str
    earns_award: bool
    breakdown: Breakdown


def compute(
    rules: YearRules,
    answers: Mapping[int, tuple[str, Decimal | str | None]],
    adjustments: list[tuple[str, Decimal, str]],
) -> Result:
    """Score one assessment. ``answers`` maps indicator id → (status, score), the
    score as stored or as its text."""
    categories: list[CategoryPoints] = []
    weighted_sum, weight_sum, hasil = ZERO, ZERO, ZERO
    zeroed: list[str] = []
    known_lines = rules.lines
    for category, type_rules in rules.layout:
        types: list[TypePoints] = []
        exact_points, type_weight_sum = ZERO, ZERO
        for type_rule in type_rules:
            lines: list[IndicatorPoints] = []
            weighted_scores = ZERO
            # Looked up by the answer as read (score as text): the hot path of a
            # national recompute, 61,680 times.
            for indicator in type_rule.indicators:
                answer = answers.get(indicator.id, NO_ANSWER)
                line = known_lines[indicator.id].get(answer)
                if line is None:
                    line = rules.line(type_rule, indicator, *answer)
                points, weighted, counts = line
                if not counts:
                    zeroed.append(indicator.code)
                weighted_scores += weighted
                lines.append(points)
            # W_t × Σ(w·s) / (100 × Σw), at 50 digits
            earned = PRECISE.divide(
                type_rule.weight * weighted_scores,
                HUNDRED * type_rule.indicator_weights,
            )
            exact_points = PRECISE.add(exact_points, earned)
            type_weight_sum += type_rule.weight
            if type_rule.type == Indicator.Type.HASIL:
                hasil = PRECISE.add(hasil, earned)
            types.append(
                TypePoints(
                    type_rule.type, type_rule.weight, round4(earned), tuple(lines)
                )
            )
        score = (
            round2(PRECISE.divide(HUNDRED * exact_points, type_weight_sum))
            if type_weight_sum
            else ZERO
        )
        weighted_sum += category.weight * score
        weight_sum += category.weight
        categories.append(
            CategoryPoints(
                category.code, category.name, category.weight, score, tuple(types)
            )
        )
    base = round2(PRECISE.divide(weighted_sum, weight_sum)) if weight_sum else ZERO
    bonus = sum(
        (p for kind, p, _b in adjustments if kind == Adjustment.Kind.BONUS), ZERO
    )
    deduction = sum(
        (p for kind, p, _b in adjustments if kind == Adjustment.Kind.DEDUCTION), ZERO
    )
    total = min(max(base + bonus - deduction, ZERO), HUNDRED)
    predicate, award = rules.predicate(total)
    breakdown = Breakdown(
        rule_version=RULE_VERSION,
        type_weights=dict(rules.type_weights),
        categories=tuple(categories),
        base_total=base,
        adjustments=tuple(AdjustmentLine(k, p, b) for k, p, b in adjustments),
        total=total,
        predicate=predicate,
        counted_as_zero=tuple(zeroed),
    )
    return Result(
        base, bonus, deduction, total, round2(hasil), predicate, award, breakdown
    )


def assessment_inputs(
    assessment: Assessment,
) -> tuple[dict[int, tuple[str, Decimal | None]], list[tuple[str, Decimal, str]]]:
    answers = {
        indicator_id: (status, score)
        for indicator_id, status, score in assessment.answers.values_list(
            "indicator_id", "status", "score"
        )
    }
    adjustments = list(assessment.adjustments.values_list("kind", "points", "basis"))
    return answers, adjustments
