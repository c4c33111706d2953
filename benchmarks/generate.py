"""Deterministic synthetic timelines in timeline-tui's YAML format.

    python -m benchmarks.generate --events 10000 --files 10 --out /tmp/tl [--seed 0] [--no-check]

Writes `actors.yaml` (200 actors, most with aliases), `sources.yaml` (500 sources)
and `--files` event files `events-NNN.yaml` holding `--events` events between them
(as evenly as possible). Each event file is one "story": a span of time from a
month to a decade, its events in date order, spans of different files overlapping.
Events have 1-4 actors (by id, name or alias), 0-3 quotes, 1-3 sources, a 1-3
sentence summary, 1-3 tags, sometimes a location, notes and related events, and
dates of every precision (years, months, days, minutes, seconds, with and
without UTC offsets, some `~` approximate and `?` uncertain).

The same (events, files, seed) always gives byte-identical files. Every file's
modification time is set to a fixed moment long past, so that the workspace never
treats a generated file as "racily clean" (changed within the last 2 s) and reads it
again. Unless --no-check, the result is loaded with `timeline_tui.core.loader.load_paths`
and must give zero problems and exactly the counts asked for.
"""

from __future__ import annotations

import argparse
import calendar
import json
import os
import random
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["GENERATOR_VERSION", "Manifest", "check", "generate"]

GENERATOR_VERSION = 1
"""Bump when the output changes, so cached data sets are made again."""

FIXED_MTIME = 1_700_000_000  # 2023-11-14: far from "racily clean".
ACTOR_COUNT = 200
SOURCE_COUNT = 500
FIRST_YEAR, LAST_YEAR = 1990, 2025

# Vocabulary ----------------------------------------------------------------

_FIRST_NAMES = (
    "Vladimir", "Donald", "Volodymyr", "Sergiy", "Olena", "Recep", "Hakan", "Emmanuel",
    "Olaf", "Friedrich", "Keir", "Rishi", "Ursula", "Kaja", "Antony", "Marco", "Sergei",
    "Dmitry", "Maria", "Andriy", "Rustem", "Kyrylo", "Jens", "Mark", "Giorgia", "Pedro",
    "Annalena", "Radosław", "Andrzej", "Viktor", "Robert", "Alexander", "Yulia", "Petro",
    "Denys", "Iryna", "Mykhailo", "Oleksandr", "Tatiana", "Yuri", "Nikolai", "Anne",
    "Catherine", "David", "Jake", "Lloyd", "Karine", "John", "Steve", "Keith", "Mevlüt",
    "İbrahim", "Ali", "Fatma", "Xi", "Wang", "Narendra", "Subrahmanyam", "Luiz", "Cyril",
)
_SURNAMES = (
    "Putin", "Trump", "Zelenskyy", "Kyslytsya", "Erdoğan", "Fidan", "Macron", "Scholz",
    "Merz", "Starmer", "Sunak", "von der Leyen", "Kallas", "Blinken", "Rubio", "Lavrov",
    "Peskov", "Zakharova", "Yermak", "Umerov", "Budanov", "Stoltenberg", "Rutte",
    "Meloni", "Sánchez", "Baerbock", "Sikorski", "Duda", "Orbán", "Fico", "Stubb",
    "Tymoshenko", "Poroshenko", "Shmyhal", "Svyrydenko", "Podolyak", "Syrskyi",
    "Medinsky", "Shoigu", "Gerasimov", "Belousov", "Ushakov", "Dmitriev", "Witkoff",
    "Kellogg", "Vance", "Hegseth", "Austin", "Sullivan", "Jean-Pierre", "Kirby",
    "Çavuşoğlu", "Kalın", "Şahin", "Müller", "Schmidt", "Dubois", "Lefèvre", "Rossi",
    "Novak", "Kovalenko", "Bondarenko", "Tkachenko", "Shevchenko", "Melnyk", "Kravchenko",
    "Ivanov", "Smirnov", "Kuznetsov", "Popov", "Sokolov", "Lebedev", "Kozlov", "Morozov",
    "Volkov", "Fedorov", "Mikhailov", "Orlov", "Andreev", "Makarov", "Nikitin",
    "Zaitsev", "Kowalski", "Nowak", "Wiśniewski", "Horvat", "Nagy", "Popescu",
    "Georgiou", "Papadopoulos", "Jensen", "Nielsen", "Hansen", "Johansson", "Virtanen",
    "Korhonen", "Tamm", "Ozols", "Kazlauskas", "Yilmaz", "Kaya", "Demir", "Çelik",
    "Arslan", "Doğan", "Kılıç", "Aydın", "Öztürk", "Singh", "Sharma", "Li", "Zhang",
    "Chen", "Liu", "Tanaka", "Suzuki", "Kim", "Park", "Silva", "Santos", "Ramaphosa",
    "Lula", "Modi", "Jaishankar", "Guterres", "Grossi", "Türk",
)
_TITLES = ("President", "Minister", "General", "Ambassador", "Senator", "Chancellor",
           "Secretary", "Spokesperson", "Commissioner", "Envoy")
