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
ACCEPTED = Answer.Status.ACCEPTED.value
# An answer read as text (YearRules.lines_from_items): "indicator status score"
# items, joined by commas. Neither separator occurs in an id, status or number.
ITEM, ITEMS = " ", ","
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
    def plan(self) -> Plan:
        """``layout`` flattened for ``compute``: every indicator in order (its slot),
        and each category's types as spans of those slots, with the fixed parts of
        their encoded text. Worked out once per year."""
        slots: list[Slot] = []
        categories: list[CategorySpan] = []
        amounts: dict[tuple[Decimal, Decimal, Decimal], dict[str, Amount]] = {}
        for category, type_rules in self.layout:
            spans: list[TypeSpan] = []
            type_weights = ZERO
            for type_rule in type_rules:
                start = len(slots)
                slots.extend(
                    Slot(
                        {},
                        type_rule,
                        i,
                        f"[{quoted(i.code)},",
                        f',"{i.weight!s}","',
                        # Indicators of equal weight in a type share their amounts.
                        amounts.setdefault(
                            (type_rule.weight, type_rule.indicator_weights, i.weight),
                            {},
                        ),
                    )
                    for i in type_rule.indicators
                )
                spans.append(
                    TypeSpan(
                        type_rule.weight,
                        HUNDRED * type_rule.indicator_weights,
                        start,
                        len(slots),
                        type_rule.type == Indicator.Type.HASIL,
                        f'{{"type":{quoted(type_rule.type)},'
                        f'"weight":"{type_rule.weight!s}","points":"',
                    )
                )
                type_weights += type_rule.weight
            categories.append(
                CategorySpan(
                    category.code,
                    category.weight,
                    type_weights,
                    tuple(spans),
                    f'{{"code":{quoted(category.code)},"name":{quoted(category.name)},'
                    f'"weight":"{category.weight!s}","score":"',
                )
            )
        return Plan(tuple(slots), tuple(categories))

    def lines_for(
        self, answers: Mapping[int, tuple[str, Decimal | str | None]]
    ) -> list[Line]:
        """A kab/kota's lines, in the year's order, from its answers by indicator id
        (status, score as stored or as its text)."""
        answer_of = answers.get
        return [
            slot.lines.get(answer := answer_of(slot.indicator.id, NO_ANSWER))
            or self.line(slot, *answer)
            for slot in self.plan.slots
        ]

    def lines_from_items(self, items: str) -> list[Line]:
        """A kab/kota's lines from its answers read as one text: "indicator status
        score" items (``ITEM``) joined by ``ITEMS``, as a national recompute reads
        them from PostgreSQL, one row per kab/kota. Each distinct item of a year is
        decoded once; an answer to an indicator outside the year is left out."""
        lines = self.unanswered.copy()
        known = self._items
        for item in items.split(ITEMS):
            found = known.get(item)
            if found is None:
                found = known[item] = self._item(item)
            if found is not OUTSIDE:
                lines[found[0]] = found[1]
        return lines

    @cached_property
    def unanswered(self) -> list[Line]:
        """The lines of a kab/kota that answered nothing."""
        return [self.line(slot, *NO_ANSWER) for slot in self.plan.slots]

    @cached_property
    def _items(self) -> dict[str, tuple[int, Line]]:
        return {}

    @cached_property
    def _slot_of(self) -> dict[int, int]:
        return {slot.indicator.id: i for i, slot in enumerate(self.plan.slots)}

    def _item(self, item: str) -> tuple[int, Line]:
        indicator_id, status, score = item.split(ITEM)
        position = self._slot_of.get(int(indicator_id))
        if position is None:
            return OUTSIDE
        return position, self.line(self.plan.slots[position], status, score or None)

    def line(self, slot: Slot, status: str, score: Decimal | str | None) -> Line:
        """One indicator's line for an answer's status and stored score (or its text).

        The same answer gives the same line in every kab/kota, so each distinct line
        of a year is worked out and encoded once (its slot's ``lines``): a national
        recompute looks 61,680 answers up in a few thousand lines, and their amounts
        are shared by the indicators of equal weight in a type.
        """
        # By the score's text: 90 and 90.00 are equal numbers but written differently.
        text = None if score is None else str(score)
        known = slot.lines
        found = known.get((status, text))
        if found is None:
            counts = status == ACCEPTED and text is not None
            amount = (
                (slot.amounts.get(text) or _amount(slot, text))
                if counts
                else NOT_COUNTED
            )
            # The line as IndicatorPoints.as_json writes it (LINE_FIELDS order).
            found = known[(status, text)] = Line(
                slot.indicator.code,
                amount.weighted,
                counts,
                f'{slot.head}{quoted(status)}{slot.middle}{amount.score}","'
                f'{amount.points}"]',
            )
        return found


