"""Grouping claims into events: place, category, time."""

from __future__ import annotations

import datetime as dt

from claimdiff.group.events import GroupOptions, group_claims
from claimdiff.records import Article, Category, Claim, ClaimKind, PublicationDate
from claimdiff.text.quantity import parse_quantity


def article(aid: str, day: dt.date | None, confidence: float = 1.0) -> Article:
    published = PublicationDate(day, "metadata", confidence) if day else None
    return Article(id=aid, text="", source=aid.upper(), published=published)


def claim(aid: str, figure: str, location: str | None, category=Category.KILLED, text="") -> Claim:
    return Claim(
        id=f"{aid}@{figure}",
        article_id=aid,
        kind=ClaimKind.COUNT,
        text=text or f"{figure} people were killed in {location}.",
        start=0,
        end=len(figure),
        sentence_start=0,
        category=category,
        quantity=parse_quantity(figure),
        location=location,
    )


DAY = dt.date(2017, 10, 23)


def test_spellings_of_one_place_share_an_event() -> None:
    articles = [article("a", DAY), article("b", DAY + dt.timedelta(days=1))]
    claims = [claim("a", "116", "Al Qaryatayn"), claim("b", "128", "Al-Qaryatain")]
    grouped, events = group_claims(claims, articles)
    assert len(events) == 1
    assert {c.event_id for c in grouped} == {events[0].id}
    assert "Al" in events[0].label and "killed" in events[0].evidence


def test_other_places_categories_and_times_are_other_events() -> None:
    later = DAY + dt.timedelta(days=30)
    articles = [article("a", DAY), article("b", DAY), article("c", later), article("d", DAY)]
    claims = [
        claim("a", "116", "Homs"),
        claim("b", "700", "Deir ez-Zor"),
        claim("c", "90", "Homs"),
        claim("d", "40", "Homs", category=Category.INJURED),
    ]
    _, events = group_claims(claims, articles)
    assert len(events) == 4


def test_undated_article_joins_the_story_instead_of_splitting_it() -> None:
    articles = [article("a", DAY), article("b", None), article("c", DAY, confidence=0.2)]
    claims = [claim("a", "116", "Homs"), claim("b", "128", "Homs"), claim("c", "120", "Homs")]
    _, events = group_claims(claims, articles, GroupOptions(time_window_days=3))
    assert len(events) == 1 and len(events[0].article_ids) == 3


def test_claims_without_place_or_category_stay_ungrouped() -> None:
    claims = [claim("a", "116", None), claim("b", "128", "Homs", category=Category.OTHER)]
    grouped, events = group_claims(claims, [article("a", DAY), article("b", DAY)])
    assert events == [] and all(c.event_id is None for c in grouped)


def test_an_area_joins_the_one_event_it_holds() -> None:
    articles = [article("a", DAY), article("b", DAY), article("c", DAY)]
    claims = [
        claim("a", "58", "Khan Shaykhun"),
        claim("b", "80", "Syria"),  # "in Syria": the country holds Khan Shaykhun
        claim("c", "72", "Idlib Province"),
    ]
    grouped, events = group_claims(claims, articles)
    assert len(events) == 1
    assert events[0].location == "Khan Shaykhun"
    assert len({c.event_id for c in grouped}) == 1


def test_a_provincial_capital_stands_for_its_province() -> None:
    articles = [article("a", DAY), article("b", DAY)]
    claims = [claim("a", "58", "Khan Shaykhun"), claim("b", "80", "Idlib")]
    _, events = group_claims(claims, articles)
    assert len(events) == 1


def test_an_area_holding_several_events_joins_the_one_that_reads_alike() -> None:
    articles = [article(x, DAY) for x in "abc"]
    claims = [
        claim("a", "58", "Khan Shaykhun", text="A gas attack on Khan Shaykhun killed 58 people."),
        claim("b", "12", "Saraqib", text="Shelling of a market killed 12 traders."),
        claim("c", "80", "Syria", text="A gas attack in Syria killed 80 people."),
    ]
    grouped, _ = group_claims(claims, articles)
    event_of = {c.article_id: c.event_id for c in grouped}
    assert event_of["c"] == event_of["a"] != event_of["b"]


