"""Date claims: found by the parse, resolved against the publication date, compared by CD102."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from claimdiff.extract.claims import date_claims_from_doc
from claimdiff.pipeline import check
from claimdiff.records import Article, ClaimKind, PublicationDate

pytestmark = pytest.mark.model

PUBLISHED = PublicationDate(dt.date(2017, 10, 23), "metadata", 1.0)


def date_claims(nlp, text: str, published: PublicationDate | None = PUBLISHED):
    article = Article(id="a", text=text, published=published)
    return list(date_claims_from_doc(article, nlp(text)))


def count_claims(nlp, text: str, published: dt.date = PUBLISHED.date) -> list:
    """The count claims of `text`, in an article published on `published`."""
    from claimdiff.extract.claims import claims_from_doc

    article = Article(id="a", text=text, published=PublicationDate(published, "metadata", 1.0))
    return [c for c in claims_from_doc(article, nlp(text)) if c.kind is ClaimKind.COUNT]


def test_a_date_is_tied_to_the_event_its_verb_names(nlp) -> None:
    [claim] = date_claims(nlp, "Syrian regime forces retook the town of Palmyra on Saturday.")
    assert claim.kind is ClaimKind.DATE
    assert claim.subtype == "captured"
    assert (claim.date_low, claim.date_high) == (dt.date(2017, 10, 21), dt.date(2017, 10, 21))
    assert claim.date_precision == "day"
    assert claim.date_confidence == 1.0
    # The gazetteer's name for Syria's Palmyra: with no country named, Colombia's larger
    # Palmira would be the likelier.
    assert claim.location == "Tadmur"
    assert claim.figure_text == "Saturday"


def test_killings_dated_join_the_killed_category(nlp) -> None:
    [claim] = date_claims(nlp, "The group executed dozens of civilians in Palmyra this month.")
    assert claim.category.value == "killed"
    assert (claim.date_low, claim.date_high) == (dt.date(2017, 10, 1), dt.date(2017, 10, 23))


def test_the_date_of_a_statement_is_not_a_claim(nlp) -> None:
    assert (
        date_claims(nlp, "A monitor in Palmyra said on Monday that the fighting continued.") == []
    )


def test_durations_are_not_dates(nlp) -> None:
    assert (
        date_claims(nlp, "The group killed 116 people in Palmyra over a period of 20 days.") == []
    )


def test_relative_dates_stay_unresolved_when_the_publication_date_is_unknown(nlp) -> None:
    [claim] = date_claims(nlp, "Regime forces retook the town of Palmyra on Saturday.", None)
    assert claim.date_low is None and claim.date_high is None
    assert claim.date_precision == "unresolved"
    assert claim.date_confidence is None


def test_a_page_header_date_lends_its_low_confidence(nlp) -> None:
    header = PublicationDate(dt.date(2022, 1, 24), "page-header", 0.3)
    [claim] = date_claims(nlp, "Regime forces retook the town of Palmyra on Saturday.", header)
    assert claim.date_low == dt.date(2022, 1, 22)
    assert claim.date_confidence == 0.3


def test_later_counts_from_the_date_before_it(nlp) -> None:
    text = (
        "Daesh chased government forces out of Palmyra on October 1. "
        "Three weeks later the army recaptured Palmyra."
    )
    found = {c.figure_text: c for c in date_claims(nlp, text)}
    assert found["October 1"].date_low == dt.date(2017, 10, 1)
    later = found["Three weeks later"]
    assert later.date_low <= dt.date(2017, 10, 22) <= later.date_high


def test_seed_002_without_a_date_yields_unresolved_relative_dates(seeds_result) -> None:
    dated = [
        c
        for c in seeds_result.claims
        if c.kind is ClaimKind.DATE and c.article_id.startswith("002_")
    ]
    assert dated, "seed 002 states dates ('on Saturday', 'mid-December')"
    assert all(c.date_low is None and c.date_precision == "unresolved" for c in dated)


def _write(folder: Path, name: str, published: str, text: str) -> None:
    (folder / name).write_text(f"---\nsource: {name[:-4]}\npublished: {published}\n---\n{text}\n")


def test_mid_december_and_last_week_about_one_capture_do_not_conflict(tmp_path: Path) -> None:
    _write(tmp_path, "a.txt", "2018-12-20", "Last week the SDF captured the town of Hajin.")
    _write(tmp_path, "b.txt", "2018-12-22", "In mid-December, the SDF took the town of Hajin.")
    result = check([tmp_path])
    dates = [c for c in result.claims if c.kind is ClaimKind.DATE]
    assert len(dates) == 2
    assert len({c.event_id for c in dates}) == 1  # one event, both dated
    [event] = [e for e in result.events if e.id == dates[0].event_id]
    assert event.date_low is not None
    assert not [f for f in result.findings if f.rule == "CD102"]


def test_a_capture_dated_a_week_apart_is_flagged(tmp_path: Path) -> None:
    _write(tmp_path, "a.txt", "2017-10-23", "Regime forces retook the town of Hajin on Saturday.")
    _write(tmp_path, "b.txt", "2017-10-23", "Regime forces retook the town of Hajin on October 12.")
    result = check([tmp_path])
    [finding] = [f for f in result.findings if f.rule == "CD102"]
    assert finding.severity.value == "high"
    assert "2017-10-21" in finding.message and "2017-10-12" in finding.message


def test_a_date_heading_a_timeline_entry_dates_the_entry_s_event(nlp) -> None:
    text = (
        "August 21 2013 Washington accuses the regime of killing more than 1400 people with "
        "chemical weapons near Damascus."
    )
    [claim] = date_claims(nlp, text)
    assert claim.subtype == "killed"
    assert (claim.date_low, claim.date_high) == (dt.date(2013, 8, 21), dt.date(2013, 8, 21))


def test_a_date_opening_a_sentence_with_a_preposition_is_no_heading(nlp) -> None:
    # "On Saturday" hangs from its verb as usual, here the saying: it dates nothing, though the
    # sentence names a killing.
    assert date_claims(nlp, "On Saturday a monitor said the strikes killed 12 people.") == []


def test_a_count_takes_its_sentence_s_date_for_its_event(nlp) -> None:
    [count] = count_claims(nlp, "Air strikes killed 72 people in Khan Sheikhun on Tuesday.")
    assert (count.date_low, count.date_high) == (dt.date(2017, 10, 17), dt.date(2017, 10, 17))
    assert count.date_confidence == 1.0


def test_a_dateline_s_date_is_when_the_story_was_filed(nlp) -> None:
    text = (
        "LONDON, Oct 23 (Reuters) - Seventy-one people died in the tower fire in June, "
        "police said on Monday."
    )
    [count] = count_claims(nlp, text)
    assert (count.date_low, count.date_high) == (dt.date(2017, 6, 1), dt.date(2017, 6, 30))
    assert all(claim.text[claim.start : claim.end] != "Oct 23" for claim in date_claims(nlp, text))


@pytest.mark.parametrize(
    "text",
    [
        # The parse ties the day to the second verb; it dates the whole sentence's event.
        "Rebel shelling killed four people and wounded nine on Thursday in the old city.",
        # The day dates the raid, and the killing is the raid's.
        "Jets on Thursday bombed two villages near the river, killing 14 people.",
    ],
)
def test_a_sentence_that_dates_one_event_dates_its_counts(nlp, text) -> None:
    counts = count_claims(nlp, text)
    assert counts
    assert all((c.date_low, c.date_high) == (dt.date(2017, 10, 19),) * 2 for c in counts)


def test_a_sentence_with_two_dated_events_lends_neither_day(nlp) -> None:
    text = (
        "Shelling on Thursday wounded nine people, a day after a car bomb on Wednesday killed 14."
    )
    dates = {c.figure_text: c.date_low for c in count_claims(nlp, text)}
    # Each count keeps only the day tied to its own verb, if any: never the other event's.
    assert dates.get("14") in (None, dt.date(2017, 10, 18))
    assert dates.get("nine") in (None, dt.date(2017, 10, 19))


def test_a_count_pointing_back_to_that_attack_takes_the_sentence_before_s_date(nlp) -> None:
    text = (
        "Investigators established that sarin was used in Eastern Ghouta in 2013. "
        "The United States blamed the regime for that attack, which killed 1429 people."
    )
    [count] = count_claims(nlp, text, dt.date(2016, 8, 11))
    assert (count.date_low, count.date_high) == (dt.date(2013, 1, 1), dt.date(2013, 12, 31))
    assert count.date_precision == "year"
    # Without the pointing back, the sentence before dates nothing of this count.
    plain = text.replace("for that attack, which killed", "as the war killed")
    [count] = count_claims(nlp, plain, dt.date(2016, 8, 11))
    assert count.date_low is None


def test_a_count_in_a_sentence_dated_well_before_publication_is_about_then(nlp) -> None:
    text = (
        "The worst attack was a sarin attack in August 2013 on the Damascus suburb of Ghouta "
        "that killed hundreds of civilians."
    )
    [count] = count_claims(nlp, text, dt.date(2017, 4, 4))
    assert (count.date_low, count.date_high) == (dt.date(2013, 8, 1), dt.date(2013, 8, 31))


@pytest.mark.parametrize(
    "text",
    [
        "A bomber killed 22 people at a concert in Manchester, police said, the deadliest attack"
        " in Britain since the London transport bombings of July 2005.",
        "The floods killed 95 people in Valencia, the worst in Spain since October 1957.",
    ],
)
def test_a_date_after_since_is_no_day_of_the_count(nlp, text) -> None:
    # A comparison's yardstick, years back, not when the 22 died.
    [count] = [c for c in count_claims(nlp, text, dt.date(2017, 5, 23)) if c.category == "killed"]
    assert count.date_low is None


def test_a_count_after_since_and_its_date_is_about_then(nlp) -> None:
    # The yardstick's own toll: the 167 died in 1992.
    text = (
        "It is the country's deadliest air accident since 1992, when an airliner crashed on its"
        " approach to the capital, killing all 167 people on board."
    )
    [count] = count_claims(nlp, text, dt.date(2023, 1, 16))
    assert count.date_low == dt.date(1992, 1, 1)


def test_a_line_repeated_without_its_timeline_date_is_one_claim(nlp) -> None:
    line = "Washington accuses the regime of killing more than 1400 people near Damascus."
    counts = count_claims(nlp, f"August 21 2013 {line}\n\nOther news.\n\n{line}")
    assert [c.text.strip() for c in counts] == [f"August 21 2013 {line}"]
