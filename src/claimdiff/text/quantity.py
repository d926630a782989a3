"""Read stated figures ("at least 116", "some 700", "2 000", "dozens") as intervals.

`find_quantities` scans free text (a sentence or a whole article) and returns every figure it
finds, in order and without overlaps, each as a `Quantity` (see `claimdiff.records`). Figures that
are plainly not counts of people or things (years, percentages, money, clock times, distances,
ages, durations, ordinals, phone numbers, identifiers, dates) are still returned, with
`non_count` saying why, so callers can skip them knowingly.

Counts are whole numbers, so an open bound is stored as the nearest closed one: "more than 600"
is low=601, "fewer than 50" is high=49. Bounds of approximate figures are rounded outward. For
figures flagged `non_count` the bounds are left unrounded (40.5% is not a count).

Phrase lists, vague intervals and the default tolerance live in data/quantities.yaml; it is read
once per process and the regexes are compiled on first use.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from functools import lru_cache
from importlib import resources
from typing import Any

from claimdiff.files.datafiles import load_yaml
from claimdiff.records import Qualifier, Quantity

__all__ = [
    "NON_COUNT_KINDS",
    "QuantityMatch",
    "find_quantities",
    "parse_number",
    "parse_quantity",
]

NON_COUNT_KINDS = frozenset(
    {
        "year",
        "percent",
        "money",
        "time",
        "distance",
        "ordinal",
        "age",
        "duration",
        "phone",
        "id",
        "date",
        "measure",
        "counter",
        "score",
    }
)

# How far back from a figure to look for a qualifier or a currency sign; longer than the
# longest prefix phrase in the data file plus a currency sign.
_LEFT_WINDOW = 48

_ONE = Decimal(1)
_QUALIFIER_NAMES = frozenset(q.value for q in Qualifier)


@dataclass(frozen=True)
class QuantityMatch:
    """One figure found in a text.

    `start`/`end` span the whole phrase, qualifier included ("at least 116"); `number_start`/
    `number_end` span the figure itself ("116"; for a range, "10-20"). `non_count` is None when
    the figure may count people or things, else one of `NON_COUNT_KINDS`.
    """

    start: int
    end: int
    number_start: int
    number_end: int
    quantity: Quantity
    non_count: str | None


# --------------------------------------------------------------------------------------------
# Data


@dataclass(frozen=True)
class _Data:
    tolerance: float
    prefix: Mapping[str, tuple[str, ...]]  # qualifier value -> phrases
    suffix: Mapping[str, tuple[str, ...]]
    range_prefix: tuple[str, ...]
    change_prefix: tuple[str, ...]
    vague: Mapping[str, tuple[int, int]]
    zero: Mapping[str, int]
    units: Mapping[str, int]
    teens: Mapping[str, int]
    tens: Mapping[str, int]
    hundred: Mapping[str, int]
    scales: Mapping[str, int]
    dozen: Mapping[str, int]
    glued_scales: Mapping[str, int]
    ordinals: Mapping[str, int]
    non_count: Mapping[str, Any]


def _load_data() -> _Data:
    path = resources.files("claimdiff") / "data" / "quantities.yaml"
    raw = load_yaml(path.read_text(encoding="utf-8"))
    try:
        words = raw["number_words"]
        qualifiers = raw["qualifiers"]
        data = _Data(
            tolerance=float(raw["approx_tolerance"]),
            prefix={k: tuple(v) for k, v in qualifiers["prefix"].items()},
            suffix={k: tuple(v) for k, v in qualifiers["suffix"].items()},
            range_prefix=tuple(raw["range_prefix"]),
            change_prefix=tuple(raw["change_prefix"]),
            vague={k: (int(v[0]), int(v[1])) for k, v in raw["vague"].items()},
            zero=dict(words["zero"]),
            units=dict(words["units"]),
            teens=dict(words["teens"]),
            tens=dict(words["tens"]),
            hundred=dict(words["hundred"]),
            scales=dict(words["scales"]),
            dozen=dict(words["dozen"]),
            glued_scales=dict(words["glued_scales"]),
            ordinals=dict(words["ordinals"]),
            non_count=dict(raw["non_count"]),
        )
    except (KeyError, TypeError, ValueError, IndexError) as exc:
        raise ValueError(f"{path}: malformed quantity data near {exc!s}; fix the file") from exc
    for q in (*data.prefix, *data.suffix):
        Qualifier(q)  # an unknown qualifier name in the file fails here, naming it
    for kind in data.non_count:
        if kind not in NON_COUNT_KINDS:
            raise ValueError(f"{path}: non_count: unknown kind {kind!r}")
    return data


@lru_cache(maxsize=1)
def _data() -> _Data:
    return _load_data()


# --------------------------------------------------------------------------------------------
# Patterns

# Digits as people write them. Thousands groups need a consistent separator and exactly three
# digits per group; "2.000" is two thousand, "1.5" is one and a half, "0.500" is a half.
_DIGITS = (
    r"(?:[1-9]\d{0,2}(?:,\d{3})+(?:\.\d+)?"
    r"|[1-9]\d{0,2}(?:\.\d{3})+(?:,\d+)?"
    r"|[1-9]\d{0,2}(?:[ \u00a0\u2009\u202f]\d{3})+(?:\.\d+)?"
    r"|\d+(?:\.\d+)?)"
    r"(?!\d)(?![.,]\d)"
)
_SPACES = "\u00a0\u2009\u202f "
_COMMA_GROUPS = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_DOT_GROUPS = re.compile(r"[1-9]\d{0,2}(?:\.\d{3})+(?:,\d+)?")
_WORD_SEPARATORS = re.compile(r"[\s-]+")
_DIGIT_RUN = re.compile(r"\d+")
_HHMM = re.compile(r"[0-2]\d[0-5]\d")
_LETTERS = re.compile(r"[^\W\d_]+")
_OF = re.compile(r"\s+of\b", re.IGNORECASE)
# "2017-10-23", "23.10.2017", "24-08-2014", "10/23/17"
_NUMERIC_DATE = r"(?<!\d)(?:\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2}))(?!\d)"
_CLOCK = r"(?<![\d:])\d{1,2}:\d{2}(?::\d{2})?(?![\d:])"  # "09:38", "23:38:05"
# "+44 20 7946 0958", "(555) 123-4567", "555-123-4567"; not "20 000 000" (groups of three)
_PHONE = (
    r"(?<![\w+])\+\d{1,3}(?:[ .-]?\(?\d{1,4}\)?){2,5}(?!\d)"
    r"|(?<![\d(])\(?\d{3}\)?[ .-]\d{3}[ .-]\d{4}(?!\d)"
)


def _phrase_re(phrase: str, *, joiner: str = r"\s+", glued: bool = False) -> str:
    """Regex for a data-file phrase: words joined by `joiner`, word boundaries where apt.

    `glued` drops the leading boundary, for units written straight after digits ("5km").
    """
    body = joiner.join(re.escape(w) for w in phrase.split())
    head = r"\b" if phrase[0].isalnum() and not glued else ""
    tail = r"\b" if phrase[-1].isalnum() else ""
    return head + body + tail


def _alternation(
    phrases: Iterable[str], *, joiner: str = r"\s+", cased: bool = False, glued: bool = False
) -> str:
    # Longest first, so "per cent" is tried before "per" and "tens of thousands" before "tens".
    ordered = sorted(set(phrases), key=lambda p: (-len(p), p))
    body = "|".join(_phrase_re(p, joiner=joiner, glued=glued) for p in ordered)
    return f"(?-i:{body})" if cased else f"(?:{body})"


def _words(*maps: Mapping[str, int]) -> str:
    names = sorted({k for m in maps for k in m}, key=lambda w: (-len(w), w))
    return "(?:" + "|".join(re.escape(w) for w in names) + r")\b"


@dataclass(frozen=True)
class _Patterns:
    scan: re.Pattern[str]
    qualifier_left: re.Pattern[str]
    currency_left: re.Pattern[str]
    context_left: re.Pattern[str]
    right: re.Pattern[str]
    suffix: re.Pattern[str]
    joiner: re.Pattern[str]
    digits_full: re.Pattern[str]
    word_token: re.Pattern[str]
    clock_after: re.Pattern[str]
    score_left: re.Pattern[str]
    score_right: re.Pattern[str]


@lru_cache(maxsize=1)
def _patterns() -> _Patterns:
    d = _data()
    nc = d.non_count
    cardinal = _words(d.zero, d.units, d.teens, d.tens, d.hundred, d.scales, d.dozen)
    multiplier = _words(d.hundred, d.scales, d.dozen)
    ordinal = _words(d.ordinals)
    tens = _words(d.tens)
    spelled_scale = _words(d.hundred, d.scales)
    glued_scale = _words(d.glued_scales)
    ws = r"[\s\u00a0\u2009\u202f]"  # the scan is ASCII-only (see below), so name the spaces
    start = rf"(?:half{ws}+an?{ws}+{multiplier}|an?{ws}+{multiplier}|{cardinal})"
    # Cheap first test: most positions in a text cannot start a figure, and checking one
    # character class there is far faster than trying every alternative below.
    initials = {
        w[0].lower()
        for table in (d.vague, d.ordinals, d.tens, d.zero, d.units, d.teens)
        for w in table
    } | {"a", "h"}
    first = r"(?=[\d+(]|\b[" + "".join(sorted(initials)) + "])"
    scan = re.compile(
        first + rf"(?:(?P<date>{_NUMERIC_DATE})|(?P<time>{_CLOCK})|(?P<phone>{_PHONE})"
        rf"|(?P<vague>{_alternation(d.vague)})"
        rf"|(?P<ordword>\b(?:{tens}[ -])?{ordinal})"
        rf"|(?P<words>\b{start}(?:(?:{ws}+and{ws}+|{ws}*-{ws}*|{ws}+){cardinal}){{0,24}})"
        rf"|(?P<digits>(?<!\d)(?<!\d[.,]){_DIGITS}(?:{ws}*{spelled_scale}|{glued_scale})?))",
        # ASCII: with Unicode case folding "ſcores" would match "scores" and the table lookup
        # of the matched text would miss; and only ASCII digits are read as figures.
        re.IGNORECASE | re.ASCII,
    )

    def grouped(table: Mapping[str, Iterable[str]]) -> str:
        parts = []
        for name, phrases in table.items():
            alts = []
            for p in sorted(set(phrases), key=lambda p: (-len(p), p)):
                sep = r"\s+" if p[-1].isalnum() else r"\s*"
                alts.append(_phrase_re(p) + sep)
            parts.append(f"(?P<{name}>{'|'.join(alts)})")
        return "|".join(parts)

    qualifier_left = re.compile(
        "(?:"
        + grouped(
            {
                **d.prefix,
                "between": d.range_prefix,
                "from": d.change_prefix,
            }
        )
        + r")\Z",
        re.IGNORECASE,
    )
    currency_left = re.compile(
        r"(?:" + _alternation(nc["money"]["before"]) + r")\s*\Z", re.IGNORECASE
    )
    context_left = re.compile(
        rf"(?:(?P<age>{_alternation(nc['age']['before'])})"
        rf"|(?P<month>{_alternation(nc['date']['months_cased'], cased=True)}\.?,?)"
        rf"|(?P<id>{_alternation(nc['id']['before'])})"
        rf"|(?P<counter>{_alternation(nc['counter']['before'])})"
        r"|(?P<at>\bat))\s*\Z",
        re.IGNORECASE,
    )
    unit = r"[\s-]+"  # "12-year-old", "12 years old", "12 year-old"
    right_groups = []
    for kind in ("age", "percent", "money", "time", "duration", "distance", "measure", "counter"):
        alts = [_alternation(nc[kind]["after"], joiner=unit, glued=True)]
        if "after_cased" in nc[kind]:
            alts.append(_alternation(nc[kind]["after_cased"], joiner=unit, cased=True, glued=True))
        right_groups.append(f"(?P<{kind}>{'|'.join(alts)})")
    right_groups.append(f"(?P<date>{_alternation(nc['date']['months_cased'], cased=True)})")
    right_groups.append(
        f"(?P<year>{_alternation(nc['year']['after_cased'], cased=True, glued=True)})"
    )
    right = re.compile(r"(?:\s*-\s*|\s*)(?:" + "|".join(right_groups) + ")", re.IGNORECASE)
    suffix = re.compile(
        r"\s*-?\s*(?:"
        + "|".join(f"(?P<{q}>{_alternation(phrases)})" for q, phrases in d.suffix.items())
        + ")",
        re.IGNORECASE,
    )
    joiner = re.compile(
        r"\s*(?:(?P<dash>[-–—])|(?P<slash>/)|\b(?P<to>to)\b|\b(?P<and>and)\b|\b(?P<or>or)\b)\s*",
        re.IGNORECASE,
    )
    digits_full = re.compile(
        rf"(?P<num>{_DIGITS})(?:\s*(?P<scale>{spelled_scale})|(?P<glued>{glued_scale}))?",
        re.IGNORECASE | re.ASCII,
    )
    clock_after = re.compile(r"\s*" + _alternation(nc["time"]["clock_after"]), re.IGNORECASE)
    score_left = re.compile(
        r"(?:" + _alternation(nc["score"]["before"]) + r")\s+(?:a\s+)?\Z", re.IGNORECASE
    )
    score_right = re.compile(r"\s+" + _alternation(nc["score"]["after"]), re.IGNORECASE)
    return _Patterns(
        scan=scan,
        qualifier_left=qualifier_left,
        currency_left=currency_left,
        context_left=context_left,
        right=right,
        suffix=suffix,
        joiner=joiner,
        digits_full=digits_full,
        word_token=re.compile(r"[a-z]+", re.IGNORECASE | re.ASCII),
        clock_after=clock_after,
        score_left=score_left,
        score_right=score_right,
    )


# --------------------------------------------------------------------------------------------
# Numbers


def _digits_value(digits: str) -> Decimal:
    """Value of a digit string matched by `_DIGITS` ("1,350", "2.000", "2 000", "1.5")."""
    s = digits
    for ch in _SPACES:
        s = s.replace(ch, "")
    if "," in s and _COMMA_GROUPS.fullmatch(s):
        s = s.replace(",", "")
    elif _DOT_GROUPS.fullmatch(s):
        s = s.replace(".", "").replace(",", ".")
    return Decimal(s)


def _scale_value(word: str | None) -> int:
    if not word:
        return 1
    d = _data()
    w = word.lower()
    return d.scales.get(w) or d.hundred.get(w) or d.glued_scales.get(w) or 1


def _parse_word_tokens(tokens: list[str]) -> tuple[Decimal | None, int]:
    """Read the longest grammatical prefix of lower-case number-word tokens.

    Returns the value and how many tokens it used; (None, 0) when no prefix is a number.
    "three and four" reads "three" (1 token); "one hundred and twenty eight" all 5.
    """
    d = _data()
    n = len(tokens)
    if n == 0:
        return None, 0
    first = tokens[0]
    multipliers = {**d.hundred, **d.scales, **d.dozen}
    if first in d.zero:
        return Decimal(0), 1
    if first == "half":
        if n >= 3 and tokens[1] in ("a", "an") and tokens[2] in multipliers:
            return Decimal(multipliers[tokens[2]]) / 2, 3
        return None, 0

    total = 0
    chunk = 0  # the part below the last scale word, 0..999
    last = ""  # kind of the previous token
    last_scale = float("inf")
    best: tuple[Decimal | None, int] = (None, 0)
    i = 0
    if first in ("a", "an"):
        if n < 2 or tokens[1] not in multipliers:
            return None, 0
        chunk, last, i = 1, "unit", 1
    small = ("unit", "teen", "tens")
    while i < n:
        t = tokens[i]
        if t in d.units:
            if last not in ("", "hundred", "scale", "and", "tens"):
                break
            chunk += d.units[t]
            last = "unit"
        elif t in d.teens or t in d.tens:
            if last not in ("", "hundred", "scale", "and"):
                break
            chunk += d.teens.get(t) or d.tens[t]
            last = "teen" if t in d.teens else "tens"
        elif t in d.hundred:
            if last not in small or not 0 < chunk < 100:
                break
            chunk *= d.hundred[t]
            last = "hundred"
        elif t in d.scales:
            scale = d.scales[t]
            if last not in (*small, "hundred") or chunk == 0 or scale >= last_scale:
                break
            total += chunk * scale
            chunk, last, last_scale = 0, "scale", scale
        elif t in d.dozen:
            if last not in small or not 0 < chunk < 100 or total:
                break
            return Decimal(chunk * d.dozen[t]), i + 1
        elif t == "and":
            following = tokens[i + 1] if i + 1 < n else ""
            small_word = following in d.units or following in d.teens or following in d.tens
            if last not in ("hundred", "scale") or not small_word:
                break
            last = "and"
            i += 1
            continue
        else:
            break
        i += 1
        best = (Decimal(total + chunk), i)
    return best


def parse_number(text: str) -> float | None:
    """Read one number as people write it; None if `text` is not exactly one number.

    Digits with separators ("1,350", "2 000", "2.000" = 2000, "1.5"), with a scale ("1.3
    million", "2.5bn"), or in words ("three hundred", "twenty-five", "a dozen", "half a
    million", "one hundred and twenty-eight"). Vague words ("dozens") and ordinals are not
    numbers here.
    """
    s = text.strip()
    if not s:
        return None
    p = _patterns()
    m = p.digits_full.fullmatch(s)
    if m:
        scale = _scale_value(m.group("scale") or m.group("glued"))
        return float(_digits_value(m.group("num")) * scale)
    parts = _WORD_SEPARATORS.split(s.lower())
    if not all(part.isalpha() for part in parts):
        return None
    value, used = _parse_word_tokens(parts)
    if value is None or used != len(parts):
        return None
    return float(value)


# --------------------------------------------------------------------------------------------
# Intervals


def _tolerance(approx_tolerance: float | None) -> Decimal:
    t = _data().tolerance if approx_tolerance is None else approx_tolerance
    if not 0 <= t < 1:
        raise ValueError(f"approx_tolerance must be in [0, 1), got {t!r}")
    return Decimal(str(t))


def _interval(qualifier: Qualifier, value: Decimal, tol: Decimal, whole: bool) -> Quantity:
    """The interval a qualified figure stands for; `whole` closes open bounds on integers."""

    def down(x: Decimal) -> float:
        return float(x.to_integral_value(ROUND_FLOOR) if whole else x)

    def up(x: Decimal) -> float:
        return float(x.to_integral_value(ROUND_CEILING) if whole else x)

    v = float(value)
    low: float | None
    high: float | None
    match qualifier:
        case Qualifier.AT_LEAST:
            low, high = v, None
        case Qualifier.MORE_THAN:
            low, high = v, None  # open: the qualifier says so
        case Qualifier.UP_TO:
            low, high = 0.0, v
        case Qualifier.LESS_THAN:
            low, high = 0.0, v  # open: the qualifier says so
        case Qualifier.ABOUT:
            low, high = down(value * (_ONE - tol)), up(value * (_ONE + tol))
        case Qualifier.NEARLY:
            low, high = down(value * (_ONE - tol)), v
        case _:
            low, high = v, v
    return Quantity(value=v, low=low, high=high, qualifier=qualifier)


# --------------------------------------------------------------------------------------------
# Scanning


@dataclass(frozen=True)
class _Figure:
    """One number found by the scanner, before qualifiers and ranges are read."""

    kind: str  # a group name of the scan pattern
    start: int
    end: int
    value: Decimal
    scaled: int  # the scale word it carried ("2 million" -> 1000000), else 1
    plain_digits: bool  # digits only, no separator, decimal or scale ("2015", "4132446")
    bare_one: bool


def _figure_at(text: str, m: re.Match[str]) -> _Figure | None:
    """Turn a scan match into a figure; None when the match is not a number to report."""
    kind = m.lastgroup or ""
    s, e = m.span()
    raw = m.group()
    if kind == "words":
        tokens = list(_patterns().word_token.finditer(raw))
        value, used = _parse_word_tokens([t.group().lower() for t in tokens])
        if value is None:
            return None
        end = s + tokens[used - 1].end()
        last_word = tokens[used - 1].group().lower()
        d = _data()
        scaled = d.scales.get(last_word) or d.hundred.get(last_word) or 1
        bare = used == 1 and tokens[0].group().lower() in d.units and value == 1
        return _Figure(kind, s, end, value, scaled, False, bare)
    if kind == "digits":
        dm = _patterns().digits_full.match(raw)
        assert dm is not None  # the scan pattern's digits group is digits_full
        scale_word = dm.group("scale") or dm.group("glued")
        scaled = _scale_value(scale_word)
        value = _digits_value(dm.group("num")) * scaled
        return _Figure(kind, s, e, value, scaled, raw.isdigit(), False)
    if kind == "vague":
        vague_low, _ = _data().vague[" ".join(raw.lower().split())]
        return _Figure(kind, s, e, Decimal(vague_low), 1, False, False)
    if kind == "ordword":
        d = _data()
        rank = sum(
            d.tens.get(w, 0) + d.ordinals.get(w, 0) for w in _WORD_SEPARATORS.split(raw.lower())
        )
        return _Figure(kind, s, e, Decimal(rank), 1, False, False)
    # date, time, phone: the quantity is the leading figure; callers skip these anyway
    lead = _DIGIT_RUN.search(raw)
    return _Figure(kind, s, e, Decimal(lead.group() if lead else 0), 1, False, False)


def _is_year(fig: _Figure) -> bool:
    y = _data().non_count["year"]
    return (
        fig.kind == "digits"
        and fig.plain_digits
        and fig.end - fig.start == 4
        and (y["min"] <= fig.value <= y["max"])
    )


def _classify(text: str, fig: _Figure, qualified: bool, *, left: bool, right: bool) -> str | None:
    """Why `fig` is not a count, or None. `left`/`right` say which side's context to read.

    Order matters: a currency sign or "at 0914" outweighs a unit after the figure ("$5 a
    day" is money), a unit after it outweighs words before it ("aged 12 months" is an age
    either way, "October 3 weeks" a duration).
    """
    if fig.kind in ("date", "time", "phone"):
        return fig.kind
    if fig.kind == "ordword":
        return "ordinal"
    p = _patterns()
    nc = _data().non_count
    s, e = fig.start, fig.end
    if fig.kind == "digits":
        before = text[s - 1] if s else ""
        if before.isalpha() or (before == "-" and s >= 2 and text[s - 2].isupper()):
            return "id"  # "URL4132446", "News24", "COVID-19", "F-16"
        if fig.plain_digits and e - s >= nc["id"]["min_digits"]:
            return "id"
    lm = p.context_left.search(text, max(0, s - _LEFT_WINDOW), s) if left else None
    if left:
        if p.currency_left.search(text, max(0, s - 8), s):
            return "money"
        # "at 0914", "at 1130 hrs": a clock time; "at 2015" stays a year
        clock = fig.plain_digits and _HHMM.fullmatch(text, s, e)
        if lm and lm.group("at") and clock and (text[s] == "0" or p.clock_after.match(text, e)):
            return "time"
    if right:
        glued = _LETTERS.match(text, e) if fig.kind == "digits" else None
        if glued and glued.group().lower() in ("st", "nd", "rd", "th"):
            return "ordinal"
        rm = p.right.match(text, e)
        if rm is None and fig.kind == "vague":  # "hundreds of years"
            rm = p.right.match(text, e + len(_of_prefix(text, e)))
        if rm and rm.lastgroup:
            return rm.lastgroup
        if glued:
            if glued.group().lower() == "s" and fig.plain_digits:
                return "year" if _is_year(fig) else "age"  # "the 1990s", "in their 20s"
            return "id"
    if lm:
        if lm.group("age"):
            return "age"
        if lm.group("id"):
            return "id"
        if lm.group("counter"):
            return "counter"
        if lm.group("month") and fig.kind in ("digits", "words") and 1 <= fig.value <= 31:
            return "date"
    if _is_year(fig) and not qualified:
        return "year"
    return None


def _of_prefix(text: str, pos: int) -> str:
    m = _OF.match(text, pos)
    return m.group() if m else ""


def _left_qualifier(text: str, s: int, floor: int) -> tuple[str | None, int]:
    """The qualifier phrase ending right before `s` (skipping a currency sign), if any.

    Returns its name ("at_least", ..., "between", "from") and where it starts; it never
    reaches back before `floor` (the end of the previous match).
    """
    p = _patterns()
    lo = max(floor, s - _LEFT_WINDOW)
    end = s
    cm = p.currency_left.search(text, lo, s)
    if cm:
        end = cm.start()
    qm = p.qualifier_left.search(text, lo, end)
    if qm and qm.lastgroup:
        return qm.lastgroup, qm.start()
    return None, (cm.start() if cm else s)


def _range_after(text: str, a: _Figure, prefix: str | None) -> tuple[_Figure, str] | None:
    """The second figure of a range starting with `a` ("10-20", "between 10 and 20")."""
    if a.kind not in ("digits", "words"):
        return None
    p = _patterns()
    jm = p.joiner.match(text, a.end)
    if not jm or not jm.lastgroup:
        return None
    bm = p.scan.match(text, jm.end())
    if not bm or bm.lastgroup not in ("digits", "words"):
        return None
    b = _figure_at(text, bm)
    if b is None:
        return None
    join = jm.lastgroup
    years = b.kind == "digits" and b.plain_digits and (b.end - b.start == 2 or _is_year(b))
    if _is_year(a) and join in ("dash", "slash") and years:
        return b, "years"  # "2015-16", "2014/2015"
    if join == "slash" or (join == "and" and prefix != "between"):
        return None
    if join == "to" and prefix == "from":
        return None  # "rose from 50 to 112" is a change
    return b, join


def _is_score(text: str, a: _Figure, b: _Figure) -> bool:
    """Whether "a-b" is a match's score: two small figures in digits joined by one dash, after
    a verb of the game ("lost 2-3") or before its result ("a 3-1 win")."""
    p = _patterns()
    most = _data().non_count["score"]["max_goals"]
    return (
        a.kind == b.kind == "digits"
        and b.start - a.end == 1
        and a.value <= most
        and b.value <= most
        and bool(
            p.score_right.match(text, b.end)
            or (
                p.score_left.search(text, max(0, a.start - _LEFT_WINDOW), a.start)
                # "lost 2-3 players" counts players
                and not _PLURAL_NEXT.match(text, b.end)
            )
        )
    )


# A plural noun right after a figure: what it counts.
_PLURAL_NEXT = re.compile(r"\s+[a-z]{2,}s\b")


def _scaled_low(a: _Figure, b: _Figure) -> Decimal:
    """Lower figure of a range, taking the upper one's scale: "2 to 3 million" -> 2 million."""
    if a.scaled == 1 and b.scaled > 1:
        lifted = a.value * b.scaled
        if lifted < b.value:
            return lifted
    return a.value


def find_quantities(text: str, approx_tolerance: float | None = None) -> list[QuantityMatch]:
    """Every figure in `text`, in order, without overlaps.

    Args:
        text: a sentence or a whole article.
        approx_tolerance: half-width of "about"/"nearly" intervals relative to the figure;
            default from data/quantities.yaml.
    """
    tol = _tolerance(approx_tolerance)
    p = _patterns()
    out: list[QuantityMatch] = []
    pos = 0
    last_end = 0
    while True:
        m = p.scan.search(text, pos)
        if m is None:
            break
        fig = _figure_at(text, m)
        if fig is None:
            pos = m.end()
            continue
        found = _read_figure(text, fig, last_end, tol)
        if found is None:
            pos = fig.end
            continue
        out.append(found)
        pos = last_end = found.end
    return out


def _read_figure(text: str, fig: _Figure, last_end: int, tol: Decimal) -> QuantityMatch | None:
    """Qualifier, range and context of one figure, as a match; None to skip it."""
    p = _patterns()
    if fig.kind == "vague":
        low, high = _data().vague[" ".join(text[fig.start : fig.end].lower().split())]
        q = Quantity(value=float(low), low=float(low), high=float(high), qualifier=Qualifier.VAGUE)
        nc = _classify(text, fig, False, left=True, right=True)
        return QuantityMatch(fig.start, fig.end, fig.start, fig.end, q, nc)

    prefix, phrase_start = (None, fig.start)
    if fig.kind in ("digits", "words"):
        prefix, phrase_start = _left_qualifier(text, fig.start, last_end)

    ranged = _range_after(text, fig, prefix)
    if ranged is not None:
        b, join = ranged
        if join == "dash" and _is_score(text, fig, b):
            q = Quantity(float(b.value), float(b.value), float(b.value), Qualifier.EXACT)
            return QuantityMatch(fig.start, b.end, fig.start, b.end, q, "score")
        range_low = _scaled_low(fig, b)
        if join == "years":
            q = Quantity(float(fig.value), float(fig.value), float(fig.value), Qualifier.EXACT)
            return QuantityMatch(fig.start, b.end, fig.start, b.end, q, "year")
        if range_low < b.value:
            nc = _classify(text, fig, False, left=True, right=False) or _classify(
                text, b, False, left=False, right=True
            )
            q = Quantity(float(b.value), float(range_low), float(b.value), Qualifier.RANGE)
            start = phrase_start if prefix == "between" else fig.start
            return QuantityMatch(start, b.end, fig.start, b.end, q, nc)
    if fig.bare_one:
        return None  # "one of the", "one resident said": a pronoun, not a count

    qualifier = Qualifier(prefix) if prefix in _QUALIFIER_NAMES else None
    if qualifier is None:
        phrase_start = fig.start
        cm = p.currency_left.search(text, max(last_end, fig.start - 8), fig.start)
        if cm:
            phrase_start = cm.start()
    end = fig.end
    if fig.kind in ("digits", "words"):
        sm = p.suffix.match(text, fig.end)
        if sm and sm.lastgroup:
            if qualifier is None:
                qualifier = Qualifier(sm.lastgroup)
            end = sm.end()
    nc = _classify(text, fig, qualifier is not None, left=True, right=True)
    q = _interval(qualifier or Qualifier.EXACT, fig.value, tol, whole=nc is None)
    return QuantityMatch(phrase_start, end, fig.start, fig.end, q, nc)


def parse_quantity(phrase: str, approx_tolerance: float | None = None) -> Quantity | None:
    """Read a single phrase ("at least 116", "some 700", "dozens") as a Quantity.

    The first figure in the phrase is read with its qualifier; a bare number that the scanner
    would not report on its own ("one") is still read as an exact figure. None if the phrase
    holds no figure.
    """
    matches = find_quantities(phrase, approx_tolerance)
    if matches:
        return matches[0].quantity
    value = parse_number(phrase)
    if value is None:
        return None
    return Quantity(value=value, low=value, high=value, qualifier=Qualifier.EXACT)
