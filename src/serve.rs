//! `gap-check serve`: the pipeline behind a small HTTP API for applicant-tracking systems.
//!
//! | route | answer |
//! |---|---|
//! | `POST /v1/reports?target=ROLE&as_of=YYYY-MM-DD&filename=NAME` | the document as the body → its JSON report |
//! | `POST /v1/reports?target=ROLE` with `multipart/form-data` | one report per file part, as NDJSON, in form order |
//! | `GET /v1/roles` | the roles: `id`, `title`, `level` |
//! | `GET /v1/schema` | the JSON Schema of the report |
//! | `GET /healthz` | `{"status": "ok"}` |
//!
//! A document that cannot be read gets its error record (`error.code`, `error.message`) with a 4xx
//! status: 413 too large, 415 unsupported type, 422 anything else about the document. A bad
//! request (unknown role, bad date) is a 400 with `error.code` and `error.message`. The only 5xx is
//! 503 when every extraction slot stays busy past the request timeout.
//!
//! Limits: the request body (`max_body`, checked while it streams in), the number of
//! documents analysed at once (a semaphore), and a per-request deadline. Bodies stay in
//! memory: PDFs go to the extraction worker over a pipe, nothing is written to disk. The log
//! (stderr) has one line per request: method, path without the query, status, time.

use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::{Body, Bytes};
use axum::extract::{DefaultBodyLimit, FromRequest, Multipart, Query, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use http_body_util::BodyExt;
use serde::{Deserialize, Serialize};
use tokio::sync::Semaphore;

use crate::calendar::Date;
use crate::error::{InputError, ReadError};
use crate::ingest::{self, IngestOptions, InputFormat};
use crate::render::json;
use crate::report::{ErrorDetail, ErrorReport, Record, SCHEMA_VERSION};
use crate::{AnalysisOptions, Engine, Target};

/// The JSON Schema served at `/v1/schema`.
pub const SCHEMA: &str = include_str!("../schema/report.schema.json");

/// The name a body's report carries in `input.path` when the request gives no `filename`.
pub const UNNAMED: &str = "upload";

#[derive(Debug, Clone)]
pub struct ServeConfig {
    pub listen: SocketAddr,
    /// Largest request body, in bytes (a multipart form counts whole).
    pub max_body: u64,
    /// Documents analysed at once.
    pub max_concurrent: usize,
    /// Longest a request may take, waiting for a slot included.
    pub timeout: Duration,
    /// The date "Present" means when a request gives no `as_of`; `None` is each document's
    /// own date, else the current date.
    pub as_of: Option<Date>,
    /// How documents are read; its `max_size` is raised to `max_body`.
    pub ingest: IngestOptions,
}

#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error("cannot listen on {addr}: {source}")]
    Bind { addr: SocketAddr, source: std::io::Error },
    #[error("the HTTP server failed: {0}")]
    Server(std::io::Error),
}

struct AppState {
    engine: Arc<Engine>,
    config: ServeConfig,
    slots: Arc<Semaphore>,
}

/// Runs the service until SIGINT or SIGTERM. Once listening, prints
/// `gap-check: listening on http://ADDR` on stderr (with the real port when `listen` asks for
/// port 0).
pub fn serve(engine: Engine, mut config: ServeConfig) -> Result<(), ServeError> {
    config.ingest.max_size = config.max_body;
    config.max_concurrent = config.max_concurrent.max(1);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .max_blocking_threads(config.max_concurrent + 4)
        .build()
        .map_err(ServeError::Server)?;
    runtime.block_on(async move {
        let addr = config.listen;
        let listener = tokio::net::TcpListener::bind(addr).await.map_err(|source| ServeError::Bind { addr, source })?;
        let local = listener.local_addr().map_err(ServeError::Server)?;
        let slots = Arc::new(Semaphore::new(config.max_concurrent));
        let app = router(Arc::new(AppState { engine: Arc::new(engine), config, slots }));
        eprintln!("gap-check: listening on http://{local}");
        if !local.ip().is_loopback() {
            eprintln!("gap-check: warning: {local} is not a loopback address; whoever reaches it can send resumes");
        }
        axum::serve(listener, app).with_graceful_shutdown(shutdown_signal()).await.map_err(ServeError::Server)
    })
}

fn router(state: Arc<AppState>) -> Router {
    Router::new()
        .route("/healthz", get(healthz))
        .route("/v1/roles", get(roles))
        .route("/v1/schema", get(schema))
        .route("/v1/reports", post(reports))
        .fallback(not_found)
        .with_state(state)
        // The body limit is enforced while reading (`read_body`), with an error record.
        .layer(DefaultBodyLimit::disable())
        .layer(axum::middleware::from_fn(log_request))
}