def test_an_area_with_several_unlike_events_stays_apart() -> None:
    articles = [article(x, DAY) for x in "abc"]
    claims = [
        claim("a", "58", "Khan Shaykhun", text="A gas attack on Khan Shaykhun killed 58 people."),
        claim("b", "12", "Saraqib", text="Shelling of a market killed 12 traders."),
        claim("c", "80", "Syria", text="Unrelated words entirely about budgets."),
    ]
    grouped, _ = group_claims(claims, articles)
    event_of = {c.article_id: c.event_id for c in grouped}
    assert event_of["c"] not in (event_of["a"], event_of["b"])


def test_an_area_does_not_reach_across_time() -> None:
    articles = [article("a", DAY), article("b", DAY + dt.timedelta(days=40))]
    claims = [claim("a", "58", "Khan Shaykhun"), claim("b", "80", "Idlib Province")]
    _, events = group_claims(claims, articles)
    assert len(events) == 2


def test_a_country_with_no_event_to_join_makes_none() -> None:
    # Two "killed in Syria" reports with nothing more specific are rarely one incident.
    articles = [article("a", DAY), article("b", DAY)]
    grouped, events = group_claims([claim("a", "58", "Syria"), claim("b", "80", "Syria")], articles)
    assert events == []
    assert all(c.event_id is None for c in grouped)


def test_a_war_total_is_background_not_an_event() -> None:
    from dataclasses import replace

    articles = [article("a", DAY), article("b", DAY)]
    total = replace(claim("b", "230000", "Homs"), subtype="cumulative")
    grouped, events = group_claims([claim("a", "58", "Homs"), total], articles)
    assert len(events) == 1
    assert {c.article_id: c.event_id for c in grouped}["b"] is None


def test_a_claim_its_sentence_dates_to_a_past_event_is_placed_there() -> None:
    from dataclasses import replace

    ghouta = dt.date(2013, 8, 21)
    articles = [article("old", ghouta), article("new", dt.date(2017, 4, 4))]
    sentence = "The August 21 2013 attack on Ghouta killed 1400 people."
    back_then = claim("old", "1300", "Eastern Ghouta")
    recalled = replace(claim("new", "1400", "Eastern Ghouta", text=sentence), sentence_start=50)
    date = Claim(
        id="new@60",
        article_id="new",
        kind=ClaimKind.DATE,
        text=sentence,
        start=54,
        end=68,
        sentence_start=50,
        category=Category.OTHER,
        subtype="attacked",
        date_low=ghouta,
        date_high=ghouta,
        date_precision="day",
        date_confidence=1.0,
        location="Eastern Ghouta",
    )
    grouped, _ = group_claims([back_then, recalled, date], articles)
    event_of = {c.id: c.event_id for c in grouped}
    assert event_of[recalled.id] == event_of[back_then.id] is not None


def dated(c: Claim, low: dt.date, high: dt.date, precision: str) -> Claim:
    from dataclasses import replace

    return replace(c, date_low=low, date_high=high, date_precision=precision, date_confidence=1.0)


def event_of_recalled_2013_attack(first_report: dt.date) -> tuple[str | None, str | None]:
    """A 2016 story recalls a 2013 gas attack near Damascus, dated only by its year; an
    earlier story reported one in Duma on `first_report`. Their event ids."""
    articles = [article("old", first_report), article("new", dt.date(2016, 8, 11))]
    first = claim("old", "1300", "Duma", text="A gas attack near Damascus killed 1300 people.")
    recalled = dated(
        claim("new", "1429", "Damascus", text="That gas attack near Damascus killed 1429 people."),
        dt.date(2013, 1, 1),
        dt.date(2013, 12, 31),
        "year",
    )
    grouped, _ = group_claims([first, recalled], articles)
    event_of = {c.id: c.event_id for c in grouped}
    return event_of[first.id], event_of[recalled.id]


def test_a_count_dated_only_by_a_past_year_joins_the_likeliest_event_of_that_year() -> None:
    first, recalled = event_of_recalled_2013_attack(dt.date(2013, 8, 21))
    assert recalled == first is not None