_ROLES = (
    "president", "prime minister", "foreign minister", "defence minister",
    "deputy foreign minister", "chief of staff", "spokesperson", "special envoy",
    "lead negotiator", "ambassador to the UN", "intelligence chief", "army commander",
    "national security adviser", "secretary of state", "chancellor", "opposition leader",
    "journalist", "analyst", "mayor", "governor", "human rights commissioner",
)
_COUNTRIES = (
    ("Ukraine", "Ukrainian"), ("Russia", "Russian"), ("United States", "American"),
    ("Turkey", "Turkish"), ("France", "French"), ("Germany", "German"),
    ("United Kingdom", "British"), ("Poland", "Polish"), ("Italy", "Italian"),
    ("Spain", "Spanish"), ("Hungary", "Hungarian"), ("Slovakia", "Slovak"),
    ("Finland", "Finnish"), ("Estonia", "Estonian"), ("Latvia", "Latvian"),
    ("Lithuania", "Lithuanian"), ("China", "Chinese"), ("India", "Indian"),
    ("Brazil", "Brazilian"), ("South Africa", "South African"), ("Japan", "Japanese"),
    ("Belarus", "Belarusian"), ("Moldova", "Moldovan"), ("Georgia", "Georgian"),
    ("Romania", "Romanian"), ("Norway", "Norwegian"), ("Sweden", "Swedish"),
    ("Denmark", "Danish"), ("Netherlands", "Dutch"), ("Qatar", "Qatari"),
)
_ORG_KINDS = (
    ("Ministry of Defence", "defence ministry", "MoD"),
    ("Ministry of Foreign Affairs", "foreign ministry", "MFA"),
    ("General Staff", "general staff", "GS"),
    ("Security Service", "security service", "SS"),
    ("Central Bank", "central bank", "CB"),
    ("Parliament", "parliament", "P"),
)
_GROUPS_EXTRA = ("NATO", "European Union", "United Nations", "G7", "IAEA", "OSCE",
                 "International Criminal Court", "Red Cross", "Wagner Group", "BRICS")
