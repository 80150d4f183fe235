//! `gap-check serve`: the pipeline behind a small HTTP API for applicant-tracking systems.
//!
//! | route | answer |
//! |---|---|
//! | `POST /v1/reports?target=ROLE&as_of=YYYY-MM-DD&filename=NAME` | the document as the body → its JSON report |
//! | `POST /v1/reports?target=ROLE` with `multipart/form-data` | one report per file part, as NDJSON, in form order |
//! | `POST /v1/reports` with a `posting` part or field in the form | the same, measured against that job posting |
//! | `GET /v1/roles` | the roles: `id`, `title`, `level` |
//! | `GET /v1/schema` | the JSON Schema of the report |
//! | `GET /healthz` | `{"status": "ok"}` |
//!
//! A document that cannot be read gets its error record (`error.code`, `error.message`) with a 4xx
//! status: 413 too large, 415 unsupported type, 422 anything else about the document. A bad
//! request (unknown role, bad date) is a 400 with `error.code` and `error.message`. The only 5xx is
//! 503 when every extraction slot stays busy past the request timeout.
//!
//! Limits (docs/security.md lists each with its flag, default and status): the request body
//! (`max_body`, checked while it streams in), the bytes of all bodies held at once
//! (`body_budget`, 503 past it), the file parts of one form (`max_parts`, 413 past it), the
//! number of documents analysed at once (a semaphore), a per-request deadline that stops the
//! analysis too (cooperatively, [`crate::deadline`]), the number of open connections
//! (`max_connections`), the time to send a request's headers, which is also how long an idle
//! keep-alive connection stays open (`header_timeout`), and the time a connection may move no
//! byte at all (`idle_timeout`). A form's reports are streamed, one NDJSON line as each part
//! finishes, so a reply is never built in memory. Bodies stay in memory: PDFs go to the
//! extraction worker over a pipe, nothing is written to disk. The log (stderr) has one line
//! per request: method, path without the query, status, time.

use std::net::SocketAddr;
use std::path::Path;
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use axum::body::{Body, Bytes};
use axum::extract::{DefaultBodyLimit, FromRequest, Multipart, Query, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode, Version};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use http_body::Frame;
use http_body_util::BodyExt;
use serde::{Deserialize, Serialize};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::sync::{mpsc, OwnedSemaphorePermit, Semaphore};

use crate::calendar::Date;
use crate::error::{InputError, ReadError};
use crate::ingest::{self, IngestOptions, InputFormat};
use crate::render::json;
use crate::report::{ErrorReport, Record, RequestErrorBody, RequestErrorDetail, SCHEMA_VERSION};
use crate::{AnalysisOptions, Engine, Options, Source, Target};

/// The JSON Schema served at `/v1/schema`.
pub const SCHEMA: &str = include_str!("../schema/report.schema.json");

/// The name a body's report carries in `input.path` when the request gives no `filename`.
pub const UNNAMED: &str = "upload";

/// The form part (a file) or field (text) that holds the job posting to measure the other
/// parts against.
pub const POSTING_FIELD: &str = "posting";

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
    /// File parts one multipart form may hold.
    pub max_parts: usize,
    /// Bytes of request bodies held in memory at once, all requests together.
    pub body_budget: u64,
    /// Connections open at once; past it a new connection gets a 503 and is closed.
    pub max_connections: usize,
    /// Time to send a request's headers, and the longest an idle keep-alive connection waits
    /// for its next request.
    pub header_timeout: Duration,
    /// A connection on which no byte is read or written for this long is closed.
    pub idle_timeout: Duration,
}

/// File parts of one form, unless `--max-parts` says otherwise: an applicant-tracking system
/// sends a handful at a time, and each part's report is tens of kilobytes.
pub const DEFAULT_MAX_PARTS: usize = 100;
/// Bytes of bodies held at once: with the 50 MiB body limit, two full uploads and change. A
/// form also holds a copy of the part being analysed, so bodies cost at most twice this;
/// with the analysis of `max_concurrent` documents the service stays under 512 MiB.
pub const DEFAULT_BODY_BUDGET: u64 = 128 << 20;
pub const DEFAULT_HEADER_TIMEOUT: Duration = Duration::from_secs(10);
/// Past the request timeout (so a slow analysis is not cut) by this much.
pub const IDLE_GRACE: Duration = Duration::from_secs(10);

