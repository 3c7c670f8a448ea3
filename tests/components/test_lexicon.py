"""The lexicon pattern syntax, file validation, and the shipped lexicons of all eight languages."""

import re
import time

import pytest

from spinscope.components.lexicon import (
    PatternError,
    compile_pattern,
    load_lexicon,
    load_lexicon_file,
    parse_lexicon,
)
from spinscope.errors import LanguageError, ModelError
from spinscope.taxonomy import TECHNIQUES

LANGUAGES = ["fr", "en", "de", "it", "pl", "ru", "uk", "es"]


def matches(pattern: str, text: str) -> list[str]:
    """Every non-overlapping text the pattern matches, as a person would read them."""
    regex, _ = compile_pattern(pattern)
    return [m.group() for m in re.finditer(regex, text, re.IGNORECASE)]


def lexicon(entries: dict, **extra) -> object:
    return parse_lexicon({"language": "xx", "version": 3, "techniques": entries, **extra}, "test.yaml")


class TestPatternSyntax:
    def test_a_plain_word_matches_whole_words_only_in_any_case(self):
        assert matches("vassal", "Un VASSAL, des vassaux, vassalité.") == ["VASSAL"]

    def test_a_trailing_star_covers_word_endings(self):
        assert matches("néfaste*", "néfaste, néfastes; nefaste") == ["néfaste", "néfastes"]

    def test_a_lone_star_is_exactly_one_word(self):
        assert matches("down with *", "down with tyranny! down with .") == ["down with tyranny"]

    def test_braces_give_alternatives_which_may_be_empty(self):
        assert matches("allié{|s} {fidèle|loyal}{|s}", "alliés fidèles, allié loyal") == [
            "alliés fidèles",
            "allié loyal",
        ]

    def test_alternatives_may_hold_several_words(self):
        assert matches(
            "{selon|d'après} {les experts|des sources}", "D’après des sources, selon les experts"
        ) == [
            "D’après des sources",
            "selon les experts",
        ]

    def test_square_brackets_make_words_optional(self):
        assert matches("[très] grave", "très grave et grave") == ["très grave", "grave"]
        assert matches("qui peut [encore|vraiment] croire", "Qui peut vraiment croire") == [
            "Qui peut vraiment croire"
        ]

    def test_a_gap_skips_up_to_three_words_by_default(self):
        assert matches("either ... or", "either we win or") == ["either we win or"]
        assert matches("either ... or", "either one two three four or") == []

    def test_a_gap_length_can_be_given(self):
        assert matches("either ...5 or", "either one two three four or") == ["either one two three four or"]

    def test_a_gap_stays_inside_the_sentence(self):
        assert matches("either ...5 or", "either this. Or that") == []

    def test_apostrophes_match_in_every_form(self):
        for text in ("l'Otan", "l’Otan", "lʼOtan"):
            assert matches("l'Otan", text) == [text]

    def test_any_white_space_on_one_line_separates_words(self):
        for text in (
            "crise ukrainienne",
            "crise\u00a0ukrainienne",
            "crise\u202fukrainienne",
            "crise \t ukrainienne",
        ):
            assert matches("crise ukrainienne", text) == [text]
        assert matches("crise ukrainienne", "crise\nukrainienne") == []

    def test_a_hyphen_matches_hyphen_variants_or_a_space(self):
        assert matches("soi-disant", "soi-disant, soi‑disant, soi disant, soidisant") == [
            "soi-disant",
            "soi‑disant",
            "soi disant",
        ]

    def test_quotation_marks_match_each_other_with_or_without_spaces(self):
        assert matches("« fief »", "un «fief», un « fief », un “fief”") == ["«fief»", "« fief »", "“fief”"]

    def test_name_stands_for_one_capitalised_word(self):
        assert matches("régime de <Name>", "le régime de Kiev, le régime de croisière") == ["régime de Kiev"]

    def test_cyrillic_words_have_word_boundaries(self):
        assert matches("враг* народа", "враги народа; неврага народа") == ["враги народа"]
        assert matches("так называем*", "ТАК НАЗЫВАЕМЫЕ выборы") == ["ТАК НАЗЫВАЕМЫЕ"]

    def test_a_pattern_ending_in_an_elision_matches_before_the_next_word(self):
        assert matches("que dire d'", "Et que dire d’Israël ?") == ["que dire d’"]

    @pytest.mark.parametrize("bad", ["{a|b", "a}", "[a", "... a", "a ...", "[a]", "<Nom> x", "a [] b"])
    def test_malformed_patterns_are_refused(self, bad):
        with pytest.raises(PatternError):
            compile_pattern(bad)


