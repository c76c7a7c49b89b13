//! Serving the application over HTTP/1.1 on a TCP listener.
//!
//! The accept loop is written out (rather than `axum::serve`) so that a fault rule can close a
//! connection without answering: each connection hands its requests a [`ConnectionCloser`].

use std::convert::Infallible;
use std::io;
use std::net::SocketAddr;
use std::panic::AssertUnwindSafe;
use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::http::Request;
use axum::response::Response;
use axum::Router;
use futures_util::FutureExt;
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Notify;
use tower::ServiceExt;

use crate::config::AppConfig;
use crate::routes::router;
use crate::state::{AppState, SharedState};
use crate::{cors, front};

/// Lets request handling close its own connection without sending a response.
#[derive(Debug, Clone, Default)]
pub struct ConnectionCloser(Arc<Notify>);

impl ConnectionCloser {
    /// Closes the connection; the calling request never completes.
    pub async fn close(&self) -> Response {
        self.0.notify_one();
        std::future::pending().await
    }

    async fn closed(&self) {
        self.0.notified().await;
    }
}

/// The base URL of a listening address, e.g. `http://127.0.0.1:4010`.
pub fn listening_url(address: SocketAddr) -> String {
    format!("http://{address}")
}

/// Serves a new emulator instance configured by `config` on `listener`, until the task is
/// dropped or accepting fails for good.
pub async fn serve(listener: TcpListener, config: AppConfig) -> io::Result<()> {
    let url = listening_url(listener.local_addr()?);
    serve_state(listener, Arc::new(AppState::new(config, &url))).await
}

/// Serves an existing instance on `listener`.
pub async fn serve_state(listener: TcpListener, state: SharedState) -> io::Result<()> {
    let app = router(state);
    loop {
        match listener.accept().await {
            Ok((stream, _peer)) => {
                tokio::spawn(serve_connection(stream, app.clone()));
            }
            // Out of file descriptors and the like: wait for connections to close.
            Err(error) => {
                eprintln!("epcc-emulator: accept failed: {error}");
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
        }
    }
}

async fn serve_connection(stream: TcpStream, app: Router) {
    let _ = stream.set_nodelay(true);
    let closer = ConnectionCloser::default();
    let service = {
        let closer = closer.clone();
        hyper::service::service_fn(move |mut request: Request<Incoming>| {
            request.extensions_mut().insert(closer.clone());
            let app = app.clone();
            async move {
                let outcome = AssertUnwindSafe(app.oneshot(request.map(Body::new)))
                    .catch_unwind()
                    .await;
                Ok::<_, Infallible>(match outcome {
                    Ok(Ok(response)) => response,
                    Ok(Err(never)) => match never {},
                    // Outside what `front` catches (the admin routes, the router itself).
                    Err(_) => cors::decorate(front::internal_error()),
                })
            }
        })
    };
    let connection = http1::Builder::new()
        .timer(TokioTimer::new())
        .serve_connection(TokioIo::new(stream), service);
    tokio::select! {
        _ = connection => {}
        () = closer.closed() => {}
    }
}
