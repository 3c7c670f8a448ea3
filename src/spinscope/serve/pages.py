"""The analyst pages: analyse an article, browse the corpus, sign in, read the API reference.

Pages are rendered on the server with Jinja2 autoescaping, so article text only ever reaches the browser as
text. Their one script (the HTML report's) and stylesheets are files from this server; the Content-Security-
Policy allows nothing else, apart from the analyse page's inline technique colours, allowed by hash.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from jinja2 import ChoiceLoader, Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from spinscope.analysis import Analysis
from spinscope.errors import SpinscopeError
from spinscope.language import SUPPORTED_LANGUAGES
from spinscope.models import DEFAULT_MODEL
from spinscope.report.html import render_html
from spinscope.serve import charts
from spinscope.serve.corpus import CorpusFilters
from spinscope.serve.i18n import COOKIE, Translator, choose
from spinscope.serve.page_view import build_page
from spinscope.serve.runner import analyse, model_names
from spinscope.serve.security import KEY_COOKIE, check_rate, client_of, page_csp
from spinscope.taxonomy import display_name

_REPORT_ASSETS = files("spinscope.report") / "templates"
_MAX_FORM_TEXT = 1_000_000
_PAGE = 50  # articles per corpus page


def page_guard(request: Request) -> str:
    client = client_of(request, request.app.state.keys, request.app.state.keys_required)
    check_rate(request.app.state.limiter, client)
    return client


router = APIRouter(include_in_schema=False)
guarded = APIRouter(include_in_schema=False, dependencies=[Depends(page_guard)])


@cache
def _environment() -> Environment:
    environment = Environment(
        # The article with its highlights comes from the report's templates (article.html), as in report.html.
        loader=ChoiceLoader(
            [PackageLoader("spinscope.serve", "templates"), PackageLoader("spinscope.report", "templates")]
        ),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters["display_name"] = display_name
    return environment


def ui_language(request: Request) -> str:
    return choose(
        request.query_params.get("ui"), request.cookies.get(COOKIE), request.headers.get("accept-language")
    )


def render(
    request: Request, template: str, status: int = 200, styles: tuple[str, ...] = (), **context
) -> HTMLResponse:
    ui = ui_language(request)
    html = _environment().get_template(template).render(ui=ui, t=Translator(ui), **context)
    response = HTMLResponse(html, status_code=status, headers={"Content-Security-Policy": page_csp(styles)})
    if request.query_params.get("ui") == ui:
        response.set_cookie(COOKIE, ui, max_age=365 * 86400, samesite="strict", httponly=True)
    return response


def _form(text: str = "", url: str = "", lang: str = "", model: str = DEFAULT_MODEL) -> dict[str, str]:
    return {"text": text, "url": url, "lang": lang, "model": model}


def _analyse_page(
    request: Request,
    *,
    status: int = 200,
    analysis: Analysis | None = None,
    download_base: str = "",
    form: dict[str, str] | None = None,
    error: str | None = None,
) -> HTMLResponse:
    page = build_page(analysis) if analysis is not None else None
    return render(
        request,
        "analyse.html",
        status=status,
        styles=(page.stylesheet_hash,) if page else (),
        section="nav_analyse",
        page=page,
        stylesheet=Markup(page.stylesheet) if page else "",
        download_base=download_base,
        form=form or _form(),
        error=error,
        languages=SUPPORTED_LANGUAGES,
        models=model_names(),
    )


@guarded.get("/", response_class=HTMLResponse)
def analyse_form(request: Request) -> HTMLResponse:
    return _analyse_page(request)


@guarded.post("/", response_class=HTMLResponse)
def analyse_submit(
    request: Request,
    text: Annotated[str, Form(max_length=_MAX_FORM_TEXT)] = "",
    url: Annotated[str, Form(max_length=2048)] = "",
    lang: Annotated[str, Form(max_length=8)] = "",
    model: Annotated[str, Form(max_length=100)] = DEFAULT_MODEL,
    ui: Annotated[str, Form(max_length=8)] = "",
) -> Response:
    form = _form(text, url, lang, model)
    if text.strip() and url.strip():
        kind, content = "text", text
    else:
        kind, content = ("url", url.strip()) if url.strip() else ("text", text)
    try:
        analysis = analyse(
            kind,
            content,
            request.app.state.settings,
            lang=lang if lang in SUPPORTED_LANGUAGES else None,
            model=model,
        )
    except SpinscopeError as error:
        return _analyse_page(request, status=422, form=form, error=str(error))
    key = request.app.state.recent.add(analysis)
    suffix = f"?ui={ui}" if ui in ("en", "fr") else ""
    return RedirectResponse(f"/analyses/{key}{suffix}", status_code=303)


@guarded.get("/analyses/{key}.{format}")
def analysis_download(key: str, format: str, request: Request) -> Response:
    analysis = request.app.state.recent.get(key)
    if analysis is None or format not in ("html", "json"):
        return render(request, "message.html", status=404, section="", message_key="not_found")
    return download(analysis, format, f"spinscope-{key[:8]}")


@guarded.get("/analyses/{key}", response_class=HTMLResponse)
def analysis_page(key: str, request: Request) -> HTMLResponse:
    analysis = request.app.state.recent.get(key)
    if analysis is None:
        return render(request, "message.html", status=404, section="", message_key="not_found")
    return _analyse_page(request, analysis=analysis, download_base=f"/analyses/{key}")


def download(analysis: Analysis, format: str, name: str) -> Response:
    """The report as a file to save: sandboxed, so that a browser that opens it in place runs nothing."""
    headers = {
        "Content-Disposition": f'attachment; filename="{name}.{format}"',
        "Content-Security-Policy": "sandbox; default-src 'none'",
    }
    if format == "json":
        return JSONResponse(analysis.model_dump(mode="json"), headers=headers)
    return HTMLResponse(render_html(analysis), headers=headers)


@guarded.get("/corpus", response_class=HTMLResponse)
def corpus_page(
    request: Request,
    filters: Annotated[CorpusFilters, Query()],
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> HTMLResponse:
    reader = request.app.state.corpus
    context: dict[str, object] = {"section": "nav_corpus", "filters": filters, "reader": reader is not None}
    if reader is not None:
        stats = reader.stats(filters)
        found = reader.articles(filters, limit=_PAGE, offset=offset)
        query = urlencode(filters.model_dump(mode="json", exclude_none=True))
        context.update(
            choices=reader.choices(),
            found=found,
            stats=stats,
            charts=charts.dashboard(stats),
            previous=f"/corpus?{query}&offset={max(0, offset - _PAGE)}" if offset > 0 else None,
            next=f"/corpus?{query}&offset={offset + _PAGE}" if offset + _PAGE < found.total else None,
        )
    return render(request, "corpus.html", **context)


@guarded.get("/corpus/articles/{article}.{format}")
def stored_download(article: str, format: str, request: Request) -> Response:
    reader = request.app.state.corpus
    analysis = reader.analysis(article) if reader is not None else None
    if analysis is None or format not in ("html", "json"):
        return render(request, "message.html", status=404, section="nav_corpus", message_key="not_found")
    return download(analysis, format, f"spinscope-{article[:12]}")


@guarded.get("/corpus/articles/{article}", response_class=HTMLResponse)
def stored_page(article: str, request: Request) -> HTMLResponse:
    reader = request.app.state.corpus
    analysis = reader.analysis(article) if reader is not None else None
    if analysis is None:
        return render(request, "message.html", status=404, section="nav_corpus", message_key="not_found")
    return _analyse_page(request, analysis=analysis, download_base=f"/corpus/articles/{article}")


@router.get("/signin", response_class=HTMLResponse)
def signin_form(request: Request) -> HTMLResponse:
    return render(request, "signin.html", section="", error=None)


@router.post("/signin", response_class=HTMLResponse)
def signin(request: Request, key: Annotated[str, Form(max_length=200)] = "") -> Response:
    if request.app.state.keys.verify(key.strip()) is None:
        return render(request, "signin.html", status=401, section="", error="bad_key")
    response = RedirectResponse("/", status_code=303)
    secure = request.url.scheme == "https"
    response.set_cookie(KEY_COOKIE, key.strip(), httponly=True, samesite="strict", secure=secure)
    return response


@router.get("/docs", response_class=HTMLResponse)
def api_reference(request: Request) -> HTMLResponse:
    """The OpenAPI description as a page that needs no script and no CDN."""
    return render(request, "docs.html", section="nav_api", spec=request.app.openapi())


@router.get("/static/{name}")
def asset(name: str) -> Response:
    """The pages' script and stylesheets: the report's own, and this app's."""
    media = {"css": "text/css; charset=utf-8", "js": "text/javascript; charset=utf-8"}
    sources = {
        "report.css": _REPORT_ASSETS / "report.css",
        "report.js": _REPORT_ASSETS / "report.js",
        "serve.css": files("spinscope.serve") / "static" / "serve.css",
    }
    if name not in sources:
        return Response("not found", status_code=404, media_type="text/plain")
    return Response(
        sources[name].read_text(encoding="utf-8"),
        media_type=media[name.rsplit(".", 1)[1]],
        headers={"Cache-Control": "public, max-age=3600"},
    )
