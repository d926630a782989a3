"""Builds gold.json and articles/sources.csv for the held-out corpus from the hand-written
figures below. The figures, quotes and kinds are the data; this script only lays them out and
derives the pairs (every pair of articles of an incident whose headline figure of a category
differs -> expected_conflicts, equal -> expected_agreements)."""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The layout and the pairs are the same for every held-out corpus: benchmarks/gold_corpus.py.
sys.path.insert(0, str(ROOT.parents[1]))
from gold_corpus import F, R, build  # noqa: E402

# unit_id -> dict(source, url, figures (first of each category = headline), recalled, superseded)
INCIDENTS = [
 {
  "incident": "Central Italy (Amatrice) earthquake 2016-08-24",
  "date": "2016-08-24",
  "location": "Amatrice and Accumoli (Rieti, Lazio), Arquata del Tronto and Pescara del Tronto (Ascoli Piceno, Marche), Italy",
  "country": "IT", "cause": "earthquake", "same_incident_confidence": "high",
  "notes": "Civil Protection toll rose through the day on 24 Aug (21, 38, 73 ...) to 120 (Renzi, evening), 247 (25 Aug morning), 267 (26 Aug), 290/291 (27 Aug), 297 in mid-September and 299 eventually. The 24 Aug pair is an intraday rise: the Reuters piece itself cites the morning 38.",
  "same_day_kinds": {("amatrice-earthquake/2016-08-24-ansa", "amatrice-earthquake/2016-08-24-reuters", "killed"): "update"},
  "articles": {
   "amatrice-earthquake/2016-08-24-ansa": dict(source="ansa", url="", figures=[
      F("killed", 38, "at_least", "At least 38 people have been killed"),
      F("other", 27, "exact", "27 people had died between Accumoli and Amatrice", note="partial count, Rieti province"),
      F("other", 10, "exact", "a further 10 had been found dead around Arquata del Tronto", note="partial count, Arquata"),
     ], recalled=[R(309, "exact", "killed 309 people", note="L'Aquila 2009")]),
   "amatrice-earthquake/2016-08-24-reuters": dict(source="reuters", url="", figures=[
      F("killed", 120, "at_least", "killed at least 120 people"),
      F("injured", 368, "exact", "368 people had been injured"),
      F("homeless", 2500, "about", "about 2,500 people had been left homeless"),
     ], superseded=[F("killed", 38, "exact", "had spoken of 38 dead", note="morning civil protection figure")],
      recalled=[R(300, "more_than", "killed more than 300 people", note="L'Aquila 2009")]),
   "amatrice-earthquake/2016-08-25-bbc": dict(source="bbc", url="", figures=[
      F("killed", 247, "exact", "has risen to 247"),
      F("other", 190, "exact", "190 deaths in the province of Rieti", note="dead in Rieti province (subset)"),
      F("other", 57, "exact", "57 in the neighbouring province of Ascoli Piceno", note="dead in Ascoli Piceno province (subset)"),
      F("other", 4300, "more_than", "More than 4,300 rescuers", subject="rescuers", note="rescue workers deployed"),
      F("other", 5, "exact", "recovered five bodies from the ruins of the Hotel Roma", subject="bodies", note="bodies at the Hotel Roma (subset)"),
     ]),
   "amatrice-earthquake/2016-08-27-ap": dict(source="ap", url="", figures=[
      F("killed", 290, "exact", "the number of dead had climbed to 290"),
      F("injured", 400, "about", "Nearly 400 people were injured", note="'nearly'"),
      F("homeless", 2500, "about", "About 2,500 people have been left homeless"),
      F("other", 230, "exact", "230 of the dead were in Amatrice", note="dead in Amatrice (subset)"),
      F("other", 49, "exact", "49 in Arquata del Tronto", note="dead in Arquata (subset)"),
      F("other", 11, "exact", "11 in Accumoli", note="dead in Accumoli (subset)"),
      F("other", 21, "at_least", "At least 21 children are among the dead", subject="children", note="children among dead"),
      F("other", 35, "exact", "Thirty-five coffins", subject="coffins", note="coffins at the state funeral"),
     ]),
  },
 },
 {
  "incident": "Grenfell Tower fire, London 2017-06-14",
  "date": "2017-06-14",
  "location": "Grenfell Tower, Lancaster West Estate, North Kensington, London, United Kingdom",
  "country": "GB", "cause": "residential tower block fire", "same_incident_confidence": "high",
  "notes": "Police toll: 6 (14 Jun morning), 12 (14 Jun evening), 17 (15 Jun), at least 30 (16 Jun), 58 missing presumed dead (17 Jun), 79 dead or missing presumed dead (19 Jun), 'about 80' (later June), final 71 incl. a stillborn baby (16 Nov). Hospital counts on 14 Jun differ by source and hour (LAS 74 in hospital in the morning; 68 by ambulance + 10 self-presenting later).",
  "same_day_kinds": {
     ("grenfell-fire/2017-06-14-metro", "grenfell-fire/2017-06-14-bbc", "killed"): "update",
     ("grenfell-fire/2017-06-14-metro", "grenfell-fire/2017-06-14-bbc", "injured"): "contradiction",
  },
  "articles": {
   "grenfell-fire/2017-06-14-metro": dict(source="metro", url="http://metro.co.uk/2017/06/14/at-least-six-people-confirmed-dead-in-grenfell-tower-fire-6707857/", figures=[
      F("killed", 6, "at_least", "At least six people have died"),
      F("injured", 74, "exact", "74 people were being treated in hospitals", note="people taken to hospital"),
      F("other", 20, "exact", "20 of them in critical care", note="in critical care (subset)"),
      F("other", 200, "more_than", "More than 200 firefighters", subject="firefighters", note="firefighters deployed"),
     ]),
   "grenfell-fire/2017-06-14-bbc": dict(source="bbc", url="", figures=[
      F("killed", 12, "exact", "12 people that have died"),
      F("injured", 78, "exact", "78 people in all", note="treated in hospital: 68 by ambulance + 10 on their own"),
      F("rescued", 65, "exact", "had brought 65 people out"),
      F("other", 68, "exact", "68 patients had been taken to six hospitals", note="taken by ambulance (subset)"),
      F("other", 18, "exact", "18 of whom were in critical care", note="critical care (subset)"),
      F("other", 10, "exact", "Another 10 people made their own way to hospital", note="self-presented (subset)"),
     ]),
   "grenfell-fire/2017-06-19-guardian": dict(source="guardian", url="", figures=[
      F("killed", 79, "exact", "has risen to 79", note="dead or missing presumed dead"),
      F("missing", 74, "exact", "74 others were missing and he had to presume they were dead", note="missing presumed dead (subset of the 79)"),
      F("other", 5, "exact", "five people had now been formally identified", note="formally identified dead"),
      F("other", 17, "exact", "17 people were still being treated in London hospitals", note="still in hospital"),
      F("other", 9, "exact", "nine of them in critical care", note="critical care (subset)"),
     ], superseded=[
      F("killed", 30, "at_least", "at least 30 people had died", note="Friday 16 June figure"),
      F("killed", 58, "exact", "58 people were missing and presumed dead", note="Saturday 17 June figure"),
     ]),
   "grenfell-fire/2017-11-16-reuters": dict(source="reuters", url="", figures=[
      F("killed", 71, "exact", "Seventy-one people died in the Grenfell Tower fire"),
      F("other", 223, "exact", "223 people had escaped the tower", note="escaped"),
      F("other", 293, "exact", "293 people were in the building", note="people inside when the fire began"),
      F("other", 400, "about", "some 400 people had been reported missing", note="initial missing reports, since resolved"),
     ], superseded=[F("killed", 80, "about", "the estimate of about 80", note="June estimate")]),
  },
 },
 {
  "incident": "Sulawesi (Palu) earthquake and tsunami, Indonesia 2018-09-28",
  "date": "2018-09-28",
  "location": "Palu, Donggala, Sigi and Parigi Moutong, Central Sulawesi, Indonesia",
  "country": "ID", "cause": "earthquake, tsunami and soil liquefaction", "same_incident_confidence": "high",
  "notes": "BNPB toll: 384 (29 Sep), 832 (30 Sep), 844 (1 Oct), 1,234 (2 Oct), 1,407 (3 Oct), 1,763 (7 Oct), 1,944/1,948 (8 Oct, the task force corrected itself mid-briefing), 2,010 (9 Oct); later over 4,000 dead and missing. On 8 Oct AFP (military spokesman Thohir) and AP (task-force official Jamaluddin) gave different tolls.",
  "same_day_kinds": {("sulawesi-earthquake/2018-10-08-afp", "sulawesi-earthquake/2018-10-08-ap", "killed"): "contradiction"},
  "articles": {
   "sulawesi-earthquake/2018-09-29-antara": dict(source="antara", url="", figures=[
      F("killed", 384, "exact", "reached 384 on Saturday"),
      F("injured", 540, "exact", "540 people in Palu had been injured"),
      F("missing", 29, "exact", "29 residents were reported missing"),
      F("other", 56, "exact", "identified 56 of the victims", note="identified dead (subset)"),
     ]),
   "sulawesi-earthquake/2018-10-02-jakarta-globe": dict(source="jakarta-globe", url="https://jakartaglobe.id/news/death-toll-in-palu-quake-tsunami-rises-to-more-than-1200/", figures=[
      F("killed", 1234, "exact", "has climbed to 1,234"),
      F("injured", 799, "exact", "799 people had been seriously injured"),
      F("missing", 99, "exact", "99 were still missing"),
      F("homeless", 61867, "about", "Some 61,867 people have been left homeless"),
      F("other", 66000, "about", "Nearly 66,000 houses were damaged or destroyed", subject="houses", note="houses damaged"),
      F("other", 2400, "more_than", "more than 2,400 houses were swallowed or destroyed", subject="houses", note="houses lost to liquefaction"),
      F("other", 153, "exact", "The bodies of 153 victims were buried", subject="bodies", note="buried in a mass grave"),
     ], superseded=[F("killed", 844, "exact", "up from 844 a day earlier")],
      recalled=[R(500, "more_than", "killed more than 500 people", note="Lombok earthquakes 2018")]),
   "sulawesi-earthquake/2018-10-08-afp": dict(source="afp", url="", figures=[
      F("killed", 1944, "exact", "has reached 1,944"),
      F("missing", 5000, "up_to", "as many as 5,000 people could be missing"),
      F("displaced", 62000, "more_than", "More than 62,000 people have fled their homes"),
      F("other", 2549, "exact", "2,549 people were still being treated in hospitals", note="still in hospital"),
     ], recalled=[R(170000, "about", "killed around 170,000 people", note="2004 tsunami, Aceh")]),
   "sulawesi-earthquake/2018-10-08-ap": dict(source="ap", url="", figures=[
      F("killed", 1948, "exact", "The official toll stood at 1,948"),
      F("missing", 5000, "up_to", "up to 5,000 people could lie under the deep mud", note="unverified estimate from village chiefs"),
     ], superseded=[F("killed", 1944, "exact", "first gave the figure as 1,944", note="corrected in the same briefing")]),
  },
 },
 {
  "incident": "Lac-Mégantic rail disaster, Quebec 2013-07-06",
  "date": "2013-07-06",
  "location": "Lac-Mégantic, Estrie, Quebec, Canada",
  "country": "CA", "cause": "runaway crude-oil train derailment, explosions and fire", "same_incident_confidence": "high",
  "notes": "Confirmed dead: 1 (6 Jul), 5 (7-8 Jul morning), 13 (8 Jul evening), 15 (9 Jul), 20 (11 Jul), 28 (12 Jul), 33 (13 Jul), 42 bodies (search ended 1 Aug); dead-or-missing estimate about 40 -> 50 -> 60 -> 50 -> 47 (19 Jul). Missing counts sometimes include the recovered dead (CBC 8 Jul). The 8 Jul pair is an intraday rise (morning vs evening briefing).",
  "same_day_kinds": {
     ("lac-megantic-derailment/2013-07-08-global-news", "lac-megantic-derailment/2013-07-08-cbc", "killed"): "update",
     ("lac-megantic-derailment/2013-07-08-global-news", "lac-megantic-derailment/2013-07-08-cbc", "missing"): "update",
  },
  "articles": {
   "lac-megantic-derailment/2013-07-08-global-news": dict(source="global-news", url="https://globalnews.ca/news/700132/devastated-lac-megantic-begins-a-work-week-with-its-core-shattered/", figures=[
      F("killed", 5, "exact", "stood at five on Monday morning"),
      F("missing", 40, "about", "around 40 people are still missing"),
     ]),
   "lac-megantic-derailment/2013-07-08-cbc": dict(source="cbc", url="https://www.cbc.ca/news/canada/montreal/13-dead-many-still-missing-in-lac-m%C3%A9gantic-1.1338203", figures=[
      F("killed", 13, "exact", "bringing the official death toll to 13"),
      F("missing", 50, "about", "about 50 people are now listed as missing", note="includes the 13 recovered bodies"),
      F("evacuated", 2000, "about", "About 2,000 of the town's 6,000 residents were forced from their homes"),
      F("other", 1500, "about", "about 1,500 of them could return", note="evacuees allowed home (subset)"),
      F("other", 30, "about", "Some 30 buildings were destroyed", subject="buildings", note="buildings destroyed"),
     ], superseded=[F("missing", 40, "about", "put the number of missing at about 40", note="Sunday figure")]),
   "lac-megantic-derailment/2013-07-12-canadian-press": dict(source="canadian-press", url="", figures=[
      F("killed", 28, "exact", "bringing the number recovered to 28", subject="bodies"),
      F("other", 50, "about", "about 50 people are feared to have died", note="dead or missing estimate"),
      F("other", 8, "exact", "for a total of eight", note="identified victims"),
     ], recalled=[R(99, "exact", "killing 99 people", note="1864 Beloeil rail disaster")]),
   "lac-megantic-derailment/2013-08-01-national-post": dict(source="national-post", url="https://nationalpost.com/news/canada/we-did-everything-humanly-possible-search-for-bodies-ends-in-lac-megantic-as-five-remain-missing-after-train-disaster/wcm/a61e8c79-0257-45b3-a9f0-e59e69686048/", figures=[
      F("killed", 47, "exact", "leaving the estimated death toll at 47", note="42 bodies found + 5 missing"),
      F("missing", 5, "exact", "five people remained missing"),
      F("other", 42, "exact", "42 bodies had been found", subject="bodies", note="bodies recovered"),
      F("other", 38, "exact", "identified 38 of the bodies", subject="bodies", note="identified"),
     ], superseded=[
      F("other", 60, "about", "about 60 people were dead or missing", note="earlier dead-or-missing estimate"),
      F("other", 50, "exact", "lowering the figure to 50", note="earlier dead-or-missing estimate"),
     ]),
  },
 },
 {
  "incident": "Puebla earthquake, central Mexico 2017-09-19",
  "date": "2017-09-19",
  "location": "Mexico City, Morelos, Puebla, State of Mexico, Guerrero and Oaxaca, Mexico",
  "country": "MX", "cause": "earthquake", "same_incident_confidence": "high",
  "notes": "Civil Protection toll: 248 (19 Sep late), revised down to 217 overnight, 225 (20 Sep 9am), 223 (20 Sep later, AP), 245 and 273 (21 Sep), 286/295 (22 Sep), 305 and 318 (23 Sep), 320/324 (24-26 Sep), 369-370 final. On 20 Sep different outlets carried 217 and 225 from the same agency.",
  "same_day_kinds": {("puebla-earthquake/2017-09-20-reuters", "puebla-earthquake/2017-09-20-mexico-news-daily", "killed"): "contradiction"},
  "articles": {
   "puebla-earthquake/2017-09-20-reuters": dict(source="reuters", url="", figures=[
      F("killed", 217, "exact", "lowered the death toll from a powerful earthquake to 217"),
      F("other", 21, "at_least", "at least 21 children died", subject="children", note="children dead at the Rebsamen school"),
      F("other", 38, "exact", "30 children and eight adults were still unaccounted for", note="unaccounted for at one school (subset)"),
     ], superseded=[F("killed", 248, "exact", "248 people were confirmed dead", note="late 19 Sep figure")],
      recalled=[R(10000, "about", "killed about 10,000 people", note="1985 Mexico City earthquake"),
                R(98, "at_least", "killed at least 98 people", note="8 Sep 2017 Chiapas earthquake")]),
   "puebla-earthquake/2017-09-20-mexico-news-daily": dict(source="mexico-news-daily", url="http://mexiconewsdaily.com/news/225-people-killed-in-yesterdays-quake/", figures=[
      F("killed", 225, "exact", "225 people are confirmed dead"),
      F("other", 94, "exact", "94 in Mexico City", note="dead in Mexico City (subset)"),
      F("other", 71, "exact", "71 in Morelos", note="dead in Morelos (subset)"),
      F("other", 43, "exact", "43 in Puebla", note="dead in Puebla (subset)"),
      F("other", 11, "exact", "Eleven people there died", note="dead at the Atzala church (subset)"),
     ]),
   "puebla-earthquake/2017-09-21-el-universal": dict(source="el-universal", url="", figures=[
      F("killed", 273, "exact", "has risen to 273"),
      F("injured", 1819, "exact", "1,819 people had received medical attention for injuries"),
      F("missing", 200, "about", "About 200 people remain missing"),
      F("other", 137, "exact", "137 people died in Mexico City", note="dead in Mexico City (subset)"),
      F("other", 25, "exact", "19 children and six adults died at the school", note="dead at the Rebsamen school (subset)"),
      F("other", 11, "exact", "11 children were rescued alive", subject="children", note="rescued at the school"),
      F("other", 57, "at_least", "Rescuers have saved at least 57 people from the rubble in the capital", note="rescued in Mexico City only"),
     ]),
   "puebla-earthquake/2017-09-23-ap": dict(source="ap", url="", figures=[
      F("killed", 305, "exact", "has climbed to 305"),
      F("rescued", 115, "exact", "115 people have been pulled alive from the rubble"),
      F("other", 167, "exact", "167 of the deaths were in Mexico City", note="dead in Mexico City (subset)"),
     ], recalled=[R(90, "at_least", "killed at least 90 people", note="8 Sep 2017 Chiapas earthquake")]),
  },
 },
]