async fn shutdown_signal() {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = interrupt => {},
        _ = terminate => {},
    }
}

/// One line per request; never the query (it may hold a file name) nor any body.
async fn log_request(request: Request, next: axum::middleware::Next) -> Response {
    let started = Instant::now();
    let method = request.method().clone();
    let path = request.uri().path().to_string();
    let response = next.run(request).await;
    eprintln!(
        "gap-check serve: {method} {path} {} {:.1} ms",
        response.status().as_u16(),
        started.elapsed().as_secs_f64() * 1000.0
    );
    response
}

async fn healthz() -> Response {
    json_response(StatusCode::OK, br#"{"status":"ok"}"#.to_vec(), "application/json")
}

#[derive(Serialize)]
struct RoleEntry<'a> {
    id: &'a str,
    title: &'a str,
    level: &'static str,
}

async fn roles(State(state): State<Arc<AppState>>) -> Response {
    let roles: Vec<RoleEntry> = state
        .engine
        .taxonomy()
        .roles
        .iter()
        .map(|r| RoleEntry { id: &r.id, title: &r.title, level: r.level.as_str() })
        .collect();
    json_response(StatusCode::OK, serde_json::to_vec(&roles).unwrap_or_default(), "application/json")
}

async fn schema() -> Response {
    json_response(StatusCode::OK, SCHEMA.as_bytes().to_vec(), "application/schema+json")
}

async fn not_found() -> Response {
    request_error(
        StatusCode::NOT_FOUND,
        "not_found",
        "no such route (see /v1/reports, /v1/roles, /v1/schema, /healthz)",
    )
}

#[derive(Debug, Deserialize)]
struct Params {
    target: Option<String>,
    as_of: Option<String>,
    filename: Option<String>,
}

async fn reports(
    State(state): State<Arc<AppState>>,
    params: Result<Query<Params>, axum::extract::rejection::QueryRejection>,
    request: Request,
) -> Response {
    let deadline = Instant::now() + state.config.timeout;
    let Ok(Query(params)) = params else {
        return request_error(StatusCode::BAD_REQUEST, "bad_request", "the query string cannot be read");
    };
    let options = match analysis_options(&state, &params) {
        Ok(o) => o,
        Err((code, message)) => return request_error(StatusCode::BAD_REQUEST, code, &message),
    };
    let (parts, body) = request.into_parts();
    let content_type = header_str(&parts.headers, header::CONTENT_TYPE);
    let name = params.filename.clone().unwrap_or_else(|| UNNAMED.to_string());
    let remaining = deadline.saturating_duration_since(Instant::now());
    let bytes = match tokio::time::timeout(remaining, read_body(&parts.headers, body, state.config.max_body)).await {
        Ok(Ok(b)) => b,
        Ok(Err(reason)) => return document_error(&name, reason),
        Err(_) => {
            return request_error(
                StatusCode::REQUEST_TIMEOUT,
                "timeout",
                &format!("the request body did not arrive within {} s", state.config.timeout.as_secs()),
            )
        }
    };
    if essence(content_type.as_deref()) == "multipart/form-data" {
        let request = Request::from_parts(parts, Body::from(bytes));
        return match Multipart::from_request(request, &()).await {
            Ok(form) => many_reports(&state, form, options, deadline).await,
            Err(e) => request_error(StatusCode::BAD_REQUEST, "bad_request", &e.body_text()),
        };
    }
    match analyze(&state, name.clone(), content_type, bytes, options, deadline).await {
        Analysis::Done(Record::Report(report)) => {
            let mut body = json::to_json(&Record::Report(report)).into_bytes();
            body.push(b'\n');
            json_response(StatusCode::OK, body, "application/json")
        }
        Analysis::Done(Record::Error(record)) => error_record_response(&record),
        Analysis::Busy => busy(),
    }
}