def test_a_count_dated_only_by_a_past_year_with_no_event_then_joins_none() -> None:
    first, recalled = event_of_recalled_2013_attack(dt.date(2014, 3, 1))
    assert first is not None and recalled is None


def test_a_country_claim_joins_a_city_event_it_reads_like() -> None:
    # No town is named, but the province capital's event of that day reads like it.
    articles = [article("a", DAY), article("b", DAY)]
    city = claim("a", "20", "Al Hasakah", text="A suicide bomber killed 20 people at a wedding.")
    country = claim("b", "32", "Syria", text="A suicide bomber killed 32 people at a wedding.")
    grouped, events = group_claims([city, country], articles)
    assert len(events) == 1
    assert {c.event_id for c in grouped} == {events[0].id}


def test_a_country_claim_that_reads_unlike_the_city_event_stays_out() -> None:
    articles = [article("a", DAY), article("b", DAY)]
    city = claim("a", "20", "Al Hasakah", text="A suicide bomber killed 20 people at a wedding.")
    country = claim("b", "700", "Syria", text="Fighting across the north cost 700 lives, it said.")
    grouped, _ = group_claims([city, country], articles)
    assert {c.id: c.event_id for c in grouped}[country.id] is None


def test_the_events_do_not_depend_on_the_order_of_the_claims() -> None:
    articles = [article(a, DAY + dt.timedelta(days=i % 2)) for i, a in enumerate("abcdef")]
    claims = [
        claim("a", "58", "Khan Shaykhun", text="An air strike killed 58 people in the town."),
        claim("b", "72", "Idlib", text="An air strike killed 72 people in a town."),
        claim("c", "80", "Syria", text="An air strike killed 80 people in a town."),
        claim("d", "86", "Khan Shaykhun", text="A gas attack killed 86 people."),
        claim("e", "100", "Idlib Province", text="A gas attack killed 100 people in a town."),
        claim("f", "12", "Saraqib", text="Shelling killed 12 people in a market."),
    ]
    _, forward = group_claims(claims, articles)
    _, backward = group_claims(list(reversed(claims)), articles)
    assert forward == backward


def test_a_dense_area_weighs_a_bounded_number_of_events() -> None:
    # Many towns of one country the same day: a "killed in Syria" claim weighs at most
    # max_candidates of them, its own article's first.
    from claimdiff.group.events import _Cluster, _ClusterIndex
    from claimdiff.text.gazetteer_tables import bundled_gazetteer

    gazetteer = bundled_gazetteer()
    towns = ["Khan Shaykhun", "Duma", "Manbij", "Al Bab", "Saraqib", "Tadmur"]
    clusters = [
        _Cluster([claim(f"t{i}", str(i + 1), town)], DAY, DAY, gazetteer.lookup(town))
        for i, town in enumerate(towns)
    ]
    days = {c.id: DAY for cluster in clusters for c in cluster.claims}
    index = _ClusterIndex(clusters, days, limit=3)
    syria = gazetteer.lookup("Syria")
    assert syria is not None
    found = index.candidates(syria, "t4", (DAY, DAY))
    assert len(found) == 3
    assert found[0] is clusters[4]  # the claim's own article's event first


def test_the_evidence_says_which_claims_a_later_article_dated_back() -> None:
    ghouta = dt.date(2013, 8, 21)
    articles = [article("old", ghouta), article("new", dt.date(2016, 8, 11))]
    first = claim("old", "1300", "Duma", text="A gas attack near Damascus killed 1300 people.")
    recalled = dated(claim("new", "1429", "Duma"), ghouta, ghouta, "day")
    _, [event] = group_claims([first, recalled], articles)
    assert "1 claim from 1 article published later dates it back to these days." in event.evidence


def _caused(c: Claim, cause: str, day: dt.date | None = None) -> Claim:
    from dataclasses import replace

    told = dated(c, day, day, "day") if day is not None else c
    return replace(told, cause=cause)


BOMBING_DAY = dt.date(2021, 3, 7)


