"""The REST API under /v1: analyse an article, run batches into the store, read the store and its counts."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query, Request

from spinscope.analysis import Analysis
from spinscope.serve.api_models import (
    AnalyzeRequest,
    ArticlePage,
    BatchRequest,
    BatchStatus,
    CorpusStats,
    ErrorBody,
)
from spinscope.serve.corpus import CorpusFilters, CorpusReader
from spinscope.serve.runner import analyse
from spinscope.serve.security import check_rate, client_of


def guard(request: Request) -> str:
    """Every /v1 call: a valid key when the server uses keys, then the caller's rate limit."""
    client = client_of(request, request.app.state.keys, request.app.state.keys_required)
    check_rate(request.app.state.limiter, client)
    return client


ERRORS = {
    400: {"model": ErrorBody, "description": "The body is not valid JSON."},
    401: {"model": ErrorBody, "description": "A key is required and none valid was given."},
    404: {"model": ErrorBody, "description": "No such batch or article, or the server has no store."},
    413: {"model": ErrorBody, "description": "The request body is too large."},
    422: {"model": ErrorBody, "description": "The request or its article cannot be analysed."},
    429: {"model": ErrorBody, "description": "Rate limit reached; see Retry-After."},
}

router = APIRouter(prefix="/v1", dependencies=[Depends(guard)], responses=ERRORS)


def _reader(request: Request) -> CorpusReader:
    reader = request.app.state.corpus
    if reader is None:
        raise HTTPException(404, "this server has no store (start it with --store PATH)")
    return reader


@router.post(
    "/analyze",
    response_model=Analysis,
    summary="Analyse one article",
    responses={502: {"model": ErrorBody, "description": "The URL could not be fetched."}},
)
def analyze(body: AnalyzeRequest, request: Request) -> Analysis:
    """The same JSON analysis as `spinscope analyze --format json`, for text, an HTML page or a URL."""
    return analyse(
        body.kind,
        body.content,
        request.app.state.settings,
        lang=body.lang,
        model=body.model,
        layers=body.layers,
    )


@router.post("/batches", response_model=BatchStatus, status_code=202, summary="Start a batch into the store")
def start_batch(body: BatchRequest, request: Request) -> BatchStatus:
    """Analyse many articles in the background into the server's store; poll GET /v1/batches/{id}."""
    _reader(request)
    settings = request.app.state.settings
    if len(body.articles) > settings.max_batch_articles:
        raise HTTPException(422, f"a batch holds at most {settings.max_batch_articles} articles")
    return request.app.state.batches.start(body)


@router.get("/batches/{batch_id}", response_model=BatchStatus, summary="A batch's progress")
def batch_status(batch_id: str, request: Request) -> BatchStatus:
    _reader(request)
    status = request.app.state.batches.status(batch_id)
    if status is None:
        raise HTTPException(404, f"no batch {batch_id!r}")
    return status


Filters = Annotated[CorpusFilters, Query()]


@router.get("/articles", response_model=ArticlePage, summary="Search the stored articles")
def articles(
    filters: Filters,
    request: Request,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> ArticlePage:
    return _reader(request).articles(filters, limit=limit, offset=offset)


@router.get("/articles/{article}", response_model=Analysis, summary="One stored analysis")
def stored_analysis(article: str, request: Request) -> Analysis:
    analysis = _reader(request).analysis(article)
    if analysis is None:
        raise HTTPException(404, f"no article {article!r} in the store")
    return analysis


@router.get("/stats", response_model=CorpusStats, summary="Corpus statistics, under the same filters")
def stats(filters: Filters, request: Request) -> CorpusStats:
    return _reader(request).stats(filters)
