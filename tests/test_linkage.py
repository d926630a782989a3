"""Same-event linkage: incident signatures, story vectors, the link model and weighed findings.

Invented reports from several places; nothing here comes from a corpus that is measured.
"""

from __future__ import annotations

import datetime as dt

import pytest

from claimdiff.group import stories
from claimdiff.group.linkage import Comparison, Linker, LinkModel, default_link_model
from claimdiff.group.signature import Scope, incident_words, scope_of, signature
from claimdiff.group.stories import story_index
from claimdiff.records import (
    CUMULATIVE,
    Article,
    Category,
    Finding,
    PublicationDate,
    Qualifier,
    Quantity,
    Severity,
)
from claimdiff.rules.checks import ClaimInContext, Verdict
from claimdiff.rules.engine import weighed
from claimdiff.text.gazetteer_tables import bundled_gazetteer
from tests.article_store import DictStore

WORDS = incident_words()
DAY = dt.date(2023, 6, 3)


def article(article_id: str, text: str, title: str = "", day: dt.date = DAY) -> Article:
    published = PublicationDate(day, "metadata", 1.0)
    return Article(id=article_id, text=text, title=title, source=article_id, published=published)


def exact(value: int) -> Quantity:
    return Quantity(value, value, value, Qualifier.EXACT)


@pytest.mark.parametrize(
    ("sentence", "figure", "scope"),
    [
        ("The earthquake killed 296 people in the province, officials said.", "296", Scope.SINGLE),
        ("Some 3,000 people were killed during the past month.", "3,000", Scope.PERIOD),
        ("Floods killed 120 people in July, the ministry said.", "120", Scope.PERIOD),
        ("So far this year 45 people have died in road crashes.", "45", Scope.PERIOD),
        ("At least 86 soldiers were killed in the past four days.", "86", Scope.PERIOD),
        ("Storms killed 14 people over the last few days.", "14", Scope.PERIOD),
        ("The blast killed 40 people, including 12 children, police said.", "12", Scope.PART),
        # An addition to a toll, not the toll.
        ("Police detained 18 more suspects in overnight raids.", "18", Scope.PART),
        ("The blast killed 16 people and wounded another 40.", "40", Scope.SINGLE),
        ("It killed 44 people, wounding 30 more.", "30", Scope.SINGLE),
        ("Another 12 people died in hospital on Monday.", "12", Scope.PART),
        ("The toll rose by a further three to 46.", "three", Scope.PART),
        ("More than 18 people were detained.", "18", Scope.SINGLE),
        ("He said 18 more than expected had come.", "18", Scope.SINGLE),
        # One group of a toll split in two, the second a single person.
        ("A gunman killed 14 students and a teacher at the school.", "14", Scope.GROUP),
        ("Eighteen children and one adult were killed.", "Eighteen", Scope.GROUP),
        ("A gunman killed 14 people and a police officer said so.", "14", Scope.SINGLE),
    ],
)
def test_the_scope_of_a_count(sentence: str, figure: str, scope: Scope, make_claim) -> None:
    source = article("a", sentence)
    claim = make_claim("a@0", source, sentence, figure, exact(1), category=Category.KILLED)
    assert scope_of(claim, source, WORDS) is scope


@pytest.mark.parametrize(
    ("sentence", "figure", "category", "scope"),
    [
        (
            "The mayor said 31 had been discharged and 38 were still in hospital.",
            "38",
            Category.HOSPITALISED,
            Scope.PART,
        ),
        ("Officials said 33 people remain in hospital.", "33", Category.HOSPITALISED, Scope.PART),
        (
            "Some 17 people were still being treated, nine of them in critical care.",
            "17",
            Category.INJURED,
            Scope.PART,
        ),
        (
            "In all, 79 people were taken to hospital overnight.",
            "79",
            Category.HOSPITALISED,
            Scope.SINGLE,
        ),
        # The missing are those still missing: that is their count.
        ("Rescuers said 41 people were still missing.", "41", Category.MISSING, Scope.SINGLE),
        (
            "The blast injured 59 people, and police said the search goes on still.",
            "59",
            Category.INJURED,
            Scope.SINGLE,
        ),
    ],
)
def test_those_still_in_hospital_are_a_part_of_the_count(
    sentence: str, figure: str, category: Category, scope: Scope, make_claim
) -> None:
    source = article("a", sentence)
    claim = make_claim("a@0", source, sentence, figure, exact(1), category=category)
    assert scope_of(claim, source, WORDS) is scope