/// Several documents in one `multipart/form-data` request: every file part is one document
/// (its file name is its `input.path`), answered as NDJSON in form order. A
/// bad document is its error record on its line; the status is 200 and the
/// `x-gap-check-failed` header counts the error records.
async fn many_reports(state: &AppState, mut form: Multipart, options: AnalysisOptions, deadline: Instant) -> Response {
    let mut out = Vec::new();
    let (mut count, mut failed) = (0usize, 0usize);
    loop {
        let field = match form.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => break,
            Err(e) => return request_error(StatusCode::BAD_REQUEST, "bad_request", &e.body_text()),
        };
        // Plain form fields (no file name) are not documents.
        let Some(name) = field.file_name().filter(|n| !n.is_empty()).map(str::to_string) else {
            continue;
        };
        count += 1;
        let content_type = field.content_type().map(str::to_string);
        let bytes = match field.bytes().await {
            Ok(b) => b,
            Err(e) => return request_error(StatusCode::BAD_REQUEST, "bad_request", &e.body_text()),
        };
        let record = match analyze(state, name, content_type, bytes, options.clone(), deadline).await {
            Analysis::Done(record) => record,
            Analysis::Busy => return busy(),
        };
        if matches!(record, Record::Error(_)) {
            failed += 1;
        }
        if json::write_ndjson_line(&mut out, &record).is_err() {
            return request_error(StatusCode::INTERNAL_SERVER_ERROR, "internal", "cannot serialise a report");
        }
    }
    if count == 0 {
        return request_error(StatusCode::BAD_REQUEST, "bad_request", "the form has no file parts");
    }
    let mut response = json_response(StatusCode::OK, out, "application/x-ndjson");
    response.headers_mut().insert("x-gap-check-failed", HeaderValue::from(failed));
    response
}

/// The options a request's query asks for, or the code and message of what is wrong.
fn analysis_options(state: &AppState, params: &Params) -> Result<AnalysisOptions, (&'static str, String)> {
    let taxonomy = state.engine.taxonomy();
    let target = match params.target.as_deref().filter(|t| !t.is_empty()) {
        Some(given) => match taxonomy.find_role(given) {
            Ok(role) => Target::Role(role.id.clone()),
            Err(e) => return Err(("unknown_role", e.to_string())),
        },
        None => Target::BestFit,
    };
    let as_of = match params.as_of.as_deref().filter(|d| !d.is_empty()) {
        Some(text) => match text.parse::<Date>() {
            Ok(d) => Some(d),
            Err(e) => return Err(("bad_date", format!("as_of: {e}"))),
        },
        // None: the document's own date, else today (resolved by the engine).
        None => state.config.as_of,
    };
    Ok(AnalysisOptions { target, as_of })
}

enum Analysis {
    Done(Record),
    /// No extraction slot came free before the deadline.
    Busy,
}

/// One document through the pipeline on a blocking thread, holding one of the slots.
async fn analyze(
    state: &AppState,
    name: String,
    content_type: Option<String>,
    bytes: Bytes,
    options: AnalysisOptions,
    deadline: Instant,
) -> Analysis {
    let fail =
        |name: &str, reason| Analysis::Done(Record::Error(ErrorReport::new(&InputError { path: name.into(), reason })));
    let declared = match declared_format(content_type.as_deref(), &name, &bytes) {
        Ok(d) => d,
        Err(reason) => return fail(&name, reason),
    };
    let remaining = deadline.saturating_duration_since(Instant::now());
    let Ok(Ok(permit)) = tokio::time::timeout(remaining, Arc::clone(&state.slots).acquire_owned()).await else {
        return Analysis::Busy;
    };
    let remaining = deadline.saturating_duration_since(Instant::now());
    let mut ingest = state.config.ingest.clone();
    if let ingest::PdfExtraction::Worker(worker) = &mut ingest.pdf {
        worker.timeout = worker.timeout.min(remaining).max(Duration::from_secs(1));
    }
    let engine = Arc::clone(&state.engine);
    let task = {
        let name = name.clone();
        tokio::task::spawn_blocking(move || {
            let _permit = permit;
            let path = Path::new(&name);
            match ingest::read_bytes(path, &bytes, declared, &ingest) {
                Ok(doc) => Record::Report(Box::new(engine.analyze(&doc, &options))),
                Err(reason) => Record::Error(ErrorReport::new(&InputError { path: path.into(), reason })),
            }
        })
    };
    match tokio::time::timeout(remaining, task).await {
        Ok(Ok(record)) => Analysis::Done(record),
        Ok(Err(_)) => fail(&name, ReadError::ExtractorCrashed("the analysis stopped unexpectedly".into())),
        Err(_) => fail(&name, ReadError::Timeout(state.config.timeout.as_secs())),
    }
}

/// The format a request declares: its content type first, then the file name's extension,
/// then the bytes. `Ok(None)` leaves the choice to `ingest::read_bytes` (PDF by header,
/// otherwise text).
fn declared_format(content_type: Option<&str>, name: &str, bytes: &[u8]) -> Result<Option<InputFormat>, ReadError> {
    let format = match essence(content_type) {
        "application/pdf" => Some(InputFormat::Pdf),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document" => Some(InputFormat::Docx),
        "application/json" => Some(InputFormat::JsonResume),
        "text/plain" => Some(InputFormat::Text),
        "text/markdown" | "text/x-markdown" => Some(InputFormat::Markdown),
        // curl's default for --data-binary is a urlencoded form: no resume is one, so it says
        // nothing about the document.
        "" | "application/octet-stream" | "application/x-www-form-urlencoded" => None,
        other => return Err(ReadError::Unsupported(other.to_string())),
    };
    Ok(format.or_else(|| InputFormat::from_path(Path::new(name))).or_else(|| ingest::sniff(bytes)))
}

