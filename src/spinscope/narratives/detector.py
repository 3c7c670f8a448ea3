"""Which catalogue storylines an article pushes, from the catalogue's own descriptions and examples alone.

Each entry has a profile: all texts (description, examples, keywords) of the entry and of its subnarratives;
each domain (e.g. the war in Ukraine, climate) has one too, of all its entries' texts.
- Sentences, for evidence: a sentence is evidence for an entry when it is close to the entry's profile
  (similarity) and closer to it than to its domain's as a whole (lift): a sentence that is merely about the
  war is not evidence of any one storyline about it. Each entry has a threshold of each, calibrated when the
  detector is built on held-out folds of the catalogue's own texts: each text is scored against profiles built
  without it, and the threshold is the one that best tells the entry's texts (and its subnarratives') from
  the others', favouring precision. A user's catalogue is calibrated exactly like the shipped one: no
  retraining, no data beyond the catalogue.
- The article, for ranking: the whole text against each profile, since a storyline is a property of the
  article more than of one sentence.
Similarities are comparable only within a language, so each language with enough examples gets its own
profiles and thresholds; another language borrows those of a close language (Bulgarian, Russian's), else is
scored against profiles of all languages.

Within one catalogue, only the domain whose entries' profiles the article is closest to is considered; the
article pushes one of its storylines when enough of its sentences are evidence there. The narratives with
evidence are then ranked by closeness to the article, each with its best-evidenced subnarratives; a
subnarrative implies its narrative. No finding means "Other".
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from spinscope.narratives.catalogue import Catalogue, CatalogueError, Entry
from spinscope.narratives.similarity import Encoder, SimilarityIndex, StemTfidfEncoder

# Thresholds are searched among these quantiles of the scores of held-out texts against every entry: most of
# those pairs are unrelated, so even the lowest candidate keeps out the bulk of them.
_THRESHOLD_QUANTILES = np.linspace(0.9, 0.999, 34)
# F-beta with beta = 0.5 when calibrating: a wrong narrative costs more than a missed one.
_PRECISION_WEIGHT = 0.5
# A storyline is pushed, not mentioned once: the article needs this many sentences that pass a threshold of
# the domain before any of its narratives is reported.
_MIN_NARRATIVE_SENTENCES = 2
_MAX_NARRATIVES = 3  # per catalogue, the ones the article is closest to
_MAX_SUBNARRATIVES = 2  # per narrative
_MAX_EVIDENCE = 5
_CALIBRATION_FOLDS = 5
_MIN_LANGUAGE_TEXTS = 20  # a language with fewer examples than this is scored against all languages' profiles
# A language without examples of its own borrows the profiles of a close one that shares much of its
# vocabulary and script, when the catalogue has examples in it.
_CLOSEST_LANGUAGE = {"bg": "ru", "be": "ru", "mk": "ru", "uk": "ru", "pt": "es", "gl": "es", "ca": "es"}


@dataclass(frozen=True)
class _LanguageModel:
    profiles: SimilarityIndex
    thresholds: np.ndarray  # of similarity to the entry's profile
    lift_thresholds: np.ndarray  # of how much closer to the entry's profile than to its domain's


@dataclass(frozen=True)
class Finding:
    """One entry found in an article: how sure, and which sentences (indices into the given list) carry it."""

    entry: Entry
    confidence: float
    sentences: tuple[int, ...]


class NarrativeDetector:
    def __init__(self, catalogues: Sequence[Catalogue], encoder: Encoder | None = None):
        self.catalogues = tuple(catalogues)
        names = [c.name for c in self.catalogues]
        if len(set(names)) < len(names):
            raise CatalogueError(f"two catalogues are named {max(names, key=names.count)!r}: rename one")
        self.encoder = encoder or StemTfidfEncoder()
        self.entries: list[Entry] = [e for c in self.catalogues for e in c.entries]
        self._position = {(e.catalogue, e.id): i for i, e in enumerate(self.entries)}
        self._families = [self._descendants_and_self(column) for column in range(len(self.entries))]
        texts, owners, languages = [], [], []
        for column, entry in enumerate(self.entries):
            for text, language in _texts(entry):
                texts.append(text)
                owners.append(column)
                languages.append(language)
        self._texts = texts
        self._owners = np.asarray(owners, dtype=np.int64)
        self._texts_of = [np.flatnonzero(self._owners == column) for column in range(len(self.entries))]
        domains = sorted({(e.catalogue, e.domain) for e in self.entries})
        self._domain_of = np.asarray([domains.index((e.catalogue, e.domain)) for e in self.entries])
        self._whole_domain = np.asarray(
            [
                len(family) == (self._domain_of == self._domain_of[c]).sum()
                for c, family in enumerate(self._families)
            ]
        )
        self._languages = np.asarray(languages, dtype=object)
        # Similarities are only comparable within a language (how many words two sentences can share depends
        # on it), so each language with examples gets its own profiles and thresholds; the others use all.
        # Each is built (and calibrated) the first time an article in that language needs it.
        self._texts_for: dict[str | None, np.ndarray] = {None: np.ones(len(texts), dtype=bool)}
        for language, count in Counter(x for x in languages if x is not None).items():
            if count >= _MIN_LANGUAGE_TEXTS:
                self._texts_for[language] = (self._languages == language) | (self._languages == None)  # noqa: E711
        self._models: dict[str | None, _LanguageModel] = {}

    @property
    def languages(self) -> list[str]:
        """The languages with profiles of their own."""
        return sorted(language for language in self._texts_for if language is not None)

    def thresholds(self, language: str | None = None) -> np.ndarray:
        """Each entry's similarity threshold for sentences in `language`."""
        return self._model(language).thresholds

    def detect(self, sentences: Sequence[str], language: str | None = None) -> list[Finding]:
        """The entries the sentences (one article, in order) carry, parents included, most confident first."""
        if not sentences:
            return []
        model = self._model(language)
        similarities = model.profiles.similarities(sentences)
        lift = self._lift(similarities)
        closeness = model.profiles.similarities([" ".join(sentences)])[0][: len(self.entries)]
        scores, thresholds = similarities[:, : len(self.entries)], model.thresholds
        # Evidence is close to the storyline's examples and closer to them than to its domain as a whole.
        passing = (scores >= thresholds) & (lift >= model.lift_thresholds)
        # How far past its threshold a sentence goes, in [0, 1]; 0 where it does not pass.
        strength = np.where(
            passing, np.minimum(1.0, (scores - thresholds) / np.maximum(thresholds, 1e-6)), 0.0
        )
        findings: list[Finding] = []
        for catalogue in self.catalogues:
            findings.extend(self._detect_in(catalogue, passing, strength, closeness))
        return sorted(findings, key=lambda f: (-f.confidence, f.entry.id))

    def _detect_in(
        self, catalogue: Catalogue, passing: np.ndarray, strength: np.ndarray, closeness: np.ndarray
    ) -> list[Finding]:
        columns = [self._position[(catalogue.name, e.id)] for e in catalogue.entries]
        roots = [c for c in columns if self.entries[c].parent is None]
        domain = self.entries[max(roots, key=lambda c: closeness[c])].domain
        in_domain = [c for c in columns if self.entries[c].domain == domain]
        # The article pushes some storyline of the domain when enough of its sentences pass a threshold there.
        if passing[:, in_domain].any(axis=1).sum() < _MIN_NARRATIVE_SENTENCES:
            return []
        candidates = [
            c for c in roots if self.entries[c].domain == domain and passing[:, self._families[c]].any()
        ]
        candidates.sort(key=lambda c: -closeness[c])
        findings = []
        for root in candidates[:_MAX_NARRATIVES]:
            findings.extend(self._family_findings(root, passing, strength, closeness))
        return findings

    def _family_findings(
        self, column: int, passing: np.ndarray, strength: np.ndarray, closeness: np.ndarray
    ) -> list[Finding]:
        """The entry and its best-evidenced children, each with its own evidence; the entry carries all of
        theirs too."""
        children = [
            c
            for c in range(len(self.entries))
            if self.entries[c].parent == self.entries[column].id
            and self.entries[c].catalogue == self.entries[column].catalogue
            and passing[:, c].any()
        ]
        children.sort(key=lambda c: -closeness[c])
        findings = []
        for child in children[:_MAX_SUBNARRATIVES]:
            findings.extend(self._family_findings(child, passing, strength, closeness))
        family = [column, *children[:_MAX_SUBNARRATIVES]]
        sentence_strength = strength[:, family].max(axis=1)
        hits = np.flatnonzero(passing[:, family].any(axis=1))
        # Each passing sentence is independent evidence, as sure as it is far past the threshold.
        confidence = float(1.0 - np.prod(0.5 - 0.5 * sentence_strength[hits]))
        best = hits[np.argsort(-sentence_strength[hits], kind="stable")][:_MAX_EVIDENCE]
        entry = self.entries[column]
        return [Finding(entry, round(confidence, 4), tuple(sorted(int(i) for i in best))), *findings]

    def _profiles(self, included: np.ndarray) -> SimilarityIndex:
        """An index of one profile per entry: the included texts of the entry and of its subnarratives."""
        kept = [[i for i in self._texts_of[column] if included[i]] for column in range(len(self.entries))]
        groups = [[self._texts[i] for member in family for i in kept[member]] for family in self._families]
        for domain in range(self._domain_of.max() + 1):
            groups.append(
                [self._texts[i] for c in np.flatnonzero(self._domain_of == domain) for i in kept[c]]
            )
        return self.encoder.index(groups, fit_on=[self._texts[i] for i in np.flatnonzero(included)])

    def _lift(self, similarities: np.ndarray) -> np.ndarray:
        """How much closer a text is to each entry's profile than to its whole domain's."""
        entries = similarities[:, : len(self.entries)]
        domains = similarities[:, len(self.entries) + self._domain_of]
        return entries / np.maximum(domains, 1e-6)

    def _model(self, language: str | None) -> _LanguageModel:
        if language not in self._texts_for:
            language = _CLOSEST_LANGUAGE.get(language or "")
            language = language if language in self._texts_for else None
        if language not in self._models:
            self._models[language] = self._fit(self._texts_for[language])
        return self._models[language]

    def _fit(self, included: np.ndarray) -> _LanguageModel:
        return _LanguageModel(self._profiles(included), *self._calibrate(included))

    def _calibrate(self, included: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Per-entry thresholds of similarity and of lift, from the included texts, each scored against
        profiles built without it (k folds)."""
        members = np.flatnonzero(included)
        fold = np.zeros(len(self._texts), dtype=np.int64) - 1
        fold[members] = np.arange(len(members)) % _CALIBRATION_FOLDS
        held_out = np.zeros((len(members), len(self.entries) + self._domain_of.max() + 1), dtype=np.float32)
        for k in range(_CALIBRATION_FOLDS):
            rows = np.flatnonzero(fold[members] == k)
            profiles = self._profiles(included & (fold != k))
            held_out[rows] = profiles.similarities([self._texts[i] for i in members[rows]])
        positives = self._owners[members]
        lift_thresholds = self._thresholds(self._lift(held_out), positives)
        # An entry whose family is its whole domain (a catalogue of one narrative) cannot be closer to itself
        # than to its domain: its lift says nothing.
        lift_thresholds[self._whole_domain] = 0.0
        return self._thresholds(held_out[:, : len(self.entries)], positives), lift_thresholds

    def _thresholds(self, held_out_scores: np.ndarray, owners: np.ndarray) -> np.ndarray:
        """For each entry, the threshold that best tells its held-out texts (and its subnarratives') from the
        others'."""
        # Candidate thresholds are quantiles of all held-out scores, so that they follow the encoder's scale.
        candidates = np.quantile(held_out_scores, _THRESHOLD_QUANTILES).astype(np.float32)
        thresholds = np.full(len(self.entries), candidates[-1], dtype=np.float32)
        beta2 = _PRECISION_WEIGHT**2
        for column in range(len(self.entries)):
            positive = np.isin(owners, self._families[column])
            predicted = held_out_scores[:, column][:, None] >= candidates[None, :]
            true_positives = (predicted & positive[:, None]).sum(axis=0)
            precision = true_positives / np.maximum(predicted.sum(axis=0), 1)
            recall = true_positives / max(int(positive.sum()), 1)
            f_beta = (1 + beta2) * precision * recall / np.maximum(beta2 * precision + recall, 1e-9)
            if f_beta.max() > 0:
                thresholds[column] = candidates[int(np.argmax(f_beta))]
        return thresholds

    def _descendants_and_self(self, column: int) -> list[int]:
        root = self.entries[column]
        family = [column]
        for other, entry in enumerate(self.entries):
            ancestor = entry.parent
            while ancestor is not None and entry.catalogue == root.catalogue:
                if ancestor == root.id:
                    family.append(other)
                    break
                ancestor = self.entries[self._position[(entry.catalogue, ancestor)]].parent
        return family


def _texts(entry: Entry) -> list[tuple[str, str | None]]:
    """(text, language) of an entry; None where the language is not given (descriptions, keywords, plain
    lists): such texts serve every language."""
    return [
        (entry.description, None),
        *((example.text, example.language) for example in entry.examples),
        *((keyword, None) for keyword in entry.keywords),
    ]