def test_another_sets_the_injured_apart_from_the_dead(make_claim) -> None:
    # After a sentence on the dead, "another 672 were injured" counts all the injured.
    sentence = "Another 672 people were injured, 205 of them critically."
    source = article("a", sentence)
    for category, scope in ((Category.INJURED, Scope.SINGLE), (Category.KILLED, Scope.PART)):
        claim = make_claim("a@0", source, sentence, "672", exact(672), category=category)
        assert scope_of(claim, source, WORDS) is scope


def test_a_toll_split_into_groups_counts_parts_but_one_group_is_one_group(make_claim) -> None:
    split = "Rescuers said 30 children and eight adults were still unaccounted for."
    whole = "About 200 people remain missing, civil protection said."
    school = "At least 21 children died at the school, officials said."
    texts = [article("a", split), article("b", whole), article("c", school)]
    adults = make_claim(
        "a@1", texts[0], split, "eight", exact(8), category=Category.MISSING, subject="people"
    )
    children = make_claim(
        "a@2", texts[0], split, "30", exact(30), category=Category.MISSING, subject="children"
    )
    assert scope_of(adults, texts[0], WORDS) is Scope.GROUP
    assert scope_of(children, texts[0], WORDS) is Scope.GROUP
    people = make_claim(
        "b@1", texts[1], whole, "200", exact(200), category=Category.MISSING, subject="people"
    )
    pupils = make_claim(
        "c@1", texts[2], school, "21", exact(21), category=Category.MISSING, subject="children"
    )
    linker = Linker(texts, bundled_gazetteer())
    assert linker.link(adults, people).scopes_differ  # eight adults are part of the 200
    assert not linker.link(children, pupils).scopes_differ  # children against children


def test_running_totals_and_recalled_events_are_their_own_scopes(make_claim) -> None:
    text = "The 1995 quake killed 502 people. Since then 9,000 have died in the war."
    source = article("a", text)
    recalled = make_claim(
        "a@1",
        source,
        "The 1995 quake killed 502 people.",
        "502",
        exact(502),
        date_low=dt.date(1995, 1, 1),
        date_high=dt.date(1995, 12, 31),
    )
    total = make_claim(
        "a@2",
        source,
        "Since then 9,000 have died in the war.",
        "9,000",
        exact(9000),
        subtype=CUMULATIVE,
    )
    assert scope_of(recalled, source, WORDS) is Scope.RECALLED
    assert scope_of(total, source, WORDS) is Scope.CUMULATIVE


def test_causes_come_from_the_sentence_else_the_headline(make_claim) -> None:
    died = "At least 42 people died, the governor said."
    source = article("a", died, title="Landslide buries mountain village")
    claim = make_claim("a@0", source, died, "42", exact(42))
    assert signature(claim, source, WORDS).causes == {"landslide"}  # the headline's
    strike = "Warplanes hit the market, killing 9."
    other = article("b", strike, title="Landslide buries mountain village")
    hit = make_claim("b@0", other, strike, "9", exact(9), cause="air strike")
    assert signature(hit, other, WORDS).causes == {"air strike"}  # its own sentence's


def test_a_cause_and_the_broader_cause_it_is_a_kind_of_are_one_cause(make_claim) -> None:
    # "The suicide attacks" and "the bombings" tell one cause in more or less detail, and a
    # collision is a crash; an air strike is no bombing.
    told = "Suicide attacks on three hotels killed 80, police said."
    source = article("a", told)
    suicide = make_claim("a@0", source, told, "80", exact(80), cause="suicide bombing")
    assert signature(suicide, source, WORDS).causes >= {"suicide bombing", "bombing"}
    assert WORDS.lexicon.broadest_cause("car bomb") == WORDS.lexicon.broadest_cause("bombing")
    assert WORDS.lexicon.broadest_cause("collision") == "crash"
    assert WORDS.lexicon.broadest_cause("air strike") == "air strike"