/// Connections open at once by default: half of the descriptors the process may open (the
/// rest is for the listener, the PDF workers' pipes and the log), between 16 and 1024.
pub fn default_max_connections() -> usize {
    #[cfg(unix)]
    {
        let mut limit = libc::rlimit { rlim_cur: 0, rlim_max: 0 };
        // SAFETY: getrlimit writes the struct it is given and reads nothing else.
        if unsafe { libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) } == 0 {
            return usize::try_from(limit.rlim_cur / 2).unwrap_or(1024).clamp(16, 1024);
        }
    }
    256
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
    /// The body budget in KiB permits: a request holds what its body has taken so far.
    budget: Arc<Semaphore>,
}

/// KiB permits for `bytes` bytes, rounded up.
fn kib(bytes: u64) -> u64 {
    bytes.div_ceil(1024)
}

/// Runs the service until SIGINT or SIGTERM. Once listening, prints
/// `gap-check: listening on http://ADDR` on stderr (with the real port when `listen` asks for
/// port 0).
pub fn serve(engine: Engine, mut config: ServeConfig) -> Result<(), ServeError> {
    config.ingest.max_size = config.max_body;
    config.max_concurrent = config.max_concurrent.max(1);
    config.max_connections = config.max_connections.max(1);
    config.max_parts = config.max_parts.max(1);
    // One body of the largest size allowed always fits.
    config.body_budget = config.body_budget.max(config.max_body);
    // One thread for the connections: the analyses, and writing out their reports, run on
    // the blocking threads, and what is left (parsing requests, copying bodies) is small
    // beside them. A runtime of a thread per core woke a second thread to look for work at
    // each request, on the cores the analysis needs (issue 25: a PDF over HTTP cost 1.10x
    // the same PDF in a batch, 1.07x with one thread; the load test's rate is the same).
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .max_blocking_threads(config.max_concurrent + 4)
        .build()
        .map_err(ServeError::Server)?;
    runtime.block_on(async move {
        let addr = config.listen;
        let listener = tokio::net::TcpListener::bind(addr).await.map_err(|source| ServeError::Bind { addr, source })?;
        let local = listener.local_addr().map_err(ServeError::Server)?;
        let slots = Arc::new(Semaphore::new(config.max_concurrent));
        let budget_kib = usize::try_from(kib(config.body_budget)).unwrap_or(usize::MAX).min(Semaphore::MAX_PERMITS);
        let budget = Arc::new(Semaphore::new(budget_kib));
        let state = Arc::new(AppState { engine: Arc::new(engine), config, slots, budget });
        let app = router(Arc::clone(&state));
        eprintln!("gap-check: listening on http://{local}");
        if !local.ip().is_loopback() {
            eprintln!("gap-check: warning: {local} is not a loopback address; whoever reaches it can send resumes");
        }
        accept_loop(listener, app, &state.config).await;
        Ok(())
    })
}