_OUTLETS = (
    ("Sky News", "news.sky.example"), ("Reuters", "reuters.example"),
    ("Associated Press", "apnews.example"), ("BBC News", "bbc.example"),
    ("Kyiv Independent", "kyivindependent.example"), ("Le Monde", "lemonde.example"),
    ("Der Spiegel", "spiegel.example"), ("Al Jazeera", "aljazeera.example"),
    ("The Guardian", "theguardian.example"), ("Financial Times", "ft.example"),
    ("TASS", "tass.example"), ("Anadolu Agency", "aa.example"),
    ("Meduza", "meduza.example"), ("Politico Europe", "politico.example"),
    ("The New York Times", "nytimes.example"), ("The Washington Post", "washpost.example"),
    ("Deutsche Welle", "dw.example"), ("France 24", "france24.example"),
    ("NHK World", "nhk.example"), ("El País", "elpais.example"),
    ("Ukrainska Pravda", "pravda.example"), ("RFE/RL", "rferl.example"),
    ("The Economist", "economist.example"), ("Bloomberg", "bloomberg.example"),
    ("Hürriyet Daily News", "hurriyet.example"), ("Novaya Gazeta", "novayagazeta.example"),
)
_CITIES = ("Istanbul", "Kyiv", "Moscow", "Washington", "Brussels", "Geneva", "Paris",
           "Berlin", "London", "Warsaw", "Ankara", "Riyadh", "Jeddah", "Doha", "Minsk",
           "Vilnius", "Helsinki", "Rome", "the Vatican", "Odesa", "Kharkiv", "Mariupol",
           "Zaporizhzhia", "Kherson", "Bucha", "Alaska", "Munich", "Davos", "New York")
_VERBS = ("announces", "rejects", "proposes", "denies", "welcomes", "condemns",
          "calls for", "warns of", "signs", "postpones", "demands", "offers",
          "backs", "questions", "threatens", "confirms", "dismisses", "hails")
_OBJECTS = (
    "a 30-day ceasefire", "new sanctions on {country} banks", "direct talks in {city}",
    "a prisoner exchange", "an energy truce", "security guarantees for {country}",
    "a minerals deal", "the peace plan", "a grain corridor", "an arms package",
    "the memorandum", "a summit in {city}", "the nuclear plant inspection",
    "a humanitarian corridor from {city}", "the return of deported children",
    "frozen assets of {country}", "a no-fly zone", "troop withdrawals",
    "the naval blockade", "an investigation into the strike on {city}",
    "a referendum", "talks without preconditions", "membership talks with {group}",
    "long-range missiles for {country}", "a freeze of the front line",
)
_CLAUSES = (
    "after talks in {city}", "according to {outlet}", "in an interview with {outlet}",
    "at a press conference in {city}", "in a post on social media",
    "two days after the strike on {city}", "despite objections from {country}",
    "as fighting continued near {city}", "in a phone call with {actor}",
    "ahead of the summit in {city}", "citing unnamed officials",
    "in a televised address", "at the {group} meeting",
)
_TAGS = ("ceasefire", "diplomacy", "sanctions", "talks", "war", "history", "casualties",
         "energy", "nuclear", "prisoners", "children", "grain", "shipping", "aid",
         "weapons", "elections", "protests", "intelligence", "cyber", "drones",
         "refugees", "economy", "minerals", "courts", "war-crimes", "media",
         "disinformation", "mobilisation", "front-line", "air-defence", "navy",
         "infrastructure", "negotiations", "summit", "treaty", "oil", "gas", "banks")
_QUOTE_BODIES = (
    "We are ready to talk, but not under ultimatums",
    "There will be no ceasefire until the conditions are met",
    "This is a historic step towards a just and lasting peace",
    "Nobody should be under any illusion about what happened in {city}",
    "We will not recognise any occupied territory as {country}",
    "The sanctions are working and they will be tightened",
    "Our position has not changed since {year}",
    "They are not serious about peace, and everyone can see it",
    "We have lost too many of our loved ones already",
    "The ball is now in their court",
    "I had a very good call and we agreed to keep talking",
    "Every option remains on the table",
    "The talks in {city} were constructive but difficult",
    "This is blackmail, pure and simple",
    "We need air defence, not words",
)
_NOTE_BODIES = (
    "The article gives no exact day; the date is resolved against its publication.",
    "Reported by one outlet only; not independently confirmed.",
    "Figures differ between sources; the lower one is given in the summary.",
    "The time is as stated in the report, converted to the local offset.",
    "Possibly the same occasion as an earlier event; the sources do not say so.",
    "The quote is translated from the original; wording may differ slightly.",
)
_SENTENCE_TAILS = (
    "Officials declined to comment further.",
    "The statement drew an immediate response from {country}.",
    "It was the first such move since {year}.",
    "Analysts called it a significant shift.",
    "No date for a follow-up meeting was given.",
    "The claim could not be independently verified.",
)