def test_reports_of_one_story_are_more_alike_than_of_another() -> None:
    index = story_index(
        [
            article("a", "A ferry capsized on Lake Kivu near Goma; rescuers pulled 40 survivors."),
            article(
                "b", "Rescuers at Lake Kivu searched for the missing after the Goma ferry sank."
            ),
            article("c", "A fire at a textile factory in Karachi killed 20 workers on Monday."),
        ]
    )
    assert index.similarity("a", "b") > index.similarity("a", "c")
    assert index.similarity("a", "a") == 1.0 and index.similarity("a", "unknown") == 0.0


STORIES = [
    article("a", "A ferry capsized on Lake Kivu near Goma; rescuers pulled 40 survivors."),
    article("b", "Rescuers at Lake Kivu searched for the missing after the Goma ferry sank."),
    article("c", "A fire at a textile factory in Karachi killed 20 workers on Monday."),
]


def test_kept_story_words_give_the_same_vectors_and_are_not_counted_again(monkeypatch) -> None:
    fresh = story_index(STORIES)
    store = DictStore()
    first = story_index(STORIES, store)
    assert len(store.kept) == 3
    monkeypatch.setattr(stories, "_word_counts", _no_counting)
    kept = story_index(STORIES, store)
    for x, y in [("a", "b"), ("a", "c"), ("b", "c")]:
        assert fresh.similarity(x, y) == first.similarity(x, y) == kept.similarity(x, y)
        assert kept.similarity(x, y) == kept.similarity(y, x)
    assert kept.vector("a") == fresh.vector("a") and list(kept.vector("a")) == list(
        fresh.vector("a")
    )


def test_story_words_are_counted_again_for_an_edited_lead_or_a_bad_entry() -> None:
    store = DictStore()
    story_index(STORIES, store)
    edited = article("b", "Rescuers at Lake Kivu found 12 more bodies.")
    assert stories.story_key(edited) not in store.kept
    store.kept[stories.story_key(STORIES[2])] = '{"karachi": "many"}'
    index = story_index([STORIES[0], edited, STORIES[2]], store)
    assert index.similarity("a", "c") == story_index(STORIES).similarity("a", "c")
    assert stories.story_key(edited) in store.kept


def _no_counting(article: Article):
    raise AssertionError(f"{article.id} counted again")


def _pair(make_claim, text_a: str, fig_a: str, text_b: str, fig_b: str, **b_fields):
    a = article("a", text_a)
    b = article("b", text_b, day=b_fields.pop("day", DAY))
    claim_a = make_claim(
        "a@0",
        a,
        text_a,
        fig_a,
        exact(int(fig_a)),
        category=Category.KILLED,
        location=b_fields.pop("location_a", "Balasore"),
        cause=b_fields.pop("cause_a", None),
    )
    claim_b = make_claim(
        "b@0",
        b,
        text_b,
        fig_b,
        exact(int(fig_b)),
        category=Category.KILLED,
        location=b_fields.pop("location_b", "Balasore"),
        cause=b_fields.pop("cause_b", None),
    )
    return [a, b], claim_a, claim_b


def test_two_reports_of_one_crash_are_likely_one_incident(make_claim) -> None:
    articles, a, b = _pair(
        make_claim,
        "The train collision near Balasore station killed 233 people, officials said.",
        "233",
        "Rescuers said the Balasore train collision killed 288 people near the station.",
        "288",
        cause_a="collision",
        cause_b="collision",
    )
    link = Linker(articles, bundled_gazetteer()).link(a, b)
    assert link.probability >= default_link_model().possible_below
    assert any("same cause" in reason for reason in link.reasons)


def test_a_shared_area_and_week_alone_is_no_link(make_claim) -> None:
    """Positive evidence: another cause, another site named, other days, another story."""
    articles, a, b = _pair(
        make_claim,
        "Warplanes struck the village of Kafr Nabl, killing 5 civilians, activists said.",
        "5",
        "A chemical attack on the town of Saraqib killed 80 people early on Tuesday.",
        "80",
        day=DAY + dt.timedelta(days=5),
        location_a="Idlib",
        location_b="Idlib",
        cause_a="air strike",
        cause_b="chemical attack",
    )
    link = Linker(articles, bundled_gazetteer()).link(a, b)
    assert link.probability < default_link_model().possible_below
    assert any("different causes" in reason for reason in link.reasons)


