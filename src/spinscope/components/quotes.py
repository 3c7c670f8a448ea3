"""Direct and reported speech, and who said it.

Direct quotes are the text between matching quotation marks (« », “ ”, „ “, ‚ ‘, ‹ ›, " "), nested marks
included; one or two quoted words with no speech cue around them are scare quotes, not speech, and are left
out. Reported speech is a speech verb followed by its clause ("a affirmé que …", "said that …", "заявил,
что …") or a source marker ("selon X, …", "according to X", "laut X"); its content runs to the end of the
sentence. A quote is attributed through the nearest cue: the name, title or pronoun before the verb
("Lavrov a affirmé", "Il a souligné", "le ministre a déclaré"), or after it ("…», a affirmé Lavrov", "said
Lavrov", "a-t-il affirmé"), or the source of a marker. A pronoun (or, in pro-drop languages, a missing
subject) points to the most recent compatible person of this or the previous paragraph; the pronoun and
title mentions this resolves are added to the entity's mentions. Unattributed quotes keep speaker None and a
lower confidence.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from spinscope.analysis import Entity, Mention, Quote, Span
from spinscope.components.entities import gender_of, name_lexicon
from spinscope.components.speech import Cue, SpeechLexicon, speech_lexicon
from spinscope.components.words import Token, fold, tokenize
from spinscope.document import Document
from spinscope.segment import strip_span

VERSION = "1"
SOURCE = f"quotes:rules@{VERSION}"
# Opening mark → the marks that may close it.
QUOTE_MARKS = {"«": "»", "“": "”", "„": "“”", "‚": "‘’", "‹": "›", '"': '"'}
# At most this many words in quotation marks, with no speech cue around them, are scare quotes.
SCARE_QUOTE_WORDS = 2
# Words allowed between a speech verb and its complementizer ("told reporters that", "sagte, dass").
_COMPLEMENTIZER_REACH = 4
_CLAUSE_BREAKS = ",;:"
_FINAL_PUNCTUATION = ".!?…;:,"
# Confidence by how the speaker was found.
CONFIDENCE = {
    ("direct", "name"): 0.9,
    ("direct", "title"): 0.85,
    ("direct", "pronoun"): 0.8,
    ("direct", "zero"): 0.65,
    ("direct", "continuation"): 0.6,
    ("direct", None): 0.3,
    ("reported", "name"): 0.8,
    ("reported", "title"): 0.75,
    ("reported", "pronoun"): 0.7,
    ("reported", "zero"): 0.55,
    ("reported", None): 0.35,
}


@dataclass(frozen=True, slots=True)
class Speaker:
    """Who a cue points to: the entity, where the text names it (None for a left-out subject), and how."""

    entity: str | None
    mention: Span | None
    via: str | None


_NOBODY = Speaker(None, None, None)


def quote_pairs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(opening, closing) offsets of the outermost quotation-mark pairs in text[start:end].

    An opening mark that never closes is skipped, so that one stray mark cannot swallow the paragraph.
    """
    pairs: list[tuple[int, int]] = []
    position = start
    while position < end:
        stack: list[int] = []
        for i in range(position, end):
            char = text[i]
            if stack and char in QUOTE_MARKS[text[stack[-1]]]:
                opening = stack.pop()
                if not stack:
                    pairs.append((opening, i))
            elif char in QUOTE_MARKS:
                stack.append(i)
        if not stack:
            break
        position = stack[0] + 1
        pairs = [p for p in pairs if p[0] < stack[0]]
    return sorted(set(pairs))


class QuoteFinder:
    """The quote layer: `QuoteFinder(language)(doc)` appends `Quote` objects to `doc.quotes`."""

    name = "quotes"
    version = VERSION

    def __init__(self, language: str):
        self.language = language
        self.speech: SpeechLexicon = speech_lexicon(language)
        self.lexicon = name_lexicon()

    def __call__(self, doc: Document) -> None:
        doc.quotes.extend(_Pass(self, doc).run())