def _amount(slot: Slot, text: str) -> Amount:
    """An accepted score's amount in its slot: W_t × w × s / (100 × Σw)."""
    type_rule, weight = slot.type_rule, slot.indicator.weight
    counted = Decimal(text)
    shown = (
        type_rule.weight * weight * counted / (HUNDRED * type_rule.indicator_weights)
    )
    amount = slot.amounts[text] = Amount(
        str(counted), str(shown.quantize(Q4)), weight * counted
    )
    return amount


class Amount(NamedTuple):
    """An answer's score and points as written in its line, and its w·s."""

    score: str
    points: str  # to 4 decimals, as shown
    weighted: Decimal


NOT_COUNTED = Amount(str(ZERO), str(ZERO.quantize(Q4)), ZERO)
OUTSIDE = (-1, None)


class Line(NamedTuple):
    """What ``compute`` needs of one answer: its indicator's code, its w·s, whether
    it counts (an answer not accepted counts as 0 and is listed) and its breakdown
    line, encoded."""

    code: str
    weighted: Decimal
    counts: bool
    text: str


class Slot(NamedTuple):
    """One indicator's place in ``compute``'s list of a kab/kota's lines."""

    lines: dict[tuple[str, str | None], Line]  # (status, score text) → its line
    type_rule: TypeRule
    indicator: IndicatorRule
    # The fixed parts of its lines' text: '["code",' and ',"weight","'.
    head: str
    middle: str
    amounts: dict[str, Amount]  # score text → amount, for its (W_t, Σw, w)


class Plan(NamedTuple):
    """The year laid out for ``compute`` (``YearRules.plan``)."""

    slots: tuple[Slot, ...]
    categories: tuple[CategorySpan, ...]


class TypeSpan(NamedTuple):
    """One type within a category: its weight W_t, 100 × Σw, its slots
    ``[start:end]``, and its encoded text up to its points."""

    weight: Decimal
    divisor: Decimal
    start: int
    end: int
    is_hasil: bool
    head: str

    def encode(self, points: Decimal, lines: list[str]) -> str:
        """TypePoints.as_json, encoded, from its points and its lines' texts."""
        return f'{self.head}{points!s}","indicators":[{",".join(lines)}]}}'