def _bombing(aid: str, figure: str, town: str, cause: str = "bombing") -> Claim:
    text = f"A {cause} killed {figure} people in {town}."
    return _caused(claim(aid, figure, town, text=text), cause)


def _kenya_toll(day: dt.date | None) -> Claim:
    """A later report naming only the country; its sentence dates the bombings when `day`."""
    text = "The toll of the Sunday bombings in Kenya is 98."
    return _caused(claim("later", "98", "Kenya", text=text), "bombing", day)


def _event_of(claims: list[Claim], articles: list[Article]) -> dict[str, str | None]:
    grouped, _ = group_claims(claims, articles)
    return {c.id: c.event_id for c in grouped}


def test_a_country_claim_whose_text_gives_its_cause_and_day_joins_that_event() -> None:
    # Three days on, a report names only the country, but its sentence dates the attacks to
    # their day and names their cause: the one bombing event of that day at a named place.
    articles = [article("a", BOMBING_DAY), article("later", BOMBING_DAY + dt.timedelta(3))]
    town, country = _bombing("a", "41", "Mombasa"), _kenya_toll(BOMBING_DAY)
    grouped, events = group_claims([town, country], articles)
    event_of = {c.id: c.event_id for c in grouped}
    assert event_of[country.id] == event_of[town.id] is not None
    assert "placed only in Kenya" in events[0].evidence


def test_a_country_claim_joins_no_event_without_its_day_or_when_two_share_it() -> None:
    day = BOMBING_DAY
    articles = [article("a", day), article("b", day), article("later", day + dt.timedelta(3))]
    town, country = _bombing("a", "41", "Mombasa"), _kenya_toll(day)
    assert _event_of([town, _kenya_toll(None)], articles)["later@98"] is None
    # Another bombing that day elsewhere in the country: the country claim cannot choose.
    other = _bombing("b", "12", "Nakuru")
    assert _event_of([town, other, country], articles)[country.id] is None
    # Nor does another cause's event of that day take it.
    fire = _bombing("a", "41", "Mombasa", cause="fire")
    assert _event_of([fire, country], articles)[country.id] is None


def test_a_country_claim_of_a_daily_war_cause_is_not_joined_by_its_day() -> None:
    # Shelling hits many towns of a country at war each day: one event of it in the corpus
    # that day does not make "shelling in Syria on Wednesday" that event.
    day = dt.date(2016, 6, 15)
    articles = [article("a", day), article("b", day + dt.timedelta(days=1))]
    town = _bombing("a", "4", "Jableh", cause="shelling")
    text = "Rebel mortar fire on government areas across Syria on Wednesday left 9 dead."
    country = _caused(claim("b", "9", "Syria", text=text), "shelling", day)
    assert _event_of([town, country], articles)[country.id] is None


def test_a_country_claim_of_a_kind_of_the_event_s_cause_joins_it() -> None:
    # "The suicide attacks" (a kind of bombing) and a town's "bombs": one cause.
    articles = [article("a", BOMBING_DAY), article("later", BOMBING_DAY + dt.timedelta(3))]
    town = _bombing("a", "41", "Mombasa")
    text = "The toll of the Sunday suicide attacks in Kenya is 98."
    country = _caused(claim("later", "98", "Kenya", text=text), "suicide bombing", BOMBING_DAY)
    assert _event_of([town, country], articles)[country.id] is not None


def test_a_province_claim_whose_text_gives_its_cause_and_day_joins_that_event() -> None:
    # Three days on, a report names only the state; its sentence dates the shooting.
    articles = [article("a", BOMBING_DAY), article("later", BOMBING_DAY + dt.timedelta(3))]
    town = _bombing("a", "8", "Lubbock", cause="shooting")
    text = "The toll of Sunday's shooting in Texas rose to 9."
    state = claim("later", "9", "Texas", text=text)
    apart = _event_of([town, _caused(state, "shooting")], articles)
    assert apart[state.id] != apart[town.id]  # no day told: an event of its own
    joined = _event_of([town, _caused(state, "shooting", BOMBING_DAY)], articles)
    assert joined[state.id] == joined[town.id] is not None