def test_other_causes_in_other_stories_are_never_more_than_possible(make_claim) -> None:
    """Same city, same day: rebel shelling of one district and an air strike on another, in
    articles about other things, are two incidents however the fitted weights add up."""
    shelling = (
        "Rebel shelling of the western districts of Aleppo killed 8 people on Monday, state"
        " media said, as government forces pushed into the southern outskirts."
    )
    strike = (
        "An air strike on a market in the eastern half of Aleppo killed 10 people on Monday,"
        " rescue workers said, a day after aid convoys were turned back at the crossing."
    )
    keys = {}
    for cause_b in ("air strike", "shelling"):
        articles, a, b = _pair(
            make_claim,
            shelling,
            "8",
            strike,
            "10",
            location_a="Aleppo",
            location_b="Aleppo",
            cause_a="shelling",
            cause_b=cause_b,
        )
        linker = Linker(articles, bundled_gazetteer())
        keys[cause_b] = {c.key for c in linker.compare(a, b)}
        if cause_b == "air strike":
            assert {"cause=different", "story=none", "day=same"} <= keys[cause_b]
            assert linker.link(a, b).probability < default_link_model().possible_below
    # The same pair told by one cause is left to the weights.
    assert "cause=same" in keys["shelling"]


def _finding(severity: Severity) -> Finding:
    return Finding(
        "F1", "CD101", "numeric_disagreement", severity, "E1", ("a@0", "b@0"), ("a", "b"), "m"
    )


class _FixedLinker:
    """A linker whose every link has one probability, to test what the engine does with it."""

    def __init__(self, probability: float) -> None:
        self.model = LinkModel(0.0, {}, possible_below=0.3, high_from=0.8, fitted_on="test")
        self.probability = probability

    def link(self, a, b):
        from claimdiff.group.linkage import Link

        return Link(self.probability, (Comparison("day", "same"),), ("same day",))


@pytest.mark.parametrize(
    ("probability", "given", "severity", "possible"),
    [
        (0.95, Severity.HIGH, Severity.HIGH, False),
        (0.6, Severity.HIGH, Severity.MEDIUM, False),  # a wide gap at a middling link
        (0.6, Severity.MEDIUM, Severity.MEDIUM, False),
        (0.1, Severity.HIGH, Severity.LOW, True),  # never high below the threshold
    ],
)
def test_the_engine_weighs_a_finding_by_its_link(
    make_claim, probability: float, given: Severity, severity: Severity, possible: bool
) -> None:
    _, a, b = _pair(make_claim, "It killed 5 people.", "5", "It killed 9 people.", "9")
    verdict = Verdict("contradiction", (ClaimInContext(a, "a"), ClaimInContext(b, "b")), 0.5)
    result = weighed(_finding(given), verdict, _FixedLinker(probability))  # type: ignore[arg-type]
    assert (result.severity, result.possible) == (severity, possible)
    assert result.probability == probability and result.link_reasons == ("same day",)


def test_the_model_file_names_its_fold_and_thresholds() -> None:
    model = default_link_model()
    assert "fold 1" in model.fitted_on
    assert 0 < model.possible_below < model.high_from < 1
    assert model.probability([]) < 0.5  # no evidence: the intercept alone says "not one"


@pytest.mark.parametrize(
    ("cause", "cause_b", "level"),
    [
        ("fire", "fire", "unknown"),
        ("air strike", "air strike", "week"),
        # The storm and the floods it brought: one regional disaster, told by two causes.
        ("storm", "flood", "unknown"),
        ("storm", "shelling", "week"),
    ],
)
def test_days_between_reports_count_against_a_recurring_cause_only(
    make_claim, cause: str, cause_b: str, level: str
) -> None:
    """A tower fire's toll is revised for days: reports five days apart say nothing against one
    fire. Air strikes hit again: five days apart, they are likely other strikes."""
    articles, a, b = _pair(
        make_claim,
        f"The {cause} in the town killed 12 people, officials said.",
        "12",
        f"Officials said the {cause_b} in the town had killed 79 people.",
        "79",
        day=DAY + dt.timedelta(days=5),
        cause_a=cause,
        cause_b=cause_b,
    )
    [day] = [c for c in Linker(articles, bundled_gazetteer()).compare(a, b) if c.field == "day"]
    assert day.level == level