DISTRACTORS = [
 dict(unit_id="distractors/2009-04-07-afp", source="afp", url="", published="2009-04-07",
      incident="L'Aquila earthquake, Abruzzo 2009-04-06", date="2009-04-06", country="IT", cause="earthquake",
      near_miss_of="Central Italy (Amatrice) earthquake 2016-08-24",
      deaths=207, qualifier="exact", quote="rose to 207 on Tuesday",
      figures=[F("killed", 207, "exact", "rose to 207 on Tuesday"),
               F("injured", 1000, "more_than", "more than 1,000 had been injured"),
               F("missing", 15, "exact", "15 people were still missing"),
               F("other", 100, "exact", "100 of them seriously", note="seriously injured (subset)"),
               F("other", 190, "exact", "190 had been identified", note="identified dead (subset)"),
               F("other", 7000, "more_than", "more than 7,000 police, soldiers, firefighters and volunteers", subject="rescuers", note="rescue workers")],
      recalled=[R(3000, "about", "killed nearly 3,000 people", note="Irpinia 1980")]),
 dict(unit_id="distractors/2016-04-18-reuters", source="reuters", url="", published="2016-04-18",
      incident="Ecuador (Pedernales) earthquake 2016-04-16", date="2016-04-16", country="EC", cause="earthquake",
      near_miss_of="Puebla earthquake, central Mexico 2017-09-19",
      deaths=413, qualifier="exact", quote="rose to 413 on Monday",
      figures=[F("killed", 413, "exact", "rose to 413 on Monday"),
               F("other", 10000, "about", "Some 10,000 troops", subject="troops", note="troops deployed"),
               F("other", 4600, "exact", "4,600 police", subject="police", note="police deployed")],
      superseded=[F("injured", 2000, "more_than", "an earlier count of more than 2,000")],
      recalled=[R(5000, "more_than", "killed more than 5,000 people", note="Ambato 1949")]),
 dict(unit_id="distractors/2016-12-04-guardian", source="guardian", url="https://www.theguardian.com/us-news/2016/dec/04/oakland-ghost-ship-warehouse-fire-deaths-24", published="2016-12-04",
      incident="Ghost Ship warehouse fire, Oakland, California 2016-12-02", date="2016-12-02", country="US", cause="warehouse fire during a party",
      near_miss_of="Grenfell Tower fire, London 2017-06-14",
      deaths=33, qualifier="exact", quote="reached 33 on Sunday",
      figures=[F("killed", 33, "exact", "reached 33 on Sunday"),
               F("other", 7, "exact", "Seven families had been told", subject="families", note="families notified")],
      recalled=[R(100, "exact", "100 people died at the Station nightclub", note="Station nightclub fire 2003")]),
]


if __name__ == "__main__":
    build(ROOT, INCIDENTS, DISTRACTORS)