class _Pass:
    """One pass over one document."""

    def __init__(self, finder: QuoteFinder, doc: Document):
        self.speech = finder.speech
        self.lex = finder.lexicon
        self.doc = doc
        self.text = doc.text
        self.tokens: tuple[Token, ...] = tokenize(doc.text)
        self.starts = [t.start for t in self.tokens]
        self.entities: dict[str, Entity] = {e.id: e for e in doc.entities}
        self.mentions: dict[int, Mention] = {}  # token index → the mention that starts there
        index_of = {t.start: k for k, t in enumerate(self.tokens)}
        for entity in doc.entities:
            for mention in entity.mentions:
                if mention.start in index_of:
                    self.mentions.setdefault(index_of[mention.start], mention)
        self.pairs = [pair for p in doc.paragraphs for pair in quote_pairs(doc.text, p.start, p.end)]
        self.inside = [False] * len(self.tokens)
        for opening, closing in self.pairs:
            for k in range(self._token_at_or_after(opening), self._token_at_or_after(closing)):
                self.inside[k] = True

    def run(self) -> list[Quote]:
        quotes = self._direct()
        taken = [(q.content.start, q.content.end) for q in quotes]
        quotes += self._reported(taken)
        return sorted(quotes, key=lambda q: (q.content.start, q.content.end))

    # -- direct speech -------------------------------------------------------------------------------------

    def _direct(self) -> list[Quote]:
        quotes: list[Quote] = []
        for opening, closing in self.pairs:
            start, end = strip_span(self.text, opening + 1, closing)
            if start >= end:
                continue
            words = self._token_at_or_after(end) - self._token_at_or_after(start)
            cue, speaker = self._attribute_after(closing)
            if cue is None:
                cue, speaker = self._attribute_before(opening)
            if cue is None and words <= SCARE_QUOTE_WORDS:
                continue  # scare quotes: « militarisation »
            if cue is None:
                speaker = self._continuation(opening, quotes)
            quotes.append(self._quote("direct", start, end, cue, speaker))
        return quotes

    def _continuation(self, opening: int, earlier: list[Quote]) -> Speaker:
        """A quote with no cue right after an attributed quote of its paragraph goes on with that speaker."""
        paragraph = self.doc.paragraph_at(opening)
        if not earlier or paragraph is None or earlier[-1].speaker is None:
            return _NOBODY
        previous = earlier[-1]
        between = self.text[previous.content.end : opening]
        if (
            previous.content.start < paragraph.start
            or len(between) > 200
            or any(
                self.speech.cue_at(self.tokens, k, self.text)
                for k in range(
                    self._token_at_or_after(previous.content.end), self._token_at_or_after(opening)
                )
                if self.tokens[k].start > (previous.cue.end if previous.cue else 0)
            )
        ):
            return _NOBODY
        return Speaker(previous.speaker, None, "continuation")

    def _attribute_after(self, closing: int) -> tuple[Span | None, Speaker]:
        """'…», a affirmé Lavrov', '…," he said', '…», Lavrov a-t-il', '…", said the minister'."""
        k = self._token_at_or_after(closing + 1)
        if k >= len(self.tokens):
            return None, _NOBODY
        gap = self.text[closing + 1 : self.tokens[k].start]
        if "\n" in gap or gap.strip(" \u00a0\u202f,;:—–-.!?…") != "":
            return None, _NOBODY
        last_inside = self.text[:closing].rstrip()[-1:]
        if not any(mark in gap for mark in ",—–-") and last_inside not in ",!?…":
            return None, _NOBODY  # "« … » soutenaient ce rapprochement" goes on with the sentence
        cue = self.speech.cue_at(self.tokens, k, self.text)
        if cue is not None:
            speaker = self._inverted_subject(cue)
            if speaker.via is None:
                speaker = self._zero_subject(self.tokens[k].start)
            return self._cue_span(cue), speaker
        subject_end, speaker = self._subject_at(k)
        if speaker.via is not None and subject_end < len(self.tokens):
            cue = self.speech.cue_at(self.tokens, subject_end, self.text)
            if cue is not None:
                if speaker.via == "pronoun" and cue.pronoun:
                    speaker = self._resolve_pronoun_at(cue.pronoun)
                return self._cue_span(cue), speaker
        return None, _NOBODY

    def _attribute_before(self, opening: int) -> tuple[Span | None, Speaker]:
        """'Lavrov a déclaré : « … »', 'Il a souligné que … « … »', 'Selon Lavrov, « … »'."""
        sentence = self.doc.sentence_at(opening)
        if sentence is None:
            return None, _NOBODY
        first = self._token_at_or_after(sentence.start)
        last = self._token_at_or_after(opening)
        fallback: tuple[Span | None, Speaker] = (None, _NOBODY)
        k = last - 1
        while k >= first:
            if self.inside[k]:
                k -= 1
                continue
            marker_end = self.speech.marker_at(self.tokens, k, self.text)
            if marker_end is not None:
                return self._span(k, marker_end), self._marker_source(marker_end)
            cue = self._cue_ending_within(k, last)
            if cue is not None:
                # A verb right after its subject ("Hale said") beats a nearer word that only looks like one.
                if self._subject_right_before(cue) or cue.pronoun:
                    return self._cue_span(cue), self._subject_of(cue)
                if fallback[0] is None:
                    fallback = (self._cue_span(cue), self._subject_of(cue))
                k = cue.first
            k -= 1
        return fallback

    def _cue_ending_within(self, k: int, last: int) -> Cue | None:
        """The cue that holds token k, its auxiliary included (scanning back meets "souligné" before "a")."""
        found = None
        for start in (k, k - 1, k - 2):
            if start < 0:
                break
            cue = self.speech.cue_at(self.tokens, start, self.text)
            if cue is not None and k < cue.end <= last:
                found = cue
        return found

    # -- reported speech -----------------------------------------------------------------------------------

    def _reported(self, taken: list[tuple[int, int]]) -> list[Quote]:
        quotes: list[Quote] = []
        covered = list(taken)
        k = 0
        while k < len(self.tokens):
            if self.inside[k] or any(s <= self.tokens[k].start < e for s, e in covered):
                k += 1
                continue
            cue = self.speech.cue_at(self.tokens, k, self.text)
            quote = self._verb_quote(cue) if cue else None
            if quote is None:
                marker_end = self.speech.marker_at(self.tokens, k, self.text)
                quote = self._marker_quote(k, marker_end) if marker_end else None
            if quote is not None and not any(
                s < quote.content.end and quote.content.start < e for s, e in covered
            ):
                quotes.append(quote)
                covered.append((quote.content.start, quote.content.end))
            k += 1
        return quotes

    def _verb_quote(self, cue: Cue) -> Quote | None:
        """'X a affirmé que …', 'X said (that) …', 'X sagte, dass …'."""
        sentence = self.doc.sentence_at(self.tokens[cue.first].start)
        if sentence is None:
            return None
        content_from = None
        for k in range(cue.end, min(cue.end + _COMPLEMENTIZER_REACH, len(self.tokens))):
            if self.tokens[k].start >= sentence.end or self.inside[k]:
                break
            if self.tokens[k].folded in self.speech.complementizers:
                content_from = self.tokens[k].end
                break
        speaker = self._subject_of(cue)
        after = self.text[self.tokens[cue.end - 1].end : sentence.end].lstrip()
        if content_from is None and after.startswith(":"):
            content_from = (
                self.tokens[cue.end - 1].end + self.text[self.tokens[cue.end - 1].end :].index(":") + 1
            )
        if (
            content_from is None
            and self.speech.complementizer_optional
            and speaker.via in ("name", "pronoun", "title")
        ):
            subject_end = speaker.mention.end if speaker.mention else -1
            if (
                subject_end <= self.tokens[cue.first].start
                and not self.text[subject_end : self.tokens[cue.first].start].strip()
            ):
                content_from = self.tokens[cue.end - 1].end
        if content_from is None:
            return None
        start, end = self._clause(content_from, sentence.end)
        if start >= end or any(start <= opening < end for opening, _ in self.pairs):
            return None
        return self._quote("reported", start, end, self._cue_span(cue), speaker)

    def _marker_quote(self, k: int, marker_end: int) -> Quote | None:
        """'Selon X, …' (content after the source) or '…, selon X.' (content before the marker)."""
        sentence = self.doc.sentence_at(self.tokens[k].start)
        if sentence is None:
            return None
        speaker = self._marker_source(marker_end)
        source_end = self._clause_end(marker_end, sentence.end)
        if source_end == sentence.end and speaker.mention and marker_end in self.mentions:
            source_end = speaker.mention.end  # no comma: "Laut Baerbock ist die Lage ernst."
        before = self.text[sentence.start : self.tokens[k].start].rstrip()
        if before.endswith(","):
            start, end = self._clause(sentence.start, sentence.start + len(before) - 1)
        else:
            start, end = self._clause(source_end + 1, sentence.end)
        if start >= end or any(start <= opening < end for opening, _ in self.pairs):
            return None
        # A clause with its own speech verb ("Selon les médias, il a affirmé que …") is that verb's quote.
        for j in range(self._token_at_or_after(start), self._token_at_or_after(end)):
            if self.speech.cue_at(self.tokens, j, self.text) is not None:
                return None
        return self._quote("reported", start, end, self._span(k, marker_end), speaker)

    def _marker_source(self, marker_end: int) -> Speaker:
        """The first entity named between a marker and the next comma: 'selon le ministre russe, …'."""
        sentence = self.doc.sentence_at(self.tokens[marker_end - 1].start)
        limit = self._clause_end(marker_end, sentence.end if sentence else len(self.text))
        for k in range(marker_end, len(self.tokens)):
            if self.tokens[k].start >= limit:
                break
            if k in self.mentions:
                return self._speaker_from_mention(self.mentions[k])
        return _NOBODY

    # -- subjects ------------------------------------------------------------------------------------------

    def _subject_of(self, cue: Cue) -> Speaker:
        """The speaker of a speech verb: inverted pronoun, subject before it, subject after it, or none."""
        if cue.pronoun:
            return self._resolve_pronoun_at(cue.pronoun)
        before = self._subject_before(cue)
        if before.via is not None:
            return before
        after = self._inverted_subject(cue)
        if after.via is not None:
            return after
        return self._zero_subject(self.tokens[cue.first].start)

    def _subject_before(self, cue: Cue) -> Speaker:
        """The first entity or pronoun of the clause chunk before the verb, skipping an apposition."""
        sentence = self.doc.sentence_at(self.tokens[cue.first].start)
        if sentence is None:
            return _NOBODY
        first = self._token_at_or_after(sentence.start)
        chunks: list[list[int]] = [[]]
        previous_end = None
        for k in range(first, cue.first):
            if self.inside[k]:
                continue
            if previous_end is not None and any(
                self.text[p] in _CLAUSE_BREAKS and not self._in_quote(p)
                for p in range(previous_end, self.tokens[k].start)
            ):
                chunks.append([])
            chunks[-1].append(k)
            previous_end = self.tokens[k].end
        chunks = [c for c in chunks if c]
        # Nearest chunk first; an apposition ("…, leader de la Corée du Nord, a dit") or a chunk with no
        # entity ("…, a salué « … » et dénoncé") passes the search to the chunk before it.
        for n in range(len(chunks) - 1, -1, -1):
            chunk = chunks[n]
            if n and self._is_apposition(chunk):
                continue
            for k in chunk:
                _, speaker = self._subject_at(k)
                if speaker.via is not None:
                    return speaker
        return _NOBODY

    def _subject_right_before(self, cue: Cue) -> bool:
        """True when a name, title or pronoun ends just before the verb ("Lavrov a dit", "he said")."""
        k = cue.first - 1
        if k < 0 or self.inside[k] or self.text[self.tokens[k].end : self.tokens[cue.first].start].strip():
            return False
        if self.speech.pronoun_gender(self.tokens[k].folded) is not None:
            return True
        return any(m.end == self.tokens[k].end for m in self.mentions.values())

    def _is_apposition(self, chunk: list[int]) -> bool:
        """'…, leader de la Corée du Nord, a dit' — a chunk that opens with a title describes the subject."""
        k = chunk[0]
        if self.tokens[k].folded in self.lex.determiners and len(chunk) > 1:
            k = chunk[1]
        mention = self.mentions.get(k)
        return mention is not None and mention.kind == "title"

    def _subject_at(self, k: int) -> tuple[int, Speaker]:
        """(token after it, speaker) for a subject that starts at token k (a determiner may come first)."""
        if (
            self.tokens[k].folded in self.lex.determiners
            and k + 1 in self.mentions
            and k not in self.mentions
        ):
            k += 1
        mention = self.mentions.get(k)
        if mention is not None:
            return self._token_at_or_after(mention.end), self._speaker_from_mention(mention)
        if self.speech.pronoun_gender(self.tokens[k].folded) is not None:
            token = self.tokens[k]
            return k + 1, self._resolve_pronoun_at((token.start, token.end))
        return k, _NOBODY

    def _inverted_subject(self, cue: Cue) -> Speaker:
        """'a affirmé Lavrov', 'said the minister', 'sagte er', 'a-t-il affirmé'."""
        if cue.pronoun:
            return self._resolve_pronoun_at(cue.pronoun)
        if cue.end >= len(self.tokens) or self.inside[cue.end]:
            return _NOBODY
        gap = self.text[self.tokens[cue.end - 1].end : self.tokens[cue.end].start]
        if gap.strip():
            return _NOBODY
        return self._subject_at(cue.end)[1]

    def _zero_subject(self, position: int) -> Speaker:
        """In pro-drop languages a verb with no subject speaks for the last person named."""
        if not self.speech.pro_drop:
            return _NOBODY
        entity = self._recent_person(position, None)
        return Speaker(entity, None, "zero") if entity else _NOBODY

    def _speaker_from_mention(self, mention: Mention) -> Speaker:
        via = {"title": "title", "pronoun": "pronoun"}.get(mention.kind, "name")
        return Speaker(mention.entity, Span(start=mention.start, end=mention.end, text=mention.text), via)

    def _resolve_pronoun_at(self, span: tuple[int, int]) -> Speaker:
        start, end = span
        entity = self._recent_person(start, self.speech.pronoun_gender(fold(self.text[start:end])))
        if entity is None:
            return _NOBODY
        mention = Span(start=start, end=end, text=self.text[start:end])
        self._add_mention(entity, mention, "pronoun")
        return Speaker(entity, mention, "pronoun")

    def _recent_person(self, position: int, gender: str | None) -> str | None:
        """The person mentioned last before `position`, in this paragraph or the previous one."""
        paragraph = self.doc.paragraph_at(position)
        ids = [p.id for p in self.doc.paragraphs]
        floor = 0
        if paragraph is not None:
            index = ids.index(paragraph.id)
            floor = self.doc.paragraphs[max(0, index - 1)].start
        best: tuple[int, str] | None = None
        for entity in self.entities.values():
            if entity.type != "person" or (gender and gender_of(entity) not in (None, gender)):
                continue
            for mention in entity.mentions:
                later = best is None or mention.start > best[0]
                if later and floor <= mention.start < position and not self._in_quote(mention.start):
                    best = (mention.start, entity.id)
        return best[1] if best else None

    def _add_mention(self, entity_id: str, span: Span, kind: str) -> None:
        entity = self.entities[entity_id]
        if any(m.start == span.start and m.end == span.end for m in entity.mentions):
            return
        entity.mentions.append(
            Mention(start=span.start, end=span.end, text=span.text, entity=entity_id, kind=kind)
        )
        entity.mentions.sort(key=lambda m: (m.start, m.end))

    # -- helpers -------------------------------------------------------------------------------------------

    def _quote(self, kind: str, start: int, end: int, cue: Span | None, speaker: Speaker) -> Quote:
        return Quote(
            kind=kind,
            content=self.doc.span(start, end),
            speaker=speaker.entity,
            speaker_mention=speaker.mention,
            cue=cue,
            confidence=CONFIDENCE[(kind, speaker.via if speaker.entity else None)],
            source=SOURCE,
        )

    def _token_at_or_after(self, offset: int) -> int:
        return bisect.bisect_left(self.starts, offset)

    def _in_quote(self, offset: int) -> bool:
        return any(opening < offset < closing for opening, closing in self.pairs)

    def _span(self, first: int, end: int) -> Span:
        return self.doc.span(self.tokens[first].start, self.tokens[end - 1].end)

    def _cue_span(self, cue: Cue) -> Span:
        return self._span(cue.first, cue.end)

    def _clause_end(self, k: int, limit: int) -> int:
        """Offset of the first clause break (comma, semicolon, colon) after token k, or `limit`."""
        offset = self.tokens[k].start if k < len(self.tokens) else limit
        for position in range(offset, limit):
            if self.text[position] in _CLAUSE_BREAKS:
                return position
        return limit

    def _clause(self, start: int, end: int) -> tuple[int, int]:
        """[start, end) without surrounding spaces and final punctuation."""
        start, end = strip_span(self.text, start, end)
        while end > start and self.text[end - 1] in _FINAL_PUNCTUATION:
            end -= 1
        return strip_span(self.text, start, end)