# Data model of the generator ------------------------------------------------


@dataclass
class _Actor:
    id: str
    name: str
    aliases: list[str]
    role: str
    group: str

    @property
    def spellings(self) -> list[str]:
        return [self.id, self.name, *self.aliases]


@dataclass
class Manifest:
    """What was generated, for the benchmark harness."""

    events: int
    files: int
    seed: int
    version: int = GENERATOR_VERSION
    event_files: list[str] = field(default_factory=list)
    all_files: list[str] = field(default_factory=list)
    bytes: int = 0
    reload_file: str = ""
    """The event file the reload benchmark rewrites (the middle one)."""
    reload_event_id: str = ""
    reload_title: str = ""

    def to_json(self) -> str:
        return json.dumps(self.__dict__, indent=2, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> Manifest:
        return cls(**json.loads(text))


_ASCII_LETTERS = {letter: ascii_letter
                  for letters, ascii_letter in (("çćč", "c"), ("şśš", "s"), ("ğ", "g"),
                                                ("ıíìî", "i"), ("öóò", "o"), ("üúù", "u"),
                                                ("éèêë", "e"), ("áàâä", "a"), ("łľ", "l"),
                                                ("ńñ", "n"))
                  for letter in letters}


def _slug(text: str) -> str:
    out = []
    for ch in text.casefold():
        if ch.isascii() and ch.isalnum():
            out.append(ch)
        else:
            out.append(_ASCII_LETTERS.get(ch, "-"))
    return "-".join(part for part in "".join(out).split("-") if part)


def _q(text: str) -> str:
    """A YAML double-quoted scalar."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _folded(text: str, indent: int, width: int = 78) -> str:
    """`text` as a `>-` folded block scalar body (lines of at most `width`)."""
    pad = " " * indent
    lines, line = [], ""
    for word in text.split(" "):
        if line and len(pad) + len(line) + 1 + len(word) > width:
            lines.append(pad + line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(pad + line)
    return ">-\n" + "\n".join(lines)


class _Generator:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.actors: list[_Actor] = []
        self.sources: list[tuple[str, str]] = []  # (id, outlet)
        self._taken: set[str] = set()

    # Actors and sources

    def _claim(self, spelling: str) -> bool:
        key = spelling.casefold()
        if key in self._taken:
            return False
        self._taken.add(key)
        return True

    def make_actors(self) -> str:
        rng = self.rng
        lines = ["# Synthetic actors for the timeline-tui benchmark (benchmarks/generate.py).",
                 "actors:"]
        people = 130
        surnames = list(_SURNAMES)
        rng.shuffle(surnames)
        while len(self.actors) < ACTOR_COUNT:
            index = len(self.actors)
            if index < people:
                surname = surnames[index % len(surnames)]
                first = rng.choice(_FIRST_NAMES)
                name = f"{first} {surname}"
                if not self._claim(name):
                    continue
                actor_id = _slug(surname) if self._claim(_slug(surname)) else _slug(name)
                if actor_id == _slug(name):
                    self._claim(actor_id)
                aliases = []
                if surname.casefold() != actor_id and self._claim(surname):
                    aliases.append(surname)
                if rng.random() < 0.6:
                    title = f"{rng.choice(_TITLES)} {surname}"
                    if self._claim(title):
                        aliases.append(title)
                if rng.random() < 0.25:
                    variant = surname.replace("yy", "y").replace("ov", "off").replace("sk", "ssk")
                    if variant != surname and self._claim(variant):
                        aliases.append(variant)
                country = rng.choice(_COUNTRIES)[0]
                self.actors.append(_Actor(actor_id, name, aliases, rng.choice(_ROLES), country))
            else:
                country, demonym = rng.choice(_COUNTRIES)
                if rng.random() < 0.3:
                    group = rng.choice(_GROUPS_EXTRA)
                    name = f"{group} {rng.choice(('Secretariat', 'Mission', 'Council', 'Office', 'Delegation'))} in {country}"
                    aliases = []
                    role = "international body"
                else:
                    kind, short, acronym = rng.choice(_ORG_KINDS)
                    name = f"{country} {kind}"
                    aliases = [f"{demonym} {short}", f"{country[:3].upper()} {acronym}"]
                    role = "state body"
                    group = country
                if not self._claim(name):
                    continue
                actor_id = _slug(name)
                self._claim(actor_id)
                aliases = [a for a in aliases if self._claim(a)]
                self.actors.append(_Actor(actor_id, name, aliases, role, group))
        for actor in self.actors:
            lines.append(f"  - id: {actor.id}")
            lines.append(f"    name: {_q(actor.name)}")
            if actor.aliases:
                lines.append("    aliases:")
                lines.extend(f"      - {_q(alias)}" for alias in actor.aliases)
            lines.append(f"    role: {_q(actor.role)}")
            lines.append(f"    group: {_q(actor.group)}")
            lines.append("")
        return "\n".join(lines)

    def make_sources(self) -> str:
        rng = self.rng
        lines = ["# Synthetic sources for the timeline-tui benchmark (benchmarks/generate.py).",
                 "sources:"]
        for index in range(SOURCE_COUNT):
            outlet, host = rng.choice(_OUTLETS)
            year = rng.randint(FIRST_YEAR, LAST_YEAR)
            month = rng.randint(1, 12)
            day = rng.randint(1, calendar.monthrange(year, month)[1])
            title = self._fill(f"{rng.choice(self.actors).name} {rng.choice(_VERBS)} "
                               f"{rng.choice(_OBJECTS)}")
            source_id = f"{_slug(outlet)}-{year}-{month:02d}-{day:02d}-{index}"
            self.sources.append((source_id, outlet))
            published = f"{year}-{month:02d}-{day:02d}"
            if rng.random() < 0.1:
                published += f"T{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}Z"
            if rng.random() < 0.05:
                published += "?"
            lines.append(f"  - id: {source_id}")
            lines.append(f"    title: {_q(title)}")
            lines.append(f"    outlet: {_q(outlet)}")
            lines.append(f"    url: https://{host}/{year}/{month:02d}/{_slug(title)[:60]}")
            lines.append(f"    published: {_q(published)}")
            if rng.random() < 0.2:
                lines.append(f"    author: {_q(rng.choice(_FIRST_NAMES) + ' ' + rng.choice(_SURNAMES))}")
            lines.append("")
        return "\n".join(lines)

    # Text

    def _fill(self, template: str, actor: _Actor | None = None) -> str:
        rng = self.rng
        if "{" not in template:
            return template
        return template.format(
            country=rng.choice(_COUNTRIES)[0], city=rng.choice(_CITIES),
            outlet=rng.choice(_OUTLETS)[0], group=rng.choice(_GROUPS_EXTRA),
            actor=(actor or rng.choice(self.actors)).name, year=rng.randint(FIRST_YEAR, LAST_YEAR),
        )

    def _sentence(self, subject: str) -> str:
        rng = self.rng
        text = f"{subject} {rng.choice(_VERBS)} {self._fill(rng.choice(_OBJECTS))}"
        if rng.random() < 0.6:
            text += " " + self._fill(rng.choice(_CLAUSES))
        return text[0].upper() + text[1:] + "."

    # Dates

    def _date(self, moment: float) -> str:
        rng = self.rng
        t = time.gmtime(moment)
        roll = rng.random()
        if roll < 0.05:
            text = f"{t.tm_year}"
        elif roll < 0.17:
            text = f"{t.tm_year}-{t.tm_mon:02d}"
        elif roll < 0.75:
            text = f"{t.tm_year}-{t.tm_mon:02d}-{t.tm_mday:02d}"
        else:
            sep = " " if rng.random() < 0.05 else "T"
            text = f"{t.tm_year}-{t.tm_mon:02d}-{t.tm_mday:02d}{sep}{t.tm_hour:02d}:{t.tm_min:02d}"
            if roll > 0.95:
                text += f":{t.tm_sec:02d}"
            text += rng.choice(("", "", "Z", "+03:00", "+02:00", "-05:00", "+01:00"))
        qualifier = rng.random()
        if qualifier < 0.05:
            text += "~"
        elif qualifier < 0.10:
            text += "?"
        return text

    # Events

    def make_events(self, count: int, file_index: int, first_id: int,
                    earlier_ids: list[str]) -> tuple[str, list[tuple[str, str]]]:
        """One event file: its text, and its (id, title) pairs."""
        rng = self.rng
        start = calendar.timegm((rng.randint(FIRST_YEAR, LAST_YEAR - 1), rng.randint(1, 12), 1,
                                 0, 0, 0, 0, 0, 0))
        span = rng.choice((31, 183, 730, 2920)) * 86400.0
        end = min(start + span, calendar.timegm((LAST_YEAR, 12, 31, 0, 0, 0, 0, 0, 0)))
        moments = sorted(rng.uniform(start, end) for _ in range(count))
        story = rng.sample(self.actors, 8)  # A story keeps returning to the same actors.
        lines = [f"# Synthetic events, story {file_index}, for the timeline-tui benchmark.",
                 "events:"]
        made: list[tuple[str, str]] = []
        for offset, moment in enumerate(moments):
            number = first_id + offset
            date = self._date(moment)
            actors = self._pick_actors(story)
            lead = actors[0]
            title = self._sentence(rng.choice(lead.spellings[1:])).rstrip(".")
            words = _slug(title).split("-")[:4]
            event_id = f"{date[:10].rstrip('~?')}-{'-'.join(words)}-{number:x}"
            sentence_count = rng.choices((1, 2, 3), weights=(40, 40, 20))[0]
            sentences = [self._sentence(actor.name) for actor in
                         rng.sample(actors, min(len(actors), sentence_count))]
            if len(sentences) < sentence_count:
                sentences.append(self._fill(rng.choice(_SENTENCE_TAILS)))
            sources = rng.sample(self.sources, rng.choice((1, 1, 1, 2, 2, 3)))
            lines.append(f"  - id: {event_id}")
            lines.append(f"    date: {_q(date)}")
            lines.append(f"    title: {_q(title)}")
            lines.append("    summary: " + _folded(" ".join(sentences[:3]), 6))
            lines.append("    actors:")
            lines.extend(f"      - {_q(rng.choice(a.spellings[1:]))}" if a.aliases and rng.random() < 0.3
                         else f"      - {a.id}" for a in actors)
            if rng.random() < 0.3:
                lines.append(f"    location: {_q(rng.choice(_CITIES))}")
            lines.append("    tags:")
            lines.extend(f"      - {tag}" for tag in rng.sample(_TAGS, rng.randint(1, 3)))
            lines.append("    sources:")
            lines.extend(f"      - {source_id}" for source_id, _ in sources)
            quote_count = rng.choices((0, 1, 2, 3), weights=(45, 30, 17, 8))[0]
            if quote_count:
                lines.append("    quotes:")
            for _ in range(quote_count):
                speaker = rng.choice(actors) if rng.random() < 0.85 else rng.choice(self.actors)
                lines.append(f"      - text: {_q(self._fill(rng.choice(_QUOTE_BODIES)) + '.')}")
                spelling = rng.choice(speaker.spellings)
                lines.append(f"        speaker: {spelling if spelling == speaker.id else _q(spelling)}")
                if len(sources) > 1 or rng.random() < 0.2:
                    lines.append(f"        source: {rng.choice(sources)[0]}")
                reported = rng.random()
                if reported < 0.7:  # Left out, it means false.
                    lines.append(f"        reported: {'true' if reported < 0.4 else 'false'}")
            if earlier_ids and rng.random() < 0.12:
                lines.append("    related:")
                nearby = [made_id for made_id, _ in made[-20:]] or earlier_ids
                for related in dict.fromkeys(rng.choice(nearby if rng.random() < 0.7 else earlier_ids)
                                             for _ in range(rng.randint(1, 2))):
                    lines.append(f"      - {related}")
            if rng.random() < 0.15:
                lines.append("    notes: " + _folded(rng.choice(_NOTE_BODIES), 6))
            lines.append("")
            made.append((event_id, title))
            earlier_ids.append(event_id)
        return "\n".join(lines), made

    def _pick_actors(self, story: list[_Actor]) -> list[_Actor]:
        rng = self.rng
        count = rng.choices((1, 2, 3, 4), weights=(30, 35, 22, 13))[0]
        chosen: dict[str, _Actor] = {}
        while len(chosen) < count:
            actor = rng.choice(story) if rng.random() < 0.7 else rng.choice(self.actors)
            chosen[actor.id] = actor
        return list(chosen.values())


def generate(out_dir: str | os.PathLike, events: int, files: int, seed: int = 0) -> Manifest:
    """Write a synthetic timeline into `out_dir` (created; existing YAML files there
    are removed first) and return its manifest."""
    if events < files:
        raise ValueError("need at least one event per file")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.yaml"):
        old.unlink()
    gen = _Generator(seed)
    manifest = Manifest(events=events, files=files, seed=seed)
    texts = {"actors.yaml": gen.make_actors(), "sources.yaml": gen.make_sources()}
    earlier: list[str] = []
    per_file, extra = divmod(events, files)
    number = 0
    middle = files // 2
    for file_index in range(files):
        count = per_file + (1 if file_index < extra else 0)
        name = f"events-{file_index:03d}.yaml"
        text, made = gen.make_events(count, file_index, number, earlier)
        number += count
        texts[name] = text
        manifest.event_files.append(name)
        if file_index == middle:
            manifest.reload_file = name
            manifest.reload_event_id, manifest.reload_title = made[len(made) // 2]
    for name, text in texts.items():
        path = out / name
        data = text.encode("utf-8")
        path.write_bytes(data)
        os.utime(path, (FIXED_MTIME, FIXED_MTIME))
        manifest.bytes += len(data)
        manifest.all_files.append(name)
    return manifest


def check(out_dir: str | os.PathLike, manifest: Manifest) -> None:
    """Load with the project's loader: zero problems and the expected counts, or raise."""
    from timeline_tui.core.loader import load_paths

    timeline = load_paths([str(out_dir)])
    if timeline.problems:
        shown = "\n".join(str(p) for p in timeline.problems[:20])
        raise AssertionError(f"{len(timeline.problems)} problems in generated data:\n{shown}")
    assert len(timeline.events) == manifest.events, (len(timeline.events), manifest.events)
    assert len(timeline.actors) == ACTOR_COUNT, len(timeline.actors)
    assert len(timeline.sources) == SOURCE_COUNT, len(timeline.sources)
    assert manifest.reload_event_id in timeline.by_id


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=1000)
    parser.add_argument("--files", type=int, default=10)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", required=True)
    parser.add_argument("--no-check", action="store_true", help="skip loading the result")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    manifest = generate(args.out, args.events, args.files, args.seed)
    print(f"wrote {len(manifest.all_files)} files, {manifest.bytes / 1e6:.1f} MB, "
          f"in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    if not args.no_check:
        started = time.perf_counter()
        check(args.out, manifest)
        print(f"check: loads with 0 problems ({time.perf_counter() - started:.1f} s)",
              file=sys.stderr)
    Path(args.out, ".manifest.json").write_text(manifest.to_json(), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
