"""The actors an article names (people, organisations, states, places, groups), merged into entities.

Three sources of mentions, in this order of trust: the gazetteer of well-known actors (every spelling across
languages, capitals standing for governments), titles (a title next to a name makes it a person; a bare
"le ministre" points back to the one person the article gave that title), and unknown names: runs of
capitalised words, with particles (de, von, al-), not merely capitalised because they open a sentence.
Unknown names merge by folded spelling, by surname (Lavrov → Sergueï Lavrov, whichever comes first) and by
case ending (Пескова → Песков); their type comes from the words around them. Output is deterministic: ids
are slugs of names, entities are ordered by first mention.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache

from spinscope.analysis import Entity, Mention
from spinscope.components.actors import Gazetteer, GazetteerMatch, Role, gazetteer
from spinscope.components.speech import SpeechLexicon, speech_lexicon
from spinscope.components.titles import TitleMatch, Titles, titles
from spinscope.components.words import Token, fold, joined, lemmas, load_data, slug, tokenize
from spinscope.document import Document

VERSION = "1"
_ID_PREFIX = {
    "person": "per",
    "organisation": "org",
    "state": "gpe",
    "place": "loc",
    "group": "grp",
    "other": "misc",
}
# Characters after which a capitalised word opens a clause: opening quotes, a colon, a dash.
_CLAUSE_OPENERS = "«“„‹\"'‚(:—–-•"


@dataclass(frozen=True)
class NameLexicon:
    """Words that shape name finding (data/names.yaml), all folded."""

    particles: frozenset[str]
    not_names: frozenset[str]
    determiners: frozenset[str]
    prepositions: frozenset[str]
    locatives: frozenset[str]
    organisation_words: frozenset[str]
    place_words: frozenset[str]
    masculine_names: frozenset[str]
    feminine_names: frozenset[str]
    noun_capitalising: frozenset[str]


@cache
def name_lexicon() -> NameLexicon:
    data = load_data("names.yaml")

    def words(key: str) -> frozenset[str]:
        return frozenset(fold(w) for w in data[key])

    return NameLexicon(
        particles=words("particles"),
        not_names=words("not_names") | words("determiners") | words("prepositions"),
        determiners=words("determiners"),
        prepositions=words("prepositions"),
        locatives=words("locatives"),
        organisation_words=words("organisation_words"),
        place_words=words("place_words"),
        masculine_names=frozenset(fold(w) for w in data["first_names"]["masculine"]),
        feminine_names=frozenset(fold(w) for w in data["first_names"]["feminine"]),
        noun_capitalising=frozenset(data["noun_capitalising_languages"]),
    )


@dataclass
class _Found:
    """A mention before its entity id is known: tokens [first, end) and what points to its entity."""

    first: int
    end: int
    kind: str
    actor: str | None = None  # a gazetteer id, once resolved
    candidates: tuple[str, ...] = ()
    cluster: int | None = None  # index of an unknown-name cluster


@dataclass
class _Cluster:
    """Unknown-name runs that name one entity."""

    runs: list[_Found] = field(default_factory=list)
    evidence: set[str] = field(default_factory=set)
    merged_into: int | None = None
    actor: str | None = None  # set when the cluster turns out to be a gazetteer actor's short form


class EntityRecognizer:
    """The entity layer: `EntityRecognizer(language)(doc)` appends `Entity` objects to `doc.entities`."""

    name = "entities"
    version = VERSION

    def __init__(self, language: str):
        self.language = language
        self.gazetteer: Gazetteer = gazetteer()
        self.titles: Titles = titles(language, self.gazetteer)
        self.speech: SpeechLexicon = speech_lexicon(language)
        self.lexicon = name_lexicon()

    def __call__(self, doc: Document) -> None:
        doc.entities.extend(self.recognise(doc))

    def recognise(self, doc: Document) -> list[Entity]:
        return _Pass(self, doc).run()


def gender_of(entity: Entity) -> str | None:
    """'m', 'f' or None for a person entity: from the gazetteer, else from a known first name."""
    actor = gazetteer().actors.get(entity.id)
    if actor is not None:
        return actor.gender
    first = fold(entity.name.split()[0]) if entity.name.split() else ""
    lexicon = name_lexicon()
    if first in lexicon.masculine_names:
        return "m"
    return "f" if first in lexicon.feminine_names else None


class _Pass:
    """One recognition pass over one document."""

    def __init__(self, recognizer: EntityRecognizer, doc: Document):
        self.r = recognizer
        self.lex = recognizer.lexicon
        self.text = doc.text
        self.tokens: tuple[Token, ...] = tokenize(doc.text)
        language = recognizer.language
        self.forms = [(t.folded, *lemmas(t.folded, language)) for t in self.tokens]
        self.initial = self._clause_initial(doc)
        self.covered = [False] * len(self.tokens)
        self.found: list[_Found] = []
        self.title_matches: list[TitleMatch] = []
        self.clusters: list[_Cluster] = []
        self.roles: dict[str, set[Role]] = {}

    def run(self) -> list[Entity]:
        self._find_gazetteer()
        self._find_titles()
        self._find_unknown()
        self._resolve_short_forms()
        self._merge_clusters()
        ids = self._assign_ids()
        title_mentions = self._link_titles(ids)
        return self._entities(ids, title_mentions)

    # -- finding -------------------------------------------------------------------------------------------

    def _clause_initial(self, doc: Document) -> list[bool]:
        """Per token: does it open a sentence or a quotation, where any word is capitalised?"""
        starts = [s.start for s in doc.sentences] or [0]
        flags = []
        previous_sentence = -1
        for token in self.tokens:
            sentence = bisect.bisect_right(starts, token.start) - 1
            before = self.text[: token.start].rstrip()[-1:]
            flags.append(sentence != previous_sentence or before == "" or before in _CLAUSE_OPENERS)
            previous_sentence = sentence
        return flags

    def _cover(self, first: int, end: int) -> None:
        for k in range(first, end):
            self.covered[k] = True

    def _find_gazetteer(self) -> None:
        i = 0
        while i < len(self.tokens):
            match: GazetteerMatch | None = self.r.gazetteer.match_at(self.tokens, self.forms, i, self.text)
            if match is None or self._is_other_persons_surname(match):
                i += 1
                continue
            alias = match.alias
            actor = alias.actors[0] if len(alias.actors) == 1 and alias.kind != "short" else None
            self.found.append(_Found(match.first, match.end, alias.kind, actor, alias.actors))
            self._cover(match.first, match.end)
            i = match.end

    def _is_other_persons_surname(self, match: GazetteerMatch) -> bool:
        """'Mikhail Lavrov' is not Sergei Lavrov: a known surname after a first name starts a new name."""
        i = match.first
        if match.alias.kind != "short" or i == 0 or not joined(self.text, self.tokens[i - 1], self.tokens[i]):
            return False
        before = self.tokens[i - 1]
        return before.capitalised and before.folded in self.lex.masculine_names | self.lex.feminine_names

    def _find_titles(self) -> None:
        i = 0
        while i < len(self.tokens):
            match = None if self.covered[i] else self.r.titles.match_at(self.tokens, self.forms, i, self.text)
            if match is None or any(self.covered[match.first : match.end]):
                i += 1
                continue
            self.title_matches.append(match)
            self._cover(match.first, match.end)
            i = match.end

    def _name_word(self, k: int) -> bool:
        token = self.tokens[k]
        if self.covered[k] or not token.text[:1].isalpha():
            return False
        if token.capitalised:
            return token.folded not in self.lex.not_names
        head, _, rest = token.text.partition("-")
        return fold(head) in self.lex.particles and rest[:1].isupper()  # al-Assad, el-Sissi

    def _particles_from(self, k: int) -> int:
        """How many particles (at most two: "de la", "von der") start at token k and lead to a name word."""
        for count in (1, 2):
            last = k + count - 1
            if last + 1 >= len(self.tokens) or self.tokens[last].folded not in self.lex.particles:
                return 0
            if not joined(self.text, self.tokens[last], self.tokens[last + 1]):
                return 0
            if self._name_word(last + 1):
                return count
        return 0

    def _find_unknown(self) -> None:
        capitalised_inside = {
            form
            for k, t in enumerate(self.tokens)
            if t.capitalised and not self.initial[k]
            for form in self.forms[k]
        }
        seen_lowercase = {t.folded for t in self.tokens if t.text[:1].islower()}
        by_key: dict[tuple[str, ...], int] = {}
        i = 0
        while i < len(self.tokens):
            if not self._name_word(i):
                i += 1
                continue
            end = i + 1
            while end < len(self.tokens) and joined(self.text, self.tokens[end - 1], self.tokens[end]):
                if self._name_word(end):
                    end += 1
                    continue
                particles = self._particles_from(end)
                if not particles:
                    break
                end += particles + 1
            first = i
            if self.initial[first] and end - first > 1 and self.tokens[first].folded in seen_lowercase:
                first += 1  # "Lorsque Macron …": a sentence-opening word the text also writes in lower case
            if self._keep_run(first, end, capitalised_inside):
                key = tuple(t.folded for t in self.tokens[first:end])
                if key not in by_key:
                    by_key[key] = len(self.clusters)
                    self.clusters.append(_Cluster())
                cluster = self.clusters[by_key[key]]
                run = _Found(first, end, "name", cluster=by_key[key])
                cluster.runs.append(run)
                cluster.evidence |= self._evidence(first, end)
                self.found.append(run)
            i = end

    def _keep_run(self, first: int, end: int, capitalised_inside: set[str]) -> bool:
        token = self.tokens[first]
        if end - first > 1:
            return True
        if self.r.gazetteer.adjective(self.forms[first]):
            return False  # "European", "Russian": nationality adjectives, capitalised in English
        if self.r.language in self.lex.noun_capitalising and not token.acronym:
            # German capitalises every noun: a lone capitalised word is a name only with a person cue.
            return bool(self._evidence(first, end) & {"title", "speech", "first_name"})
        return not self.initial[first] or bool(capitalised_inside.intersection(self.forms[first]))

    def _evidence(self, first: int, end: int) -> set[str]:
        """Clues to an unknown name's type from its words and its neighbours."""
        evidence = set()
        words = [self.forms[k] for k in range(first, end)]
        if any(set(form) & self.lex.organisation_words for form in words):
            evidence.add("organisation_word")
        if any(set(form) & self.lex.place_words for form in words):
            evidence.add("place_word")
        if end - first == 1 and self.tokens[first].acronym:
            evidence.add("acronym")
        if (
            self.tokens[first].folded in self.lex.masculine_names | self.lex.feminine_names
            and end - first > 1
        ):
            evidence.add("first_name")
        if end < len(self.tokens) and self._starts_cue(end):
            evidence.add("speech")
        if any(self._cue_ends_at(first, start) for start in range(max(0, first - 3), first)):
            evidence.add("speech")
        if first > 0 and self.tokens[first - 1].folded in self.lex.locatives and end - first == 1:
            evidence.add("locative")
        if self._title_before(first) or self._title_after(end):
            evidence.add("title")
        if end - first > 1:
            evidence.add("several_words")
        return evidence

    def _starts_cue(self, k: int) -> bool:
        return (
            joined(self.text, self.tokens[k - 1], self.tokens[k])
            and self.r.speech.cue_at(self.tokens, k, self.text) is not None
        )

    def _cue_ends_at(self, first: int, start: int) -> bool:
        cue = self.r.speech.cue_at(self.tokens, start, self.text)
        return (
            cue is not None
            and cue.end == first
            and joined(self.text, self.tokens[first - 1], self.tokens[first])
        )

    def _title_before(self, first: int) -> TitleMatch | None:
        """A title right before tokens[first], or before it with a comma (apposition)."""
        for title in self.title_matches:
            if first in self._name_slots(title):
                return title
        return None

    def _name_slots(self, title: TitleMatch) -> tuple[int, ...]:
        """Where a name that a title introduces may start: right after it, or after its comma-closed
        complement ("le Premier ministre de transition, Abdoulaye Konaté")."""
        slots = (
            [title.end]
            if title.end < len(self.tokens) and self._gap(title.end - 1, title.end) in ("", ",")
            else []
        )
        k = title.end
        while k < min(title.end + 3, len(self.tokens) - 1) and self.tokens[k].text[:1].islower():
            k += 1
            if self._gap(k - 1, k) == ",":
                slots.append(k)
                break
            if self._gap(k - 1, k):
                break
        return tuple(slots)

    def _title_after(self, end: int) -> TitleMatch | None:
        """A title after a comma that follows tokens[end - 1] ("Kim Jong Un, leader de …")."""
        if end >= len(self.tokens) or self._gap(end - 1, end) != ",":
            return None
        start = end + 1 if self.tokens[end].folded in self.lex.determiners else end
        return next((t for t in self.title_matches if t.first == start), None)

    def _gap(self, left: int, right: int) -> str:
        """The characters between two tokens, with spaces collapsed: ', ' → ','."""
        return "".join(self.text[self.tokens[left].end : self.tokens[right].start].split())

    # -- resolving and merging -----------------------------------------------------------------------------

    def _resolve_short_forms(self) -> None:
        """Give each shared or short gazetteer spelling the actor the article names in full nearest to it."""
        named: list[tuple[int, str]] = sorted(
            (self.tokens[f.first].start, f.actor) for f in self.found if f.actor and f.kind != "short"
        )
        for mention in self.found:
            if mention.actor or not mention.candidates:
                continue
            position = self.tokens[mention.first].start
            in_text = [(abs(p - position) + (0 if p < position else 0.5), a) for p, a in named]
            chosen = sorted(d for d in in_text if d[1] in mention.candidates)
            if chosen:
                mention.actor = chosen[0][1]
            elif len(mention.candidates) == 1:
                mention.actor = mention.candidates[0]
        self.found = [f for f in self.found if f.actor or f.cluster is not None]

    def _root(self, index: int) -> int:
        while self.clusters[index].merged_into is not None:
            index = self.clusters[index].merged_into
        return index

    def _union(self, child: int, parent: int) -> None:
        child, parent = self._root(child), self._root(parent)
        if child != parent:
            self.clusters[child].merged_into = parent
            self.clusters[parent].runs += self.clusters[child].runs
            self.clusters[parent].evidence |= self.clusters[child].evidence

    def _merge_clusters(self) -> None:
        keys = {
            tuple(self.tokens[k].folded for k in range(c.runs[0].first, c.runs[0].end)): n
            for n, c in enumerate(self.clusters)
        }
        language = self.r.language
        # Case endings: a key whose words' base forms give another key joins it (Лаврова → Лавров).
        for key, n in keys.items():
            for k, word in enumerate(key):
                for lemma in lemmas(word, language):
                    other = keys.get(key[:k] + (lemma,) + key[k + 1 :])
                    if other is not None:
                        self._union(n, other)
        # Surnames: a one-word name that ends exactly one longer name joins it, whichever comes first.
        full_names = [
            (key, n)
            for key, n in keys.items()
            if len(key) > 1 and "organisation_word" not in self.clusters[n].evidence
        ]
        named_actors: dict[str, set[tuple[str, ...]]] = {}
        for found in self.found:
            if found.actor and found.kind == "name" and found.end - found.first > 1:
                words = tuple(self.tokens[k].folded for k in range(found.first, found.end))
                named_actors.setdefault(found.actor, set()).add(words)
        for key, n in keys.items():
            if len(key) != 1:
                continue
            spellings = {key[0], *lemmas(key[0], language)}
            owners = {self._root(m) for other, m in full_names if other[-1] in spellings}
            if len(owners) == 1:
                self._union(n, owners.pop())
                continue
            actors = [a for a in sorted(named_actors) if self._short_form_of(a, named_actors[a], spellings)]
            if len(actors) == 1 and not owners:
                self.clusters[self._root(n)].actor = actors[0]

    def _short_form_of(self, actor_id: str, written: set[tuple[str, ...]], spellings: set[str]) -> bool:
        """Is a one-word name the surname of a known person, or the head word of a known organisation, as the
        article writes them ("Lavrow" after "Sergej Lawrow", "Commission" after "European Commission")?"""
        if self.r.gazetteer.actors[actor_id].type == "person":
            return any(words[-1] in spellings for words in written)
        return any({words[0], words[-1]} & spellings for words in written)

    def _cluster_type(self, evidence: set[str]) -> str:
        if "title" in evidence:
            return "person"
        if "organisation_word" in evidence or "acronym" in evidence:
            return "organisation"
        if evidence & {"first_name", "speech"}:
            return "person"
        if evidence & {"place_word", "locative"}:
            return "place"
        return "person" if "several_words" in evidence else "other"

    def _assign_ids(self) -> dict[int, tuple[str, str, str]]:
        """Root cluster → (id, display name, type); runs shorter than their cluster's name become 'short'."""
        ids: dict[int, tuple[str, str, str]] = {}
        for n, cluster in enumerate(self.clusters):
            if cluster.merged_into is not None:
                continue
            longest = max(cluster.runs, key=lambda run: (run.end - run.first, -run.first))
            name = self.text[self.tokens[longest.first].start : self.tokens[longest.end - 1].end]
            if cluster.actor:
                actor = self.r.gazetteer.actors[cluster.actor]
                ids[n] = (actor.id, actor.name, actor.type)
                kinds_short = True
            else:
                kind = self._cluster_type(cluster.evidence)
                identifier = slug(name)
                if not identifier:
                    continue
                ids[n] = (f"{_ID_PREFIX[kind]}:{identifier}", " ".join(name.split()), kind)
                kinds_short = False
            for run in cluster.runs:
                if kinds_short or run.end - run.first < longest.end - longest.first:
                    run.kind = "short"
        return ids

    def _entity_of(
        self, mention: _Found, ids: dict[int, tuple[str, str, str]]
    ) -> tuple[str, str, str] | None:
        if mention.actor:
            actor = self.r.gazetteer.actors[mention.actor]
            return actor.id, actor.name, actor.type
        if mention.cluster is not None:
            return ids.get(self._root(mention.cluster))
        return None

    # -- titles --------------------------------------------------------------------------------------------

    def _link_titles(self, ids: dict[int, tuple[str, str, str]]) -> list[tuple[TitleMatch, str]]:
        """Titles beside a name give that person a role; a bare title names the one person holding it."""
        by_first = {m.first: m for m in self.found}
        by_end = {m.end: m for m in self.found}
        persons: dict[str, set[Role]] = {}
        for mention in self.found:
            entity = self._entity_of(mention, ids)
            if entity and entity[2] == "person":
                actor = self.r.gazetteer.actors.get(entity[0])
                persons.setdefault(entity[0], set()).update(actor.roles if actor else ())
        linked: list[tuple[TitleMatch, str]] = []
        bare: list[TitleMatch] = []
        for title in self.title_matches:
            state = title.state or self._state_after(title.end)
            neighbour = next((by_first[k] for k in self._name_slots(title) if k in by_first), None)
            if neighbour is None:
                for start in (title.first, title.first - 1):
                    determiner = start == title.first or self.tokens[start].folded in self.lex.determiners
                    if determiner and start in by_end and self._gap(start - 1, start) == ",":
                        neighbour = by_end[start]
                        break
            entity = self._entity_of(neighbour, ids) if neighbour else None
            if entity and entity[2] == "person":
                persons.setdefault(entity[0], set()).add(Role(title.key, state))
                linked.append((title, entity[0]))
            else:
                bare.append(title)
        for title in bare:
            state = title.state or self._state_after(title.end)
            holders = sorted(
                person
                for person, roles in persons.items()
                if any(
                    self.r.titles.compatible(title.key, role.title)
                    and (not state or not role.of or state == role.of)
                    for role in roles
                )
            )
            if len(holders) == 1:
                linked.append((title, holders[0]))
        return linked

    def _state_after(self, end: int) -> str | None:
        """The state named right after a title: "président de la Russie", "президент России"."""
        k = end
        while (
            k < len(self.tokens)
            and k - end < 2
            and self.tokens[k].folded in self.lex.prepositions | self.lex.determiners
        ):
            k += 1
        for mention in self.found:
            if mention.first == k and mention.actor:
                actor = self.r.gazetteer.actors[mention.actor]
                return actor.id if actor.type in ("state", "organisation") else None
        return None

    # -- output --------------------------------------------------------------------------------------------

    def _entities(
        self, ids: dict[int, tuple[str, str, str]], titles_linked: list[tuple[TitleMatch, str]]
    ) -> list[Entity]:
        mentions: dict[str, list[Mention]] = {}
        info: dict[str, tuple[str, str]] = {}
        source: dict[str, str] = {}
        for found in self.found:
            entity = self._entity_of(found, ids)
            if entity is None:
                continue
            entity_id, name, kind = entity
            info.setdefault(entity_id, (name, kind))
            known = entity_id in self.r.gazetteer.actors
            source[entity_id] = f"entities:{'gazetteer' if known else 'rules'}@{VERSION}"
            mentions.setdefault(entity_id, []).append(
                self._mention(found.first, found.end, entity_id, found.kind)
            )
        for title, entity_id in titles_linked:
            mentions.setdefault(entity_id, []).append(
                self._mention(title.first, title.end, entity_id, "title")
            )
        entities = []
        for entity_id, items in mentions.items():
            items.sort(key=lambda m: (m.start, m.end))
            aliases = list(dict.fromkeys(m.text for m in items if m.kind in ("name", "short", "metonym")))
            if not aliases:
                continue
            name, kind = info[entity_id]
            entities.append(
                Entity(
                    id=entity_id,
                    name=name,
                    type=kind,
                    aliases=aliases,
                    mentions=items,
                    source=source[entity_id],
                )
            )
        entities.sort(key=lambda e: (e.mentions[0].start, e.id))
        return entities

    def _mention(self, first: int, end: int, entity_id: str, kind: str) -> Mention:
        start, stop = self.tokens[first].start, self.tokens[end - 1].end
        return Mention(start=start, end=stop, text=self.text[start:stop], entity=entity_id, kind=kind)


def mentions_by_position(entities: Sequence[Entity]) -> list[Mention]:
    """Every mention of every entity, in text order."""
    return sorted((m for e in entities for m in e.mentions), key=lambda m: (m.start, m.end))
