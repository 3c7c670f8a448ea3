"""Which catalogue storylines an article pushes, from the catalogue's own descriptions and examples alone.

Each entry has a profile: all texts (description, examples, keywords) of the entry and of its subnarratives;
each domain (e.g. the war in Ukraine, climate) has one too, of all its entries' texts.
- Sentences, for evidence: a sentence is evidence for an entry when it is close to the entry's profile
  (similarity) and closer to it than to its domain's as a whole (lift): a sentence that is merely about the
  war is not evidence of any one storyline about it. Each entry has a threshold of each, calibrated when the
  detector is built on held-out folds of the catalogue's own texts: each text is scored against profiles built
  without it, and the threshold is the one that best tells the entry's texts (and its subnarratives') from
  the others' and from the neutral texts (plain reporting on the same topics), favouring precision. The lift
  threshold is chosen among the texts that pass the similarity one. A user's catalogue is calibrated exactly
  like the shipped one: no retraining, no data beyond the catalogue.
- The article, for ranking and for the "Other" decision: the whole text against each profile, since a
  storyline is a property of the article more than of one sentence.
Similarities are comparable only within a language, so each language with enough examples gets its own
profiles and thresholds; another language borrows those of a close language (Bulgarian, Russian's), else is
scored against profiles of all languages.

Within one catalogue, only the domain whose entries' profiles the article is closest to is considered; the
article pushes one of its storylines when enough of its sentences are evidence there and when the whole
article is close enough to its nearest narrative (the gate, calibrated per language on synthetic articles
made of held-out examples and neutral texts: see `gate`; a language that borrows another's profiles is not
gated, being on another scale). The narratives with evidence are then ranked by closeness to the article,
each with its best-evidenced subnarratives; a subnarrative implies its narrative. No finding means "Other".
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from spinscope.narratives import calibration_cache, gate
from spinscope.narratives.catalogue import Catalogue, CatalogueError, Entry, Example
from spinscope.narratives.similarity import Encoder, SimilarityIndex, StemTfidfEncoder
from spinscope.segment import sentence_spans

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
# A language calibrates the article-level "Other" decision only with at least this many neutral sentences.
_MIN_NEUTRAL_SENTENCES = 20
_NEUTRAL = -1  # the owner of a neutral text: evidence of no entry


@dataclass(frozen=True)
class _LanguageModel:
    profiles: SimilarityIndex
    thresholds: np.ndarray  # of similarity to the entry's profile
    lift_thresholds: np.ndarray  # of how much closer to the entry's profile than to its domain's
    gates: list[gate.Gate]  # per catalogue: when an article is too far from every narrative, "Other"


@dataclass(frozen=True)
class Finding:
    """One entry found in an article: how sure, and which sentences (indices into the given list) carry it."""

    entry: Entry
    confidence: float
    sentences: tuple[int, ...]


class NarrativeDetector:
    def __init__(
        self,
        catalogues: Sequence[Catalogue],
        encoder: Encoder | None = None,
        neutral: Sequence[Example] | None = None,
    ):
        """`neutral`: texts that push none of the storylines; by default, those the catalogues give."""
        self.catalogues = tuple(catalogues)
        names = [c.name for c in self.catalogues]
        if len(set(names)) < len(names):
            raise CatalogueError(f"two catalogues are named {max(names, key=names.count)!r}: rename one")
        self.encoder = encoder or StemTfidfEncoder()
        self.entries: list[Entry] = [e for c in self.catalogues for e in c.entries]
        self._position = {(e.catalogue, e.id): i for i, e in enumerate(self.entries)}
        self._families = [self._descendants_and_self(column) for column in range(len(self.entries))]
        texts, owners, languages, is_example = [], [], [], []
        for column, entry in enumerate(self.entries):
            for text, language, example in _texts(entry):
                texts.append(text)
                owners.append(column)
                languages.append(language)
                is_example.append(example)
        # Neutral texts are scored sentence by sentence, like articles: they are sentences that push nothing.
        if neutral is None:
            neutral = [text for catalogue in self.catalogues for text in catalogue.neutral]
        self.neutral = tuple(neutral)
        for example in self.neutral:
            for sentence in _sentences(example.text):
                texts.append(sentence)
                owners.append(_NEUTRAL)
                languages.append(example.language)
                is_example.append(False)
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
        self._is_neutral = self._owners == _NEUTRAL
        # Examples are sentences an article could hold; descriptions and keywords are not.
        self._is_example = np.asarray(is_example, dtype=bool)
        # Profiles: one per entry (its family's texts), one per domain, then one of the neutral texts.
        self._neutral_column = len(self.entries) + len(domains)
        self._profile_count = self._neutral_column + 1
        # Similarities are only comparable within a language (how many words two sentences can share depends
        # on it), so each language with examples gets its own profiles and thresholds; the others use all.
        # Each is built (and calibrated) the first time an article in that language needs it.
        self._texts_for: dict[str | None, np.ndarray] = {None: np.ones(len(texts), dtype=bool)}
        example_languages = [x for x, owner in zip(languages, owners, strict=True) if owner != _NEUTRAL]
        for language, count in Counter(x for x in example_languages if x is not None).items():
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

    def gates(self, language: str | None = None) -> list[gate.Gate]:
        """Each catalogue's article-level gate for articles in `language` (threshold -inf: none, for want of
        neutral texts)."""
        return self._model(language).gates

    def detect(self, sentences: Sequence[str], language: str | None = None) -> list[Finding]:
        """The entries the sentences (one article, in order) carry, parents included, most confident first."""
        if not sentences:
            return []
        model = self._model(language)
        # The gate is calibrated on texts in the model's language: an article in a language that borrows
        # another's profiles is farther from all of them, and would fall below it whatever it says.
        gated = self._own_model(language)
        words = sum(len(sentence.split()) for sentence in sentences)
        similarities = model.profiles.similarities(sentences)
        lift = self._lift(similarities)
        article = model.profiles.similarities([" ".join(sentences)])[0]
        closeness = article[: len(self.entries)]
        scores, thresholds = similarities[:, : len(self.entries)], model.thresholds
        passing = self._passing(model, scores, lift)
        # How far past its threshold a sentence goes, in [0, 1]; 0 where it does not pass.
        strength = np.where(
            passing, np.minimum(1.0, (scores - thresholds) / np.maximum(thresholds, 1e-6)), 0.0
        )
        findings: list[Finding] = []
        for position, catalogue in enumerate(self.catalogues):
            domain, evidenced, score = self._article_score(catalogue, passing, article)
            # The article pushes some storyline of the domain when enough of its sentences pass a threshold
            # there, and when it is, as a whole, far enough from plain reporting on its topic.
            if evidenced >= _MIN_NARRATIVE_SENTENCES and (
                not gated or model.gates[position].passes(score, words)
            ):
                findings.extend(self._detect_in(catalogue, domain, passing, strength, closeness))
        return sorted(findings, key=lambda f: (-f.confidence, f.entry.id))

    @staticmethod
    def _passing(model: _LanguageModel, scores: np.ndarray, lift: np.ndarray) -> np.ndarray:
        """Evidence is close to the storyline's examples and closer to them than to its domain as a whole."""
        return (scores >= model.thresholds) & (lift >= model.lift_thresholds)

    def _article_score(
        self, catalogue: Catalogue, passing: np.ndarray, article: np.ndarray
    ) -> tuple[str, int, float]:
        """The domain of the catalogue the article is about (the one whose narratives' profiles the whole
        article is closest to), how many of its sentences are evidence there, and the article's closeness to
        that nearest narrative: what the gate is placed on."""
        roots = [c for c in self._columns_of(catalogue) if self.entries[c].parent is None]
        nearest = max(roots, key=lambda c: article[c])
        domain = self.entries[nearest].domain
        in_domain = [c for c in self._columns_of(catalogue) if self.entries[c].domain == domain]
        evidenced = int(passing[:, in_domain].any(axis=1).sum())
        return domain, evidenced, float(article[nearest])

    def _columns_of(self, catalogue: Catalogue) -> list[int]:
        return [self._position[(catalogue.name, e.id)] for e in catalogue.entries]

    def _detect_in(
        self,
        catalogue: Catalogue,
        domain: str,
        passing: np.ndarray,
        strength: np.ndarray,
        closeness: np.ndarray,
    ) -> list[Finding]:
        roots = [c for c in self._columns_of(catalogue) if self.entries[c].parent is None]
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
        groups.append([self._texts[i] for i in np.flatnonzero(included & self._is_neutral)])
        return self.encoder.index(groups, fit_on=[self._texts[i] for i in np.flatnonzero(included)])

    def _lift(self, similarities: np.ndarray) -> np.ndarray:
        """How much closer a text is to each entry's profile than to its whole domain's."""
        entries = similarities[:, : len(self.entries)]
        domains = similarities[:, len(self.entries) + self._domain_of]
        return entries / np.maximum(domains, 1e-6)

    def _own_model(self, language: str | None) -> bool:
        """Whether articles in `language` are scored against profiles of their own language (or the catalogues
        have no languages: one model for all)."""
        return not self.languages or (language is not None and language in self._texts_for)

    def _model(self, language: str | None) -> _LanguageModel:
        if language not in self._texts_for:
            language = _CLOSEST_LANGUAGE.get(language or "")
            language = language if language in self._texts_for else None
        if language not in self._models:
            self._models[language] = self._calibrated(language)
        return self._models[language]

    def _calibrated(self, language: str | None) -> _LanguageModel:
        """The language's model, its calibration read from the disk cache when this very calibration (same
        texts, same code) was made before; profiles are rebuilt, which is quick."""
        included = self._texts_for[language]
        key = calibration_cache.key(
            [
                self.encoder.name,
                language,
                [[e.catalogue, e.id, e.parent, e.domain] for e in self.entries],
                self._texts,
                self._owners.tolist(),
                self._languages.tolist(),
                self._is_example.tolist(),
                np.flatnonzero(included).tolist(),
            ]
        )
        cached = calibration_cache.load(key, len(self.entries), len(self.catalogues))
        if cached is not None:
            thresholds, lift_thresholds, gates = cached
            return _LanguageModel(self._profiles(included), thresholds, lift_thresholds, gates)
        model = self._fit(included)
        calibration_cache.save(key, model.thresholds, model.lift_thresholds, model.gates)
        return model

    def _fit(self, included: np.ndarray) -> _LanguageModel:
        """A language's model from the included texts: per-entry thresholds of similarity and of lift, each
        text scored against profiles built without it (k folds); then, per catalogue, the article-level gate,
        from synthetic articles assembled from the same held-out texts (see `gate`)."""
        members = np.flatnonzero(included)
        fold = np.full(len(self._texts), -1, dtype=np.int64)
        fold[members] = np.arange(len(members)) % _CALIBRATION_FOLDS
        held_out = np.zeros((len(members), self._profile_count), dtype=np.float32)
        with_gate = (included & self._is_neutral).sum() >= _MIN_NEUTRAL_SENTENCES
        rng = np.random.default_rng(0)
        articles: list[gate.SyntheticArticle] = []
        article_scores = [np.zeros((0, self._profile_count), dtype=np.float32)]
        for k in range(_CALIBRATION_FOLDS):
            rows = np.flatnonzero(fold[members] == k)
            profiles = self._profiles(included & (fold != k))
            held_out[rows] = profiles.similarities([self._texts[i] for i in members[rows]])
            if with_gate:
                in_fold = included & (fold == k)
                neutral = np.flatnonzero(in_fold & self._is_neutral)
                made = gate.synthetic_articles(self._storylines(in_fold), neutral, rng)
                articles.extend(made)
                article_scores.append(
                    profiles.similarities([" ".join(self._texts[i] for i in a.texts) for a in made])
                )
        owners = self._owners[members]
        similarities = held_out[:, : len(self.entries)]
        thresholds = self._thresholds(similarities, owners)
        # The lift is only asked of texts close enough to the entry: far from every profile (as most neutral
        # texts are), a ratio of two small similarities says nothing.
        lift_thresholds = self._thresholds(self._lift(held_out), owners, given=similarities >= thresholds)
        # An entry whose family is its whole domain (a catalogue of one narrative) cannot be closer to itself
        # than to its domain: its lift says nothing.
        lift_thresholds[self._whole_domain] = 0.0
        model = _LanguageModel(
            self._profiles(included), thresholds, lift_thresholds, [gate.Gate()] * len(self.catalogues)
        )
        passing = np.zeros((len(self._texts), len(self.entries)), dtype=bool)
        passing[members] = self._passing(model, similarities, self._lift(held_out))
        if articles:
            self._calibrate_gates(model, articles, np.concatenate(article_scores), passing)
        return model

    def _calibrate_gates(
        self,
        model: _LanguageModel,
        articles: list[gate.SyntheticArticle],
        article_scores: np.ndarray,
        passing: np.ndarray,
    ) -> None:
        """Each catalogue's gate, from its synthetic articles scored as `detect` scores an article."""
        for position, catalogue in enumerate(self.catalogues):
            closeness, words, pushes = [], [], []
            for article, row in zip(articles, article_scores, strict=True):
                if article.catalogue == position:
                    _, evidenced, score = self._article_score(catalogue, passing[list(article.texts)], row)
                    # With too little evidence an article is "Other" whatever its score: no gate asked.
                    closeness.append(score if evidenced >= _MIN_NARRATIVE_SENTENCES else -np.inf)
                    words.append(sum(len(self._texts[i].split()) for i in article.texts))
                    pushes.append(article.pushes)
            model.gates[position] = gate.fit_gate(
                np.asarray(closeness), np.asarray(words, dtype=float), np.asarray(pushes, dtype=bool)
            )

    def _storylines(self, texts: np.ndarray) -> list[tuple[int, np.ndarray]]:
        """(catalogue position, indices of the given examples of its family) for each narrative."""
        storylines = []
        for position, catalogue in enumerate(self.catalogues):
            for column in self._columns_of(catalogue):
                if self.entries[column].parent is None:
                    examples = texts & self._is_example & np.isin(self._owners, self._families[column])
                    family = np.flatnonzero(examples)
                    storylines.append((position, family))
        return storylines

    def _thresholds(
        self, held_out_scores: np.ndarray, owners: np.ndarray, given: np.ndarray | None = None
    ) -> np.ndarray:
        """For each entry, the threshold that best tells its held-out texts (and its subnarratives') from the
        others', among the texts that pass the entry's other test (`given`, when there is one)."""
        # Candidate thresholds are quantiles of all held-out scores, so that they follow the encoder's scale.
        candidates = np.quantile(held_out_scores, _THRESHOLD_QUANTILES).astype(np.float32)
        thresholds = np.full(len(self.entries), candidates[-1], dtype=np.float32)
        beta2 = _PRECISION_WEIGHT**2
        for column in range(len(self.entries)):
            positive = np.isin(owners, self._families[column])
            predicted = held_out_scores[:, column][:, None] >= candidates[None, :]
            if given is not None:
                predicted &= given[:, column][:, None]
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


def _sentences(text: str) -> list[str]:
    return [text[start:end] for start, end in sentence_spans(text, 0, len(text))]


def _texts(entry: Entry) -> list[tuple[str, str | None, bool]]:
    """(text, language, whether it is an example) of an entry; the language is None where it is not given
    (descriptions, keywords, plain lists): such texts serve every language."""
    return [
        (entry.description, None, False),
        *((example.text, example.language, True) for example in entry.examples),
        *((keyword, None, False) for keyword in entry.keywords),
    ]