/// Accepts connections until SIGINT or SIGTERM, each served by hyper's HTTP/1 with the
/// header timeout, under the connection cap and the idle watchdog. On shutdown, connections
/// finish the request they are on (up to the request timeout) and close.
async fn accept_loop(listener: tokio::net::TcpListener, app: Router, config: &ServeConfig) {
    let connections = Arc::new(Semaphore::new(config.max_connections));
    let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
    let shutdown = shutdown_signal();
    tokio::pin!(shutdown);
    let mut tasks = tokio::task::JoinSet::new();
    loop {
        let stream = tokio::select! {
            _ = &mut shutdown => break,
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                // Out of descriptors (EMFILE) or a connection reset before it was taken:
                // wait a moment instead of spinning on the error.
                Err(_) => {
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
        };
        while tasks.try_join_next().is_some() {}
        let Ok(permit) = Arc::clone(&connections).try_acquire_owned() else {
            refuse(&stream);
            continue;
        };
        let (app, stop, header_timeout, idle) =
            (app.clone(), stop_rx.clone(), config.header_timeout, config.idle_timeout);
        tasks.spawn(async move {
            let _permit = permit;
            serve_connection(stream, app, stop, header_timeout, idle).await;
        });
    }
    let _ = stop_tx.send(true);
    let wait = config.timeout + Duration::from_secs(2);
    let _ = tokio::time::timeout(wait, async { while tasks.join_next().await.is_some() {} }).await;
}

/// The answer to a connection over the cap, written without waiting (it fits any socket
/// buffer) before the socket is closed.
fn refuse(stream: &tokio::net::TcpStream) {
    const BODY: &str = "{\"error\":{\"code\":\"busy\",\"message\":\"too many open connections; retry later\"}}\n";
    let response = format!(
        "HTTP/1.1 503 Service Unavailable\r\ncontent-type: application/json\r\nretry-after: 1\r\nconnection: close\r\ncontent-length: {}\r\n\r\n{BODY}",
        BODY.len()
    );
    let _ = stream.try_write(response.as_bytes());
}

async fn serve_connection(
    stream: tokio::net::TcpStream,
    app: Router,
    mut stop: tokio::sync::watch::Receiver<bool>,
    header_timeout: Duration,
    idle: Duration,
) {
    let started = Instant::now();
    let last = Arc::new(AtomicU64::new(0));
    let io = Watched { inner: stream, started, last: Arc::clone(&last) };
    let service = hyper_util::service::TowerToHyperService::new(app);
    let mut builder = hyper::server::conn::http1::Builder::new();
    builder
        .timer(hyper_util::rt::TokioTimer::new())
        .header_read_timeout(header_timeout)
        // hyper's read buffer caps the request head; the body streams through it.
        .max_buf_size(64 * 1024);
    let conn = builder.serve_connection(hyper_util::rt::TokioIo::new(io), service);
    tokio::pin!(conn);
    let mut stopping = false;
    loop {
        let quiet_since = started + Duration::from_millis(last.load(Ordering::Relaxed));
        tokio::select! {
            _ = conn.as_mut() => return,
            _ = tokio::time::sleep_until((quiet_since + idle).into()) => {
                if started + Duration::from_millis(last.load(Ordering::Relaxed)) + idle <= Instant::now() {
                    // No byte either way for `idle`: a client that stopped reading its reply
                    // or sending its body. Dropping the connection closes the socket.
                    return;
                }
            }
            changed = stop.changed(), if !stopping => {
                stopping = true;
                if changed.is_ok() {
                    conn.as_mut().graceful_shutdown();
                }
            }
        }
    }
}

/// A socket that notes when a byte last moved either way, for the idle watchdog.
struct Watched {
    inner: tokio::net::TcpStream,
    started: Instant,
    /// Milliseconds from `started` to the last read or write that moved a byte.
    last: Arc<AtomicU64>,
}

impl Watched {
    fn touch(&self) {
        let ms = u64::try_from(self.started.elapsed().as_millis()).unwrap_or(u64::MAX);
        self.last.store(ms, Ordering::Relaxed);
    }
}

impl AsyncRead for Watched {
    fn poll_read(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<std::io::Result<()>> {
        let before = buf.filled().len();
        let result = Pin::new(&mut self.inner).poll_read(cx, buf);
        if matches!(result, Poll::Ready(Ok(()))) && buf.filled().len() > before {
            self.touch();
        }
        result
    }
}

impl AsyncWrite for Watched {
    fn poll_write(mut self: Pin<&mut Self>, cx: &mut Context<'_>, data: &[u8]) -> Poll<std::io::Result<usize>> {
        let result = Pin::new(&mut self.inner).poll_write(cx, data);
        if matches!(result, Poll::Ready(Ok(n)) if n > 0) {
            self.touch();
        }
        result
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[std::io::IoSlice<'_>],
    ) -> Poll<std::io::Result<usize>> {
        let result = Pin::new(&mut self.inner).poll_write_vectored(cx, bufs);
        if matches!(result, Poll::Ready(Ok(n)) if n > 0) {
            self.touch();
        }
        result
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}

fn router(state: Arc<AppState>) -> Router {
    Router::new()
        .route("/healthz", get(healthz))
        .route("/v1/roles", get(roles))
        .route("/v1/schema", get(schema))
        .route("/v1/reports", post(reports))
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .with_state(state)
        // The body limit is enforced while reading (`read_body`), with an error record.
        .layer(DefaultBodyLimit::disable())
        .layer(axum::middleware::from_fn(require_host))
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

/// HTTP/1.1 requires a `Host` header (RFC 9112, section 3.2): a request without one is a 400.
async fn require_host(request: Request, next: axum::middleware::Next) -> Response {
    if request.version() == Version::HTTP_11 && !request.headers().contains_key(header::HOST) {
        return request_error(StatusCode::BAD_REQUEST, "bad_request", "an HTTP/1.1 request needs a Host header");
    }
    next.run(request).await
}

async fn method_not_allowed(request: Request) -> Response {
    let allowed = if request.uri().path() == "/v1/reports" { "POST" } else { "GET" };
    let mut response = request_error(
        StatusCode::METHOD_NOT_ALLOWED,
        "method_not_allowed",
        &format!("{} takes {allowed} only", request.uri().path()),
    );
    response.headers_mut().insert(header::ALLOW, HeaderValue::from_static(allowed));
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

/// The query parameters `/v1/reports` knows; any other is a 400 that lists these (a typo
/// such as `targt=` must not silently measure against no target).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Params {
    target: Option<String>,
    as_of: Option<String>,
    filename: Option<String>,
    /// `true`: analyse a document that does not read as a resume instead of refusing it.
    keep_non_resumes: Option<bool>,
}

async fn reports(
    State(state): State<Arc<AppState>>,
    params: Result<Query<Params>, axum::extract::rejection::QueryRejection>,
    request: Request,
) -> Response {
    let deadline = Instant::now() + state.config.timeout;
    let params = match params {
        Ok(Query(params)) => params,
        Err(e) => {
            let message = format!("the query string cannot be read: {}", e.body_text());
            return request_error(StatusCode::BAD_REQUEST, "bad_request", &message);
        }
    };
    let options = match request_options(&state, &params, deadline) {
        Ok(o) => o,
        Err((code, message)) => return request_error(StatusCode::BAD_REQUEST, code, &message),
    };
    let (parts, body) = request.into_parts();
    let content_type = header_str(&parts.headers, header::CONTENT_TYPE);
    let name = params.filename.clone().unwrap_or_else(|| UNNAMED.to_string());
    let remaining = deadline.saturating_duration_since(Instant::now());
    let read = read_body(&parts.headers, body, state.config.max_body, &state.budget);
    let (bytes, held) = match tokio::time::timeout(remaining, read).await {
        Ok(Ok(b)) => b,
        Ok(Err(BodyError::TooLarge(reason))) => return document_error(&name, reason),
        Ok(Err(BodyError::Busy)) => return busy_budget(state.config.body_budget),
        Ok(Err(BodyError::Malformed(message))) => {
            return request_error(StatusCode::BAD_REQUEST, "bad_request", &message)
        }
        Err(_) => {
            return request_error(
                StatusCode::REQUEST_TIMEOUT,
                "timeout",
                &format!("the request body did not arrive within {} s", state.config.timeout.as_secs()),
            )
        }
    };
    if essence(content_type.as_deref()) == "multipart/form-data" {
        return many_reports(Arc::clone(&state), parts, bytes, held, options, deadline).await;
    }
    let answer = match analyze(&state, name.clone(), content_type, bytes, &options, record_response).await {
        Analysis::Done(response) => response,
        Analysis::Busy => busy(),
    };
    drop(held);
    answer
}

/// A multipart form over the bytes received. The request's extensions come along: they
/// carry `DefaultBodyLimit::disable()`, without which the extractor refuses forms over 2 MB
/// (the body limit is `read_body`'s).
async fn form(headers: &HeaderMap, extensions: &axum::http::Extensions, bytes: Bytes) -> Result<Multipart, Response> {
    let mut request = Request::new(Body::new(Sliced { bytes }));
    *request.headers_mut() = headers.clone();
    *request.extensions_mut() = extensions.clone();
    Multipart::from_request(request, &())
        .await
        .map_err(|e| request_error(StatusCode::BAD_REQUEST, "bad_request", &e.body_text()))
}

/// Several documents in one `multipart/form-data` request: every file part is one document
/// (its file name is its `input.path`), answered as NDJSON in form order, each line sent as
/// its part finishes. The form is checked whole first (well formed, at least one and at most
/// `max_parts` file parts: 400 or 413 before any analysis), so the status is 200 once lines
/// flow; a bad document is its error record on its line. `x-gap-check-parts` gives the number
/// of lines to expect, and the trailer `x-gap-check-failed` (sent to a client that asks with
/// `TE: trailers`) counts the error records. Parts not reached by the request deadline get a
/// `timeout` error record without being analysed; a client that stops reading holds the work
/// back until the idle watchdog closes its connection.
async fn many_reports(
    state: Arc<AppState>,
    request: axum::http::request::Parts,
    bytes: Bytes,
    held: OwnedSemaphorePermit,
    mut options: Options,
    deadline: Instant,
) -> Response {
    let mut count = 0usize;
    // The job posting to measure against, when the form carries one (a `posting` part).
    let mut posting: Option<(String, Option<String>, Bytes)> = None;
    let mut first = match form(&request.headers, &request.extensions, bytes.clone()).await {
        Ok(f) => f,
        Err(response) => return response,
    };
    loop {
        match first.next_field().await {
            Ok(Some(field)) if field.name() == Some(POSTING_FIELD) => {
                if posting.is_some() {
                    return request_error(StatusCode::BAD_REQUEST, "bad_request", "the form has more than one posting");
                }
                let name = field.file_name().filter(|n| !n.is_empty()).unwrap_or(POSTING_FIELD).to_string();
                let content_type = field.content_type().map(str::to_string);
                match field.bytes().await {
                    Ok(bytes) => posting = Some((name, content_type, bytes)),
                    Err(e) => return request_error(StatusCode::BAD_REQUEST, "bad_request", &e.body_text()),
                }
            }
            Ok(Some(field)) => {
                // Plain form fields (no file name) are not documents.
                if field.file_name().is_some_and(|n| !n.is_empty()) {
                    count += 1;
                }
                if count > state.config.max_parts {
                    return request_error(
                        StatusCode::PAYLOAD_TOO_LARGE,
                        "too_many_parts",
                        &format!(
                            "the form has more than {} file parts (send fewer per request, or raise --max-parts)",
                            state.config.max_parts
                        ),
                    );
                }
            }
            Ok(None) => break,
            Err(e) => return request_error(StatusCode::BAD_REQUEST, "bad_request", &e.body_text()),
        }
    }
    if count == 0 {
        return request_error(StatusCode::BAD_REQUEST, "bad_request", "the form has no file parts");
    }
    if let Some((name, content_type, bytes)) = posting {
        if !matches!(options.analysis.target, Target::BestFit) {
            return request_error(
                StatusCode::BAD_REQUEST,
                "bad_request",
                "give the target either as `target=` or as a `posting` part, not both",
            );
        }
        options.analysis.target = match posting_target(&state, name, content_type, bytes, &options).await {
            Ok(target) => target,
            Err(response) => return response,
        };
    }
    let mut second = match form(&request.headers, &request.extensions, bytes).await {
        Ok(f) => f,
        Err(response) => return response,
    };
    // Two lines in flight at most: a client reading slowly holds back the work, not memory.
    let (tx, rx) = mpsc::channel::<Frame<Bytes>>(2);
    let timeout_secs = state.config.timeout.as_secs();
    tokio::spawn(async move {
        let _held = held;
        let mut failed = 0usize;
        // The parts of one form are a batch: a part that repeats an earlier one is flagged
        // as the CLI flags it (`input.duplicate_of`), in form order.
        let mut duplicates = crate::batch::Duplicates::new();
        while let Ok(Some(field)) = second.next_field().await {
            if field.name() == Some(POSTING_FIELD) {
                continue;
            }
            let Some(name) = field.file_name().filter(|n| !n.is_empty()).map(str::to_string) else {
                continue;
            };
            let late = |name: &str| {
                Record::Error(ErrorReport::new(&InputError {
                    path: name.into(),
                    reason: ReadError::TookTooLong(timeout_secs),
                }))
            };
            let mut record = if Instant::now() >= deadline {
                late(&name)
            } else {
                let content_type = field.content_type().map(str::to_string);
                match field.bytes().await {
                    Ok(bytes) => {
                        match analyze(&state, name.clone(), content_type, bytes, &options, std::convert::identity).await
                        {
                            Analysis::Done(record) => record,
                            Analysis::Busy => late(&name),
                        }
                    }
                    Err(_) => break,
                }
            };
            duplicates.mark(&mut record);
            failed += usize::from(matches!(record, Record::Error(_)));
            let mut line = Vec::new();
            if json::write_ndjson_line(&mut line, &record).is_err() {
                break;
            }
            // Waits while the client does not read: no work is done meanwhile, and a client
            // that never reads again is cut by the idle watchdog, which ends the stream here.
            if tx.send(Frame::data(Bytes::from(line))).await.is_err() {
                return;
            }
        }
        let mut trailers = HeaderMap::new();
        trailers.insert("x-gap-check-failed", HeaderValue::from(failed));
        let _ = tx.send(Frame::trailers(trailers)).await;
    });
    let mut response = Response::new(Body::new(ChannelBody { rx }));
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/x-ndjson"));
    headers.insert("x-gap-check-parts", HeaderValue::from(count));
    headers.insert(header::TRAILER, HeaderValue::from_static("x-gap-check-failed"));
    response
}

/// The received body handed to the form parser in 64 KiB slices (no copy): fed one piece,
/// the parser would copy the whole body into its own buffer; fed slices, it holds only the
/// part it is on.
struct Sliced {
    bytes: Bytes,
}

impl http_body::Body for Sliced {
    type Data = Bytes;
    type Error = std::convert::Infallible;

    fn poll_frame(mut self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<Option<Result<Frame<Bytes>, Self::Error>>> {
        if self.bytes.is_empty() {
            return Poll::Ready(None);
        }
        let n = self.bytes.len().min(64 * 1024);
        Poll::Ready(Some(Ok(Frame::data(self.bytes.split_to(n)))))
    }
}

/// A response body fed line by line by the task that analyses a form.
struct ChannelBody {
    rx: mpsc::Receiver<Frame<Bytes>>,
}

impl http_body::Body for ChannelBody {
    type Data = Bytes;
    type Error = std::convert::Infallible;

    fn poll_frame(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Result<Frame<Bytes>, Self::Error>>> {
        self.rx.poll_recv(cx).map(|frame| frame.map(Ok))
    }
}

/// The options a request's query asks for, or the code and message of what is wrong: the
/// service's ingest settings, with the request's deadline. `target=` names a role only (a
/// posting comes in the form, never as a path the server would read).
fn request_options(state: &AppState, params: &Params, deadline: Instant) -> Result<Options, (&'static str, String)> {
    let target = match params.target.as_deref().filter(|t| !t.is_empty()) {
        Some(given) => state.engine.target_role(given).map_err(|e| (e.code(), e.to_string()))?,
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
    // The PDF worker's settings stay those of the service, so that each blocking thread
    // keeps one worker for every request; the request's deadline bounds the wait for its
    // answer and stops the worker at the deadline.
    let mut ingest = state.config.ingest.clone();
    // A late document's error says the service's limit, not what was left of it.
    ingest.timeout = Some(state.config.timeout);
    let analysis = AnalysisOptions { target, as_of, keep_non_resumes: params.keep_non_resumes.unwrap_or(false) };
    Ok(Options { deadline: Some(deadline), ..Options::new(analysis, ingest) })
}

enum Analysis<T> {
    /// The record, or what `finish` made of it on the analysis thread.
    Done(T),
    /// No extraction slot came free before the deadline.
    Busy,
}

/// `work` on a blocking thread, holding one of the slots, under the request's deadline:
/// `None` when no slot came free before it.
async fn blocking<T: Send + 'static>(
    state: &AppState,
    deadline: Instant,
    work: impl FnOnce(&Engine) -> T + Send + 'static,
) -> Option<Result<T, ReadError>> {
    let timeout_secs = state.config.timeout.as_secs();
    let remaining = deadline.saturating_duration_since(Instant::now());
    let Ok(Ok(permit)) = tokio::time::timeout(remaining, Arc::clone(&state.slots).acquire_owned()).await else {
        return None;
    };
    let remaining = deadline.saturating_duration_since(Instant::now());
    let engine = Arc::clone(&state.engine);
    let task = tokio::task::spawn_blocking(move || {
        let _permit = permit;
        work(&engine)
    });
    // The stages stop shortly after the deadline (the engine sets it on this thread); the
    // grace covers that, and only a stage that never checks would be answered for here
    // while its thread still runs.
    Some(match tokio::time::timeout(remaining + Duration::from_secs(2), task).await {
        Ok(Ok(done)) => Ok(done),
        Ok(Err(_)) => Err(ReadError::ExtractorCrashed("the analysis stopped unexpectedly".into())),
        Err(_) => Err(ReadError::TookTooLong(timeout_secs)),
    })
}

/// One document through [`Engine::run`] on a blocking thread, holding one of the slots, and
/// `finish` on its record there too: the one connection thread only moves bytes, while the
/// reports of concurrent requests are written out on their own threads, by the thread that
/// built each (and so freed by the thread that allocated it).
async fn analyze<T: Send + 'static>(
    state: &AppState,
    name: String,
    content_type: Option<String>,
    bytes: Bytes,
    options: &Options,
    finish: fn(Record) -> T,
) -> Analysis<T> {
    let fail = |name: &str, reason| {
        Analysis::Done(finish(Record::Error(ErrorReport::new(&InputError { path: name.into(), reason }))))
    };
    let format = match declared_format(content_type.as_deref(), &name, &bytes) {
        Ok(d) => d,
        Err(reason) => return fail(&name, reason),
    };
    let deadline = options.deadline.unwrap_or_else(|| Instant::now() + state.config.timeout);
    let options = options.clone();
    let task = {
        let name = name.clone();
        move |engine: &Engine| finish(engine.run(&Source::Bytes { name: &name, bytes: &bytes, format }, &options))
    };
    match blocking(state, deadline, task).await {
        Some(Ok(done)) => Analysis::Done(done),
        Some(Err(reason)) => fail(&name, reason),
        None => Analysis::Busy,
    }
}

/// The form's `posting` part read into the target, with the same reader as the CLI's
/// `--target posting.txt`, or the response that says why it cannot be one.
async fn posting_target(
    state: &AppState,
    name: String,
    content_type: Option<String>,
    bytes: Bytes,
    options: &Options,
) -> Result<Target, Response> {
    let refuse = |code: &'static str, message: String| {
        let status = match code {
            "too_large" => StatusCode::PAYLOAD_TOO_LARGE,
            "unsupported_format" => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            _ => StatusCode::UNPROCESSABLE_ENTITY,
        };
        request_error(status, code, &format!("posting: {message}"))
    };
    let format = declared_format(content_type.as_deref(), &name, &bytes)
        .map_err(|reason| refuse(reason.code(), format!("{name}: {reason}")))?;
    let deadline = options.deadline.unwrap_or_else(|| Instant::now() + state.config.timeout);
    let as_of = options.analysis.as_of;
    let ingest = options.ingest.clone();
    let work = move |engine: &Engine| {
        let _deadline = crate::deadline::Guard::until(Some(deadline));
        let read = engine.read_posting_source(&Source::Bytes { name: &name, bytes: &bytes, format }, &ingest, as_of);
        if crate::deadline::expired() {
            return Err(("timeout", "the posting was not read before the request timeout".to_string()));
        }
        read.map_err(|e| (e.code(), e.to_string()))
    };
    match blocking(state, deadline, work).await {
        Some(Ok(Ok(posting))) => Ok(Target::Posting(Arc::new(posting))),
        Some(Ok(Err((code, message)))) => Err(refuse(code, message)),
        Some(Err(reason)) => Err(refuse(reason.code(), reason.to_string())),
        None => Err(busy()),
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
        "application/vnd.oasis.opendocument.text" => Some(InputFormat::Odt),
        "application/rtf" | "text/rtf" => Some(InputFormat::Rtf),
        "text/html" | "application/xhtml+xml" => Some(InputFormat::Html),
        "application/msword" => Some(InputFormat::Doc),
        "image/png" => Some(InputFormat::Png),
        "image/jpeg" => Some(InputFormat::Jpeg),
        "image/tiff" => Some(InputFormat::Tiff),
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

enum BodyError {
    /// Over `max_body`: the document's `too_large` error record, 413.
    TooLarge(ReadError),
    /// The body budget is spent by other requests: 503.
    Busy,
    /// Cut off, or a malformed chunked encoding: 400.
    Malformed(String),
}

/// The whole body, refused as `too_large` as soon as it passes `limit` (by its declared
/// length before anything is read). Every byte held counts against the shared `budget`
/// (KiB permits, all reserved up front when the length is declared); the permit returned
/// holds them until the caller drops it with the bytes.
async fn read_body(
    headers: &HeaderMap,
    mut body: Body,
    limit: u64,
    budget: &Arc<Semaphore>,
) -> Result<(Bytes, OwnedSemaphorePermit), BodyError> {
    let declared = header_str(headers, header::CONTENT_LENGTH).and_then(|v| v.parse::<u64>().ok());
    if let Some(size) = declared.filter(|&s| s > limit) {
        return Err(BodyError::TooLarge(ReadError::TooLarge { size, limit }));
    }
    let take = |kib: u64| {
        let kib = u32::try_from(kib).map_err(|_| BodyError::Busy)?;
        Arc::clone(budget).try_acquire_many_owned(kib).map_err(|_| BodyError::Busy)
    };
    let mut held = take(kib(declared.unwrap_or(0)))?;
    let mut bytes = Vec::with_capacity(usize::try_from(declared.unwrap_or(0)).unwrap_or(0));
    while let Some(frame) = body.frame().await {
        let frame =
            frame.map_err(|e| BodyError::Malformed(format!("the request body is malformed or cut off ({e})")))?;
        let Ok(data) = frame.into_data() else { continue };
        let size = (bytes.len() + data.len()) as u64;
        if size > limit {
            return Err(BodyError::TooLarge(ReadError::TooLarge { size: declared.unwrap_or(size), limit }));
        }
        let more = kib(size).saturating_sub(held.num_permits() as u64);
        if more > 0 {
            held.merge(take(more)?);
        }
        bytes.extend_from_slice(&data);
    }
    Ok((Bytes::from(bytes), held))
}

/// The response to a request for one document: its report, or its error record with the
/// status the error's reason calls for.
fn record_response(record: Record) -> Response {
    let status = match &record {
        Record::Report(_) => StatusCode::OK,
        Record::Error(e) => match e.error.code {
            "too_large" => StatusCode::PAYLOAD_TOO_LARGE,
            "unsupported_format" => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            _ => StatusCode::UNPROCESSABLE_ENTITY,
        },
    };
    let mut body = json::to_json(&record).into_bytes();
    body.push(b'\n');
    json_response(status, body, "application/json")
}

fn json_response(status: StatusCode, body: Vec<u8>, content_type: &'static str) -> Response {
    (status, [(header::CONTENT_TYPE, HeaderValue::from_static(content_type))], body).into_response()
}

fn document_error(name: &str, reason: ReadError) -> Response {
    record_response(Record::Error(ErrorReport::new(&InputError { path: name.into(), reason })))
}

fn busy_budget(budget: u64) -> Response {
    let mut response = request_error(
        StatusCode::SERVICE_UNAVAILABLE,
        "busy",
        &format!("the server holds {} MiB of request bodies already; retry later", budget >> 20),
    );
    response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
    response
}

/// A request that is wrong in itself (not a document): `error` (`code`, `message`) and no
/// `input`.
fn request_error(status: StatusCode, code: &'static str, message: &str) -> Response {
    // The published codes (schema/http-error.schema.json); a new one is added there first.
    debug_assert!(crate::report::schema::request_error_codes().contains(&code), "unpublished error code {code}");
    let body = RequestErrorBody {
        schema_version: SCHEMA_VERSION,
        error: RequestErrorDetail { code, message: message.to_string() },
    };
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
        assert_eq!(declared_format(Some("image/png"), "x.png", b"\x89PNG"), Ok(Some(InputFormat::Png)));
        assert_eq!(declared_format(Some("application/rtf"), UNNAMED, b"{\\rtf1"), Ok(Some(InputFormat::Rtf)));
        assert_eq!(
            declared_format(Some("image/gif"), "x.gif", b"GIF89a"),
            Err(ReadError::Unsupported("image/gif".into()))
        );
    }
}
