"""``POST /sources`` and ``DELETE /sources/{id}``: documents added and removed while serving."""

from __future__ import annotations

from typing import Annotated

from fastapi import FastAPI, File, HTTPException, Path, Response, UploadFile
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, Field

from assistant.api.models import ErrorResponse, responses
from assistant.ingest.library import MAX_FILES, Library, Upload, UploadError

UPLOAD_ERRORS = {
    400: {"model": ErrorResponse, "description": "The body is not well-formed multipart/form-data."},
    **responses(401, 413, 422, 429, 503),
    415: {"model": ErrorResponse, "description": "A file of a type that can't be read; `detail` names it."},
}


class AddedSource(BaseModel):
    id: str = Field(description="The article id citations use (the file name without its extension, made safe).")
    title: str = Field(description="The document's own title (metadata, <title>, first heading) or else its file name.")
    chunks_added: int = Field(description="Passages embedded for it (0 when the same text was already indexed).")
    facts: int = Field(description="Structured facts about it in the index.")


class AddedSources(BaseModel):
    sources: list[AddedSource]


def install(app: FastAPI, library: Library) -> None:
    """Register the routes that change the corpus."""

    @app.post(
        "/sources",
        tags=["sources"],
        status_code=201,
        summary="Add documents",
        description=f"Multipart upload of one to {MAX_FILES} `file` fields: `.pdf`, `.html`, `.docx`, `.md` (YAML front matter) "
        "or `.txt`. Each is stored in the corpus folder and indexed; the response comes once they can be cited. A file whose "
        "id exists replaces that article. 413 for a file over the size limit, 415 for a type that can't be read, 422 for a "
        "file that can't be read (a damaged or empty file, a scan without text); `detail` names the file, and nothing is "
        "changed by a request that fails.",
        response_model=AddedSources,
        responses=UPLOAD_ERRORS,
    )
    async def add_sources(file: Annotated[list[UploadFile], File(description="The documents, one `file` field each.")]) -> AddedSources:
        uploads = [Upload(f.filename or "upload", f.file) for f in file]
        try:
            added = await run_in_threadpool(library.add, uploads)
        except UploadError as exc:
            raise HTTPException(exc.status, exc.detail) from None
        return AddedSources(sources=[AddedSource(**vars(a)) for a in added])

    @app.delete(
        "/sources/{article_id}",
        tags=["sources"],
        status_code=204,
        summary="Remove an article",
        description="The article, its passages and its facts leave the index (and its file the corpus folder); "
        "its facts are also taken out of the facts file. 404 if there is no such article.",
        response_class=Response,
        responses=responses(401, 404, 422, 429, 503),
    )
    async def remove_source(article_id: str = Path(description="The article id, as in `GET /sources`.", max_length=300)) -> Response:
        try:
            await run_in_threadpool(library.remove, article_id)
        except UploadError as exc:
            raise HTTPException(exc.status, exc.detail) from None
        return Response(status_code=204)
