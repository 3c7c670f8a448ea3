"""The analyst pages in French and English: one table of strings, and the choice of language per request.

The choice is, in order: `?ui=fr|en` (the switch on every page), the `spinscope_ui` cookie the switch sets,
the browser's Accept-Language, then English.
"""

from __future__ import annotations

UI_LANGUAGES = ("en", "fr")
COOKIE = "spinscope_ui"

STRINGS: dict[str, dict[str, str]] = {
    "en": {
        "nav_analyse": "Analyse",
        "nav_corpus": "Corpus",
        "nav_api": "API",
        "switch_label": "Language of the pages",
        "skip": "Skip to the content",
        "analyse_title": "Analyse an article",
        "analyse_intro": "Paste the text of an article, or give the address of a web page. "
        "The article is analysed on this server; nothing is sent elsewhere.",
        "field_text": "Article text",
        "field_url": "…or the address of a web page",
        "field_lang": "Language of the article",
        "lang_auto": "Detect",
        "field_model": "Model",
        "model_none": "none (lexicons only)",
        "submit": "Analyse",
        "error_title": "The article could not be analysed",
        "result_title": "Result",
        "cards": "Summary",
        "per_100": "techniques per 100 words",
        "spans_in": "technique spans in {words} words",
        "sentences_with": "of {sentences} sentences carry a technique",
        "quotes_card": "quotes, {unattributed} unattributed",
        "article": "Article",
        "article_hint": "Highlighted words carry a persuasion technique. Hover, focus (Tab) or click one to "
        "see its definition, confidence and cue. Several underlines mean several techniques overlap.",
        "legend": "Techniques",
        "legend_hint": "Untick a technique to hide its highlights.",
        "show": "Show {name}",
        "no_techniques": "No persuasion technique found.",
        "span_list": "All {count} technique spans as a plain list",
        "cue": "cue",
        "confidence": "confidence",
        "characters": "characters",
        "narratives": "Narratives",
        "no_narratives": "No narrative from the catalogues was found.",
        "evidence": "Sentences that carry it",
        "cast": "Cast of actors",
        "role_Protagonist": "Heroes (protagonists)",
        "role_Antagonist": "Villains (antagonists)",
        "role_Innocent": "Victims (innocents)",
        "role_none": "Not cast",
        "no_entities": "No actor found.",
        "mentions": "mentions",
        "mark_mentions": "Press an actor's name to mark its mentions in the article.",
        "quotes": "Who speaks",
        "no_quotes": "No quote found.",
        "unattributed": "Unattributed",
        "kind_direct": "direct",
        "kind_reported": "reported",
        "downloads": "Download the report",
        "download_html": "HTML report",
        "download_json": "JSON analysis",
        "paragraph": "Paragraph {id}",
        "corpus_title": "Corpus",
        "corpus_intro": "Articles analysed into the store, with what was found in them.",
        "no_store": "This server has no store. Start it with --store PATH "
        "(a store filled by spinscope batch).",
        "filters": "Filters",
        "search": "Words in the title or the text",
        "outlet": "Outlet",
        "language": "Language",
        "technique": "Technique",
        "narrative": "Narrative",
        "date_from": "From",
        "date_to": "To",
        "any": "Any",
        "apply": "Apply",
        "articles": "Articles",
        "found": "{count} articles",
        "title": "Title",
        "date": "Date",
        "words": "Words",
        "spans": "Spans",
        "dashboard": "Dashboard",
        "search_list_only": "The words searched narrow the list of articles; the charts count every article "
        "under the other filters.",
        "techniques_over_time": "Techniques over time (spans per month)",
        "narratives_over_time": "Narratives over time (articles per month)",
        "techniques_by_outlet": "Techniques by outlet (spans per 100 words)",
        "villains": "Most-cast villains",
        "heroes": "Most-cast heroes",
        "no_data": "Nothing yet.",
        "untitled": "Untitled article",
        "previous": "Previous",
        "next": "Next",
        "signin_title": "Sign in",
        "signin_intro": "This server requires an API key (spinscope keys create).",
        "field_key": "API key",
        "signin": "Sign in",
        "bad_key": "That key is not valid.",
        "api_title": "REST API",
        "api_intro": "Every endpoint answers JSON. The machine-readable description is at",
        "api_auth": "When the server uses keys, send one as Authorization: Bearer KEY (or X-API-Key: KEY).",
        "request_body": "Request body",
        "parameters": "Parameters",
        "responses": "Responses",
        "footer": "Highlights are evidence to check, not verdicts. Every span is a pair of character offsets "
        "into the analysed text; the JSON analysis holds them all.",
        "not_found": "No such page.",
    },
    "fr": {
        "nav_analyse": "Analyser",
        "nav_corpus": "Corpus",
        "nav_api": "API",
        "switch_label": "Langue des pages",
        "skip": "Aller au contenu",
        "analyse_title": "Analyser un article",
        "analyse_intro": "Collez le texte d'un article ou donnez l'adresse d'une page web. "
        "L'article est analysé sur ce serveur ; rien n'est envoyé ailleurs.",
        "field_text": "Texte de l'article",
        "field_url": "…ou l'adresse d'une page web",
        "field_lang": "Langue de l'article",
        "lang_auto": "Détecter",
        "field_model": "Modèle",
        "model_none": "aucun (lexiques seuls)",
        "submit": "Analyser",
        "error_title": "L'article n'a pas pu être analysé",
        "result_title": "Résultat",
        "cards": "Synthèse",
        "per_100": "techniques pour 100 mots",
        "spans_in": "passages marqués sur {words} mots",
        "sentences_with": "des {sentences} phrases portent une technique",
        "quotes_card": "citations, dont {unattributed} sans source",
        "article": "Article",
        "article_hint": "Les mots surlignés portent une technique de persuasion. Survolez, atteignez (Tab) "
        "ou cliquez un passage pour voir sa définition, sa confiance et l'indice repéré. Plusieurs "
        "soulignements signalent des techniques qui se chevauchent.",
        "legend": "Techniques",
        "legend_hint": "Décochez une technique pour masquer ses passages.",
        "show": "Afficher {name}",
        "no_techniques": "Aucune technique de persuasion trouvée.",
        "span_list": "Les {count} passages marqués, en liste",
        "cue": "indice",
        "confidence": "confiance",
        "characters": "caractères",
        "narratives": "Récits",
        "no_narratives": "Aucun récit des catalogues n'a été trouvé.",
        "evidence": "Phrases qui le portent",
        "cast": "Distribution des acteurs",
        "role_Protagonist": "Héros (protagonistes)",
        "role_Antagonist": "Méchants (antagonistes)",
        "role_Innocent": "Victimes (innocents)",
        "role_none": "Sans rôle",
        "no_entities": "Aucun acteur trouvé.",
        "mentions": "mentions",
        "mark_mentions": "Appuyez sur le nom d'un acteur pour marquer ses mentions dans l'article.",
        "quotes": "Qui parle",
        "no_quotes": "Aucune citation trouvée.",
        "unattributed": "Sans source",
        "kind_direct": "directe",
        "kind_reported": "rapportée",
        "downloads": "Télécharger le rapport",
        "download_html": "Rapport HTML",
        "download_json": "Analyse JSON",
        "paragraph": "Paragraphe {id}",
        "corpus_title": "Corpus",
        "corpus_intro": "Les articles analysés dans la base, avec ce qui y a été trouvé.",
        "no_store": "Ce serveur n'a pas de base. Lancez-le avec --store CHEMIN (une base remplie par "
        "spinscope batch).",
        "filters": "Filtres",
        "search": "Mots du titre ou du texte",
        "outlet": "Média",
        "language": "Langue",
        "technique": "Technique",
        "narrative": "Récit",
        "date_from": "Du",
        "date_to": "Au",
        "any": "Tous",
        "apply": "Appliquer",
        "articles": "Articles",
        "found": "{count} articles",
        "title": "Titre",
        "date": "Date",
        "words": "Mots",
        "spans": "Passages",
        "dashboard": "Tableau de bord",
        "search_list_only": "Les mots cherchés restreignent la liste des articles ; les graphiques comptent "
        "tous les articles retenus par les autres filtres.",
        "techniques_over_time": "Techniques dans le temps (passages par mois)",
        "narratives_over_time": "Récits dans le temps (articles par mois)",
        "techniques_by_outlet": "Techniques par média (passages pour 100 mots)",
        "villains": "Les plus souvent désignés comme méchants",
        "heroes": "Les plus souvent présentés en héros",
        "no_data": "Rien pour l'instant.",
        "untitled": "Article sans titre",
        "previous": "Précédents",
        "next": "Suivants",
        "signin_title": "Connexion",
        "signin_intro": "Ce serveur demande une clé d'API (spinscope keys create).",
        "field_key": "Clé d'API",
        "signin": "Se connecter",
        "bad_key": "Cette clé n'est pas valide.",
        "api_title": "API REST",
        "api_intro": "Chaque point d'accès répond en JSON. La description lisible par machine est à",
        "api_auth": "Quand le serveur utilise des clés, envoyez-en une : Authorization: Bearer CLÉ "
        "(ou X-API-Key: CLÉ).",
        "request_body": "Corps de la requête",
        "parameters": "Paramètres",
        "responses": "Réponses",
        "footer": "Les passages surlignés sont des éléments à vérifier, pas des verdicts. Chaque passage est "
        "une paire de positions dans le texte analysé ; l'analyse JSON les contient toutes.",
        "not_found": "Cette page n'existe pas.",
    },
}


def choose(query: str | None, cookie: str | None, accept_language: str | None) -> str:
    """The page language for a request."""
    for value in (query, cookie):
        if value in UI_LANGUAGES:
            return value
    for code, _ in _ranked(accept_language or ""):
        primary = code.split("-")[0].lower()
        if primary in UI_LANGUAGES:
            return primary
    return "en"


def _ranked(header: str) -> list[tuple[str, float]]:
    """Accept-Language entries, most preferred first; malformed weights count as 0."""
    entries = []
    for part in header.split(","):
        code, _, parameters = part.strip().partition(";")
        weight = 1.0
        if parameters.strip().startswith("q="):
            try:
                weight = float(parameters.strip()[2:])
            except ValueError:
                weight = 0.0
        if code and weight > 0:
            entries.append((code.strip(), weight))
    return sorted(entries, key=lambda entry: -entry[1])


class Translator:
    """`t("spans_in", words=12)` in one language, for templates."""

    def __init__(self, language: str):
        self.language = language
        self.strings = STRINGS[language]

    def __call__(self, key: str, **values: object) -> str:
        text = self.strings[key]
        return text.format(**values) if values else text