class TestMatcher:
    def test_overlapping_matches_of_different_entries_are_all_found(self):
        lex = lexicon({"Loaded_Language": [{"patterns": ["régime", "régime de <Name>"], "confidence": 0.5}]})
        hits = lex.find("le régime de Kiev")
        assert sorted(
            [("le régime de Kiev"[h.start : h.end], h.entry.confidence) for h in hits], reverse=True
        ) == [("régime de Kiev", 0.5), ("régime", 0.5)]

    def test_entries_that_cannot_be_anchored_on_a_word_are_still_found(self):
        lex = lexicon(
            {
                "Slogans": [
                    {"pattern": "« stop »", "confidence": 0.5},
                    {"pattern": "[le] fief", "confidence": 0.5},
                ]
            }
        )
        assert sorted(h.entry.pattern for h in lex.find("«Stop» au fief")) == ["[le] fief", "« stop »"]

    def test_a_veto_cancels_a_match_followed_by_a_named_source(self):
        lex = lexicon(
            {
                "Appeal_to_Authority": [
                    {"pattern": "according to experts", "confidence": 0.5, "unless_followed_by": "at <Name>"}
                ]
            }
        )
        assert len(lex.find("According to experts, it works.")) == 1
        assert lex.find("According to experts at Harvard, it works.") == []

    def test_the_anchored_index_finds_what_a_plain_search_finds(self):
        """The word-prefix index is an optimisation: it must not lose a match of any shipped entry."""
        text = (
            "Le soi-disant « leader » du régime de Kiev, ce traître néonazi, mène une croisade hystérique. "
            "The so-called experts say the warmongers' sham will inevitably lead to chaos. "
            "Так называемые эксперты — предатели. Так звані експерти — зрадники. Tak zwani eksperci to zdrajcy."
        )
        for language in LANGUAGES:
            lex = load_lexicon(language)
            naive = {(m.start(), m.end(), id(e)) for e in lex.entries for m in e.regex.finditer(text)}
            found = {(h.start, h.end, id(h.entry)) for h in lex.find(text)}
            assert naive <= found | {(s, e, i) for s, e, i in naive if s == e}


class TestValidation:
    def test_an_unknown_technique_names_the_file_and_the_technique(self):
        with pytest.raises(ModelError, match=r"test\.yaml.*'Propaganda'.*unknown technique"):
            lexicon({"Propaganda": [{"pattern": "x", "confidence": 0.5}]})

    @pytest.mark.parametrize("confidence", [1.5, -0.1, "high", None, True])
    def test_a_bad_confidence_names_the_entry(self, confidence):
        with pytest.raises(ModelError, match=r"test\.yaml: Doubt, entry 'soi-disant': confidence"):
            lexicon({"Doubt": [{"pattern": "soi-disant", "confidence": confidence}]})

    def test_a_bad_pattern_names_the_entry(self):
        with pytest.raises(ModelError, match=r"Doubt, entry '\{soi-disant': bad pattern"):
            lexicon({"Doubt": [{"pattern": "{soi-disant", "confidence": 0.5}]})

    def test_a_bad_regex_names_the_entry(self):
        with pytest.raises(ModelError, match=r"entry '\(unclosed': bad pattern"):
            lexicon({"Doubt": [{"regex": "(unclosed", "confidence": 0.5}]})

    def test_unknown_keys_are_refused(self):
        with pytest.raises(ModelError, match="unknown keys"):
            lexicon({"Doubt": [{"pattern": "x", "confidence": 0.5, "weight": 2}]})
        with pytest.raises(ModelError, match="unknown keys"):
            lexicon({}, extras=1)

    def test_an_entry_needs_exactly_one_pattern_kind(self):
        with pytest.raises(ModelError, match="exactly one of"):
            lexicon({"Doubt": [{"pattern": "x", "regex": "x", "confidence": 0.5}]})

    def test_a_bad_rhetorical_question_names_the_structure_entry(self):
        with pytest.raises(ModelError, match=r"structure\.rhetorical_questions, entry '\{qui'"):
            lexicon({}, structure={"rhetorical_questions": ["{qui"]})

    def test_a_file_for_another_language_is_refused(self, tmp_path):
        path = tmp_path / "fr.yaml"
        path.write_text("language: en\nversion: 1\ntechniques: {}\n", encoding="utf-8")
        with pytest.raises(ModelError, match="expected 'fr'"):
            load_lexicon_file(path, "fr")

    def test_a_file_that_is_not_yaml_is_a_model_error(self, tmp_path):
        path = tmp_path / "fr.yaml"
        path.write_text("techniques: [unclosed\n", encoding="utf-8")
        with pytest.raises(ModelError, match="cannot be read"):
            load_lexicon_file(path)

    def test_a_language_without_a_lexicon_is_a_language_error(self):
        with pytest.raises(LanguageError, match="'xx'"):
            load_lexicon("xx")


class TestShippedLexicons:
    @pytest.mark.parametrize("language", LANGUAGES)
    def test_every_lexicon_loads_and_covers_the_main_techniques(self, language):
        lex = load_lexicon(language)
        assert lex.language == language and lex.version == "1"
        techniques = {e.technique for e in lex.entries}
        main = {
            "Loaded_Language", "Name_Calling-Labeling", "Exaggeration-Minimisation", "Flag_Waving",
            "Appeal_to_Fear-Prejudice", "Doubt", "Appeal_to_Authority", "Appeal_to_Values", "Slogans",
            "Obfuscation-Vagueness-Confusion",
        }  # fmt: skip
        assert main <= techniques <= set(TECHNIQUES)
        assert len(lex.entries) >= 80
        assert lex.rhetorical_questions and lex.stopwords

    @pytest.mark.parametrize("language", ["fr", "en"])
    def test_french_and_english_are_rich(self, language):
        assert len(load_lexicon(language).entries) >= 300

    def test_matching_a_long_article_is_fast(self):
        lex = load_lexicon("fr")
        sentence = (
            "Le gouvernement a présenté jeudi un budget qui prévoit une hausse des dépenses militaires. "
        )
        text = sentence * 45  # about 600 words
        start = time.perf_counter()
        lex.find(text)
        assert time.perf_counter() - start < 0.1