/// `text/plain; charset=utf-8` → `text/plain`.
fn essence(content_type: Option<&str>) -> &str {
    content_type.and_then(|c| c.split(';').next()).map(str::trim).unwrap_or("")
}

fn header_str(headers: &HeaderMap, name: header::HeaderName) -> Option<String> {
    headers.get(name).and_then(|v| v.to_str().ok()).map(|s| s.to_ascii_lowercase())
}

/// The whole body, refused as `too_large` as soon as it passes `limit` (by its declared
/// length before anything is read).
async fn read_body(headers: &HeaderMap, body: Body, limit: u64) -> Result<Bytes, ReadError> {
    let declared = header_str(headers, header::CONTENT_LENGTH).and_then(|v| v.parse::<u64>().ok());
    if let Some(size) = declared.filter(|&s| s > limit) {
        return Err(ReadError::TooLarge { size, limit });
    }
    let limited = http_body_util::Limited::new(body, usize::try_from(limit).unwrap_or(usize::MAX));
    match limited.collect().await {
        Ok(collected) => Ok(collected.to_bytes()),
        Err(e) if e.downcast_ref::<http_body_util::LengthLimitError>().is_some() => {
            Err(ReadError::TooLarge { size: declared.unwrap_or(limit + 1), limit })
        }
        Err(e) => Err(ReadError::Io(format!("the request body was cut off ({e})"))),
    }
}

fn json_response(status: StatusCode, body: Vec<u8>, content_type: &'static str) -> Response {
    (status, [(header::CONTENT_TYPE, HeaderValue::from_static(content_type))], body).into_response()
}

/// A document that could not be read: its error record, with the status its reason calls for.
fn error_record_response(record: &ErrorReport) -> Response {
    let status = match record.error.code {
        "too_large" => StatusCode::PAYLOAD_TOO_LARGE,
        "unsupported_format" => StatusCode::UNSUPPORTED_MEDIA_TYPE,
        _ => StatusCode::UNPROCESSABLE_ENTITY,
    };
    let mut body = json::to_json(&Record::Error(record.clone())).into_bytes();
    body.push(b'\n');
    json_response(status, body, "application/json")
}

fn document_error(name: &str, reason: ReadError) -> Response {
    error_record_response(&ErrorReport::new(&InputError { path: name.into(), reason }))
}

#[derive(Serialize)]
struct RequestError {
    schema_version: &'static str,
    error: ErrorDetail,
}

/// A request that is wrong in itself (not a document): `error` (`code`, `message`) and no
/// `input`.
fn request_error(status: StatusCode, code: &'static str, message: &str) -> Response {
    let body =
        RequestError { schema_version: SCHEMA_VERSION, error: ErrorDetail { code, message: message.to_string() } };
    let mut bytes = serde_json::to_vec(&body).unwrap_or_default();
    bytes.push(b'\n');
    json_response(status, bytes, "application/json")
}

fn busy() -> Response {
    let mut response = request_error(
        StatusCode::SERVICE_UNAVAILABLE,
        "busy",
        "every analysis slot stayed busy past the request timeout; retry later",
    );
    response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_content_type_decides_then_the_name_then_the_bytes() {
        let pdf = Some(InputFormat::Pdf);
        assert_eq!(declared_format(Some("application/pdf"), "x.txt", b"hello"), Ok(pdf));
        assert_eq!(declared_format(Some("text/plain; charset=utf-8"), "x.pdf", b"hi"), Ok(Some(InputFormat::Text)));
        assert_eq!(declared_format(Some("text/markdown"), UNNAMED, b"# A"), Ok(Some(InputFormat::Markdown)));
        assert_eq!(declared_format(None, "cv.docx", b"PK"), Ok(Some(InputFormat::Docx)));
        assert_eq!(declared_format(Some("application/octet-stream"), "cv.pdf", b"x"), Ok(pdf));
        assert_eq!(declared_format(None, UNNAMED, b"PK\x03\x04rest"), Ok(Some(InputFormat::Docx)));
        assert_eq!(declared_format(None, UNNAMED, b"  {\"basics\": {}}"), Ok(Some(InputFormat::JsonResume)));
        assert_eq!(declared_format(None, UNNAMED, b"Jane\nData Engineer"), Ok(None));
        assert_eq!(
            declared_format(Some("image/png"), "x.png", b"\x89PNG"),
            Err(ReadError::Unsupported("image/png".into()))
        );
    }
}
