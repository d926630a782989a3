"""Builds gold.json and articles/sources.csv for the second held-out corpus (beyond-war-heldout2) from the hand-written
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
  "incident": "Genoa Morandi bridge collapse, Italy 2018-08-14",
  "date": "2018-08-14",
  "location": "Morandi viaduct (A10 motorway) over the Polcevera valley, Genoa, Liguria, Italy",
  "country": "IT", "cause": "motorway bridge collapse", "same_incident_confidence": "high",
  "notes": "Toll on 14 Aug rose through the afternoon (11, 22, 25/26, 30, 31, 35); 15 Aug morning the prefecture confirmed 35 and denied 38, later 37, 38 (Salvini, with three children), 39 (Borrelli and Salvini); 18 Aug 41 then 42/43 unofficially; 19 Aug search ended, official 43. Injured counts: 11 pulled from rubble (Bucci, 14 Aug), 13 (earlier officials), 15 or 16 (15 Aug). On 15 Aug the prefecture's 35 (which explicitly denied 38) and the interior minister's 38 were same-day figures from different official sources: marked contradiction, although the rise to 38 and 39 by the evening makes it also read as an intraday update.",
  "same_day_kinds": {("genoa-bridge-collapse/2018-08-15-ansa", "genoa-bridge-collapse/2018-08-15-afp", "killed"): "contradiction"},
  "articles": {
   "genoa-bridge-collapse/2018-08-14-ap": dict(source="ap", url="", figures=[
      F("killed", 25, "at_least", "At least 25 people were killed"),
      F("injured", 11, "exact", "11 injured people had been pulled out of the rubble"),
      F("rescued", 2, "at_least", "at least two people were taken alive from their vehicles"),
      F("other", 35, "up_to", "between 30 and 35 cars", subject="cars", note="cars on the fallen span (30-35)"),
     ], superseded=[
      F("killed", 22, "exact", "a toll of 22 dead", note="earlier figure from two officials"),
      F("injured", 13, "exact", "13 injured, and said", note="earlier figure from two officials"),
     ]),
   "genoa-bridge-collapse/2018-08-15-ansa": dict(source="ansa", url="", figures=[
      F("killed", 35, "exact", "stood at 35 on Wednesday morning"),
      F("missing", 3, "exact", "Three people are still missing"),
      F("other", 12, "about", "about a dozen remain in hospital in serious condition", note="in hospital in serious condition"),
      F("other", 38, "exact", "put the figure at 38", note="media reports of the dead, rejected by the prefecture"),
      F("other", 400, "about", "about 400 firefighters are taking part", subject="firefighters", note="firefighters deployed"),
      F("other", 300, "more_than", "More than 300 families", subject="families", note="families evacuated from blocks under the viaduct"),
     ]),
   "genoa-bridge-collapse/2018-08-15-afp": dict(source="afp", url="", figures=[
      F("killed", 38, "exact", "taking the toll to 38"),
      F("injured", 16, "exact", "16 people had been injured"),
      F("other", 12, "exact", "12 of them seriously", note="seriously injured (subset)"),
      F("other", 3, "exact", "Three children aged eight, 12 and 13", subject="children", note="children among the dead"),
      F("other", 3, "exact", "Three more bodies were pulled overnight", subject="bodies", note="bodies recovered overnight"),
      F("other", 35, "about", "about 35 cars", subject="cars", note="cars that fell"),
     ]),
   "genoa-bridge-collapse/2018-08-19-dw": dict(source="dw", url="https://www.dw.com/en/genoa-bridge-collapse-search-operation-ends-death-toll-rises/a-45136011", figures=[
      F("killed", 43, "exact", "put the death toll at 43"),
      F("other", 3, "exact", "the final three bodies", subject="bodies", note="last bodies recovered"),
      F("other", 4, "exact", "four French citizens", note="French victims (subset)"),
      F("other", 18, "exact", "18 of the victims", note="victims at the state funeral (subset)"),
      F("other", 30, "more_than", "more than 30 vehicles", subject="vehicles", note="vehicles that fell"),
     ], superseded=[F("killed", 38, "exact", "the toll had stood at 38", note="Wednesday 15 Aug figure")]),
  },
 },
 {
  "incident": "Soma coal mine disaster, Manisa, Turkey 2014-05-13",
  "date": "2014-05-13",
  "location": "Eynez coal mine, Soma, Manisa province, Turkey",
  "country": "TR", "cause": "coal mine explosion and underground fire", "same_incident_confidence": "high",
  "notes": "Toll: 17 (AFAD, 13 May afternoon), 151/157 (13 May night: AFAD 151, Manisa mayor Ergun 157; other officials 104), 166, 201 and 205 (14 May early), 232 (Erdogan, 14 May), 245, 274 (14 May evening), 282/284 (16 May, 18 still inside, possible 302), 301 final (17 May). 787 underground, 363 rescued by 14 May morning, 485 escaped or rescued in all. Missing/trapped: more than 200 (13 May), about 120 (Erdogan 14 May), more than 100, then 18 (16 May).",
  "same_day_kinds": {},
  "articles": {
   "soma-mine-disaster/2014-05-13-reuters": dict(source="reuters", url="", figures=[
      F("killed", 157, "at_least", "At least 157 miners died on Tuesday"),
      F("missing", 200, "more_than", "put the number at more than 200", note="trapped underground"),
      F("other", 600, "about", "Close to 600 workers had been underground", subject="workers", note="workers underground at the time"),
     ], superseded=[F("killed", 17, "exact", "reported 17 miners killed", note="AFAD's earlier figure")]),
   "soma-mine-disaster/2014-05-14-guardian": dict(source="guardian", url="https://www.theguardian.com/world/2014/may/14/turkish-mine-explosion-erdogan-rescue-efforts", figures=[
      F("killed", 232, "exact", "has risen to 232"),
      F("injured", 80, "exact", "80 miners had been injured"),
      F("rescued", 363, "exact", "363 had been brought out alive"),
      F("other", 787, "exact", "787 workers had been inside", subject="workers", note="workers in the mine"),
            F("other", 4, "exact", "four of them seriously", note="seriously injured (subset)"),
     ], recalled=[R(263, "exact", "which killed 263 workers", note="Kozlu (Zonguldak) mine explosion 1992")]),
   "soma-mine-disaster/2014-05-16-ap": dict(source="ap", url="", figures=[
      F("killed", 284, "exact", "the confirmed death toll now stood at 284"),
      F("missing", 18, "exact", "18 miners are believed to still be trapped underground"),
      F("other", 302, "up_to", "It could reach 302", note="possible final toll if the 18 are dead"),
     ], superseded=[F("missing", 100, "more_than", "put the number of missing miners at more than 100", note="earlier estimate")]),
   "soma-mine-disaster/2014-05-17-al-jazeera": dict(source="al-jazeera", url="http://america.aljazeera.com/articles/2014/5/17/turkey-mine-search.html", figures=[
      F("killed", 301, "exact", "raising the final toll to 301"),
      F("other", 485, "exact", "485 miners survived", note="escaped or rescued in all"),
      F("other", 30, "more_than", "More than 30 people, several lawyers among them, were detained", note="protesters detained"),
     ]),
  },
 },
 {
  "incident": "Tianjin port chemical warehouse explosions, China 2015-08-12",
  "date": "2015-08-12",
  "location": "Ruihai International Logistics warehouse, Binhai New Area, Tianjin, China",
  "country": "CN", "cause": "explosions at a hazardous-chemicals warehouse", "same_incident_confidence": "high",
  "notes": "Toll: 17 and 44 (13 Aug, 520 hospitalised, 66 critical), 50 (13 Aug later, 701 hospitalised), 56, 85, 104 (15 Aug), 112 (16 Aug, 95 missing, 722 hospitalised), 114 (17 Aug, 70 missing), 123 (23 Aug, 50 missing), 129, 150, 160 (2 Sep, 13 missing), 164, final 173 (12 Sep: search ended, the 8 missing declared dead). Injured/hospitalised counts are hospital censuses and fall over time.",
  "same_day_kinds": {},
  "articles": {
   "tianjin-explosions/2015-08-13-bbc": dict(source="bbc", url="", figures=[
      F("killed", 44, "at_least", "have killed at least 44 people"),
      F("injured", 520, "exact", "520 people had been admitted to hospital", note="admitted to hospital"),
      F("missing", 36, "exact", "lost contact with 36 firefighters", subject="firefighters"),
      F("other", 12, "exact", "12 firefighters", subject="firefighters", note="firefighters among the dead"),
      F("other", 66, "exact", "66 of them in a critical condition", note="critical (subset)"),
     ]),
   "tianjin-explosions/2015-08-16-reuters": dict(source="reuters", url="", figures=[
      F("killed", 112, "exact", "recovered 112 bodies", subject="bodies"),
      F("missing", 95, "exact", "with 95 still missing"),
      F("injured", 722, "exact", "722 people remained in hospital", note="still in hospital"),
      F("other", 85, "exact", "85 are firefighters", subject="firefighters", note="firefighters among the missing"),
      F("other", 24, "exact", "24 of the dead have been identified", note="identified dead (subset)"),
      F("other", 58, "exact", "58 of them in a critical or serious condition", note="critical or serious (subset)"),
      F("other", 8, "exact", "eight more bodies", subject="bodies", note="bodies found since Saturday"),
     ], superseded=[F("killed", 104, "exact", "up from 104 announced on Saturday")]),
   "tianjin-explosions/2015-08-18-china-daily": dict(source="china-daily", url="https://global.chinadaily.com.cn/china/2015-08/18/content_21629934.htm", figures=[
      F("killed", 114, "exact", "bringing the number of dead to 114"),
      F("missing", 70, "exact", "70 people remained missing"),
      F("other", 54, "exact", "54 of the bodies had been identified", subject="bodies", note="identified dead (subset)"),
      F("other", 39, "exact", "Firefighters make up 39 of the confirmed dead", subject="firefighters", note="firefighters among the dead"),
      F("other", 5, "exact", "five policemen also lost their lives", subject="policemen", note="police among the dead"),
      F("other", 25, "exact", "25 bodies were matched", subject="bodies", note="bodies matched to the missing list"),
      F("other", 64, "exact", "64 are firefighters", subject="firefighters", note="firefighters among the missing"),
     ], superseded=[F("missing", 95, "exact", "had previously been given as 95")]),
   "tianjin-explosions/2015-09-12-ap": dict(source="ap", url="", figures=[
      F("killed", 173, "exact", "sets the final death toll at 173", note="includes the eight missing declared dead"),
      F("missing", 8, "exact", "the eight people still unaccounted for"),
      F("injured", 700, "more_than", "More than 700 people were injured"),
      F("other", 5, "exact", "The eight include five firefighters", subject="firefighters", note="firefighters among the missing"),
      F("other", 100, "more_than", "More than 100 firefighters and other first responders died", subject="firefighters", note="first responders among the dead"),
     ], superseded=[
      F("killed", 160, "exact", "160 dead", note="2 Sep figure"),
      F("missing", 13, "exact", "13 missing", note="2 Sep figure"),
     ]),
  },
 },
 {
  "incident": "Brumadinho tailings dam collapse, Minas Gerais, Brazil 2019-01-25",
  "date": "2019-01-25",
  "location": "Córrego do Feijão iron ore mine (Vale), Brumadinho, Minas Gerais, Brazil",
  "country": "BR", "cause": "mine tailings dam failure and mudflow", "same_incident_confidence": "high",
  "notes": "Confirmed dead: 7-9 (26 Jan), 34 (26-27 Jan), 37, 58 (27-28 Jan, 305 missing, 192 rescued), 63, 65 then 84 (29 Jan, missing 292 -> 276), ~99 (30 Jan, 259 missing), 157, 169 (11 Feb, 160 missing), 171 (BBC 'a month on', 141 missing), 224 identified (6 Apr, 69 missing), eventually 270 dead incl. 11 never found (Wikipedia). Missing counts came from Vale lists and firefighters and fell as people were located.",
  "same_day_kinds": {},
  "articles": {
   "brumadinho-dam-collapse/2019-01-26-bbc": dict(source="bbc", url="", figures=[
      F("killed", 9, "exact", "Nine people have been confirmed dead so far"),
      F("missing", 300, "about", "about 300 people are missing"),
      F("other", 300, "about", "roughly 300 workers", subject="workers", note="workers at the site"),
      F("other", 100, "about", "About 100 firefighters", subject="firefighters", note="firefighters searching"),
     ], recalled=[R(19, "exact", "ended up killing 19 people", note="Mariana (Fundão) dam collapse 2015")]),
   "brumadinho-dam-collapse/2019-01-27-independent": dict(source="independent", url="", figures=[
      F("killed", 34, "exact", "Confirmed deaths have reached 34"),
      F("missing", 300, "about", "around 300 people are still unaccounted for"),
      F("injured", 23, "exact", "23 people had been found and taken to hospital", note="taken to hospital"),
      F("evacuated", 24000, "about", "some 24,000 people"),
      F("other", 200, "more_than", "more than 200 were still missing", note="Vale workers missing (subset)"),
      F("other", 100, "exact", "only 100 of its workers had been accounted for", subject="workers", note="Vale workers accounted for"),
     ]),
   "brumadinho-dam-collapse/2019-01-29-efe": dict(source="efe", url="", figures=[
      F("killed", 84, "exact", "84 bodies had now been recovered"),
      F("missing", 276, "exact", "to 276 as people were located"),
      F("rescued", 192, "exact", "brought 192 people out alive"),
      F("other", 1000, "exact", "1,000 troops", subject="troops", note="troops deployed"),
     ], superseded=[
      F("killed", 65, "exact", "gone up from 65"),
      F("missing", 292, "exact", "fallen from 292"),
     ], recalled=[R(19, "exact", "causing 19 deaths", note="Mariana (Fundão) dam collapse 2015")]),
   "brumadinho-dam-collapse/2019-04-07-r7": dict(source="r7", url="https://noticias.r7.com/brasil/sobe-para-224-o-numero-de-mortos-identificados-em-brumadinho-07042019", figures=[
      F("killed", 224, "exact", "raised to 224 the number of victims", note="identified dead"),
      F("missing", 69, "exact", "69 people remain missing"),
      F("other", 395, "exact", "395 have been located", note="people located alive or dead"),
     ]),
  },
 },
 {
  "incident": "Noto Peninsula earthquake, Ishikawa, Japan 2024-01-01",
  "date": "2024-01-01",
  "location": "Noto Peninsula (Wajima, Suzu, Anamizu, Nanao, Noto, Shika), Ishikawa Prefecture, Japan",
  "country": "JP", "cause": "earthquake, tsunami and fire", "same_incident_confidence": "high",
  "notes": "Ishikawa toll: 64 (2 Jan), 72/73 (3 Jan evening; Yomiuri 72, NHK 73), 126 (6 Jan), 128 (7 Jan), 180 (9 Jan), 202-206 (10 Jan, incl. 8 disaster-related), 232 (17 Jan, incl. 14 disaster-related), 240 (1 Feb, incl. 15), later rising with further disaster-related deaths to about 500 (Wikipedia 462 at one point). Injured: 372 (Yomiuri tally, seven prefectures, 3 Jan), 565 (Ishikawa, 9 Jan), 1,037 (17 Jan). Evacuees: 34,297 (3 Jan), ~17,000 (mid Jan), 14,431 (1 Feb).",
  "same_day_kinds": {},
  "articles": {
   "noto-earthquake/2024-01-02-kyodo": dict(source="kyodo", url="", figures=[
      F("killed", 64, "at_least", "At least 64 people were confirmed dead"),
      F("other", 31, "exact", "31 were in Wajima", note="dead in Wajima (subset)"),
      F("other", 22, "exact", "22 in Suzu", note="dead in Suzu (subset)"),
     ]),
   "noto-earthquake/2024-01-03-japan-news": dict(source="japan-news", url="https://japannews.yomiuri.co.jp/society/noto-peninsula-earthquake/20240103-159620/", figures=[
      F("killed", 72, "exact", "reached 72 on Wednesday evening"),
      F("injured", 372, "exact", "372 people had been injured", note="seven prefectures"),
      F("evacuated", 34297, "exact", "There were 34,297 evacuees"),
      F("other", 39, "exact", "Wajima accounted for 39 of the deaths", note="dead in Wajima (subset)"),
      F("other", 33446, "exact", "33,446 of them in Ishikawa", note="evacuees in Ishikawa (subset)"),
      F("other", 186, "at_least", "At least 186 buildings", subject="buildings", note="buildings collapsed"),
      F("other", 114796, "exact", "114,796 households were without running water", subject="households", note="households without water"),
     ]),
   "noto-earthquake/2024-01-09-xinhua": dict(source="xinhua", url="", figures=[
      F("killed", 180, "exact", "180 people have now been confirmed dead"),
      F("injured", 565, "at_least", "At least 565 people in Ishikawa have been injured"),
      F("other", 81, "exact", "81 deaths had been confirmed in Wajima City", note="dead in Wajima (subset)"),
      F("other", 71, "exact", "71 in Suzu City", note="dead in Suzu (subset)"),
     ], superseded=[F("killed", 126, "exact", "had reported 126 deaths", note="Saturday 6 Jan figure")],
      recalled=[R(276, "exact", "left 276 people dead", note="Kumamoto earthquakes 2016")]),
   "noto-earthquake/2024-02-01-jiji": dict(source="jiji", url="", figures=[
      F("killed", 240, "exact", "rose to 240", note="includes 15 disaster-related deaths"),
      F("missing", 15, "exact", "Fifteen people remain missing"),
      F("evacuated", 14431, "exact", "A total of 14,431 people are still living away from their homes"),
      F("other", 15, "exact", "includes 15 people whose deaths were judged to be related indirectly", note="disaster-related deaths (subset)"),
      F("other", 9199, "exact", "9,199 are staying at evacuation centers", note="in evacuation centres (subset)"),
      F("other", 4944, "exact", "4,944 have moved to hotels", note="secondary evacuation (subset)"),
     ], superseded=[F("killed", 232, "exact", "put the toll at 232", note="17 Jan figure")]),
  },
 },
]

DISTRACTORS = [
 dict(unit_id="distractors/2022-10-15-ap", source="ap", url="", published="2022-10-15",
      incident="Amasra coal mine explosion, Bartin, Turkey 2022-10-14", date="2022-10-14", country="TR", cause="coal mine firedamp explosion",
      near_miss_of="Soma coal mine disaster, Manisa, Turkey 2014-05-13",
      deaths=41, qualifier="exact", quote="rose to 41 on Saturday",
      figures=[F("killed", 41, "exact", "rose to 41 on Saturday"),
               F("injured", 11, "exact", "Eleven miners were injured"),
               F("other", 5, "exact", "five of those were in serious condition", note="serious (subset)"),
               F("other", 58, "exact", "58 of the men had reached the surface unhurt", note="escaped or brought out unharmed"),
               F("other", 110, "exact", "110 miners", subject="miners", note="miners in the shaft")],
      recalled=[R(301, "exact", "301 workers died", note="Soma 2014")]),
 dict(unit_id="distractors/2015-11-08-reuters", source="reuters", url="http://in.reuters.com/article/brazil-damburst-idINL1N1320B020151108", published="2015-11-08",
      incident="Mariana (Fundão) tailings dam collapse, Minas Gerais, Brazil 2015-11-05", date="2015-11-05", country="BR", cause="mine tailings dam failure and mudflow",
      near_miss_of="Brumadinho tailings dam collapse, Minas Gerais, Brazil 2019-01-25",
      deaths=1, qualifier="exact", quote="One death was confirmed on Friday",
      figures=[F("killed", 1, "exact", "One death was confirmed on Friday"),
               F("missing", 12, "about", "about a dozen people from villages below the dams", note="residents missing"),
               F("other", 13, "exact", "Thirteen mine workers", subject="workers", note="mine workers missing")]),
 dict(unit_id="distractors/2022-10-31-pti", source="pti", url="", published="2022-10-31",
      incident="Morbi suspension bridge collapse, Gujarat, India 2022-10-30", date="2022-10-30", country="IN", cause="pedestrian suspension bridge collapse",
      near_miss_of="Genoa Morandi bridge collapse, Italy 2018-08-14",
      deaths=141, qualifier="exact", quote="rose to 141 on Monday",
      figures=[F("killed", 141, "exact", "rose to 141 on Monday"),
               F("missing", 2, "exact", "two people were still unaccounted for"),
               F("other", 400, "about", "around 400 people were on it", note="people on the bridge")],
      superseded=[F("killed", 132, "exact", "put the toll at 132", note="minister's earlier Monday figure")]),
]


if __name__ == "__main__":
    build(ROOT, INCIDENTS, DISTRACTORS)