class CategorySpan(NamedTuple):
    """One category: its weight, Σ W_t of the types it has, those types, and its
    encoded text up to its score."""

    code: str
    weight: Decimal
    type_weights: Decimal
    types: tuple[TypeSpan, ...]
    head: str

    def encode(self, score: Decimal, types: list[str]) -> str:
        """CategoryPoints.as_json, encoded, from its score and its types' texts."""
        return f'{self.head}{score!s}","types":[{",".join(types)}]}}'


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

    def as_json(self) -> dict[str, Any]:
        """The document as stored (``compute`` writes its text, already encoded)."""
        return {
            "categories": [c.as_json() for c in self.categories],
            **_head(
                rule_version=self.rule_version,
                type_weights=self.type_weights,
                base_total=self.base_total,
                adjustments=self.adjustments,
                total=self.total,
                predicate=self.predicate,
                counted_as_zero=self.counted_as_zero,
            ),
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


def _head(
    *,
    rule_version: str,
    type_weights: Mapping[str, Decimal],
    base_total: Decimal,
    adjustments: Sequence[AdjustmentLine],
    total: Decimal,
    predicate: str,
    counted_as_zero: Sequence[str],
) -> dict[str, Any]:
    """The breakdown document's keys after its categories."""
    return {
        "rule_version": rule_version,
        "type_weights": {k: str(v) for k, v in type_weights.items()},
        "base_total": str(base_total),
        "adjustments": [a.as_json() for a in adjustments],
        "total": str(total),
        "predicate": predicate,
        "counted_as_zero": list(counted_as_zero),
        "indicator_fields": list(LINE_FIELDS),
    }


@dataclass
class Result:
    """One assessment's score: its numbers, and its breakdown as stored."""

    base_total: Decimal
    bonus: Decimal
    deduction: Decimal
    total: Decimal
    hasil_points: Decimal
    predicate: str
    earns_award: bool
    document: JSONText  # what Score.breakdown holds, encoded
    category_summary: list[dict[str, str]]  # what Score.category_scores holds

    @cached_property
    def breakdown(self) -> Breakdown:
        """The document as its readers (score page, exports, dashboards) read it."""
        return Breakdown.from_json(json.loads(self.document))


def compute(
    rules: YearRules,
    answers: Mapping[int, tuple[str, Decimal | str | None]],
    adjustments: list[tuple[str, Decimal, str]],
) -> Result:
    """Score one assessment. ``answers`` maps indicator id → (status, score), the
    score as stored or as its text."""
    return compute_lines(rules, rules.lines_for(answers), adjustments)


def compute_lines(
    rules: YearRules, lines: list[Line], adjustments: list[tuple[str, Decimal, str]]
) -> Result:
    """Score one assessment from its lines (``YearRules.lines_for`` or
    ``lines_from_items``), one per indicator in the year's order.

    The breakdown is encoded as it is computed: each line's text is made once per
    year (``YearRules.line``) and a national recompute joins 61,680 of them, where
    building and encoding a tree of objects per kab/kota cost twice the scoring.
    """
    categories = rules.plan.categories
    weighted = [line.weighted for line in lines]
    texts = [line.text for line in lines]
    encoded: list[str] = []
    summary: list[dict[str, str]] = []
    weighted_sum, weight_sum, hasil = ZERO, ZERO, ZERO
    for category in categories:
        exact_points = ZERO
        types: list[str] = []
        for span in category.types:
            start, end = span.start, span.end
            # W_t × Σ(w·s) / (100 × Σw), at 50 digits
            earned = PRECISE.divide(
                span.weight * sum(weighted[start:end], ZERO), span.divisor
            )
            exact_points = PRECISE.add(exact_points, earned)
            if span.is_hasil:
                hasil = PRECISE.add(hasil, earned)
            types.append(span.encode(round4(earned), texts[start:end]))
        score = (
            round2(PRECISE.divide(HUNDRED * exact_points, category.type_weights))
            if category.type_weights
            else ZERO
        )
        weighted_sum += category.weight * score
        weight_sum += category.weight
        encoded.append(category.encode(score, types))
        summary.append({"code": category.code, "score": str(score)})
    base = round2(PRECISE.divide(weighted_sum, weight_sum)) if weight_sum else ZERO
    bonus = sum(
        (p for kind, p, _b in adjustments if kind == Adjustment.Kind.BONUS), ZERO
    )
    deduction = sum(
        (p for kind, p, _b in adjustments if kind == Adjustment.Kind.DEDUCTION), ZERO
    )
    total = min(max(base + bonus - deduction, ZERO), HUNDRED)
    predicate, award = rules.predicate(total)
    head = _head(
        rule_version=RULE_VERSION,
        type_weights=rules.type_weights,
        base_total=base,
        adjustments=[AdjustmentLine(k, p, b) for k, p, b in adjustments],
        total=total,
        predicate=predicate,
        counted_as_zero=[line.code for line in lines if not line.counts],
    )
    document = JSONText(
        f'{{"categories":[{",".join(encoded)}],'
        f"{json.dumps(head, separators=(',', ':'))[1:]}"
    )
    return Result(
        base_total=base,
        bonus=bonus,
        deduction=deduction,
        total=total,
        hasil_points=round2(hasil),
        predicate=predicate,
        earns_award=award,
        document=document,
        category_summary=summary,
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
