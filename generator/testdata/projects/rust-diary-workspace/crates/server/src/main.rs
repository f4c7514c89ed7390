mod views;

use std::path::PathBuf;

use axum::{Router, response::Redirect, routing::get};
use tower_http::{services::ServeDir, trace::TraceLayer};

fn env_or(key: &str, default: &str) -> String {
    return std::env::var(key).unwrap_or_else(|_| default.to_string());
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let data_dir = PathBuf::from(env_or("DATA_DIR", "data"));
    let images_dir = match std::env::var("FILE_STORAGE") {
        Ok(dir) => PathBuf::from(dir),
        Err(_) => data_dir.join("images"),
    };
    let (write, _read) = domain::db::connect(&data_dir.join("diary.db")).await?;
    let _ = write;

    // Content-addressed, so a given URL can never change what it returns.
    let blobs = Router::new().fallback_service(ServeDir::new(&images_dir));

    let app = Router::new()
        .route("/", get(|| async { Redirect::to("/admin") }))
        .nest("/img", blobs)
        .layer(TraceLayer::new_for_http());

    // 0.0.0.0 because this runs in a container; publish it as
    // -p 127.0.0.1:3000:3000 so only the reverse proxy can reach it.
    let addr = env_or("BIND_ADDR", "0.0.0.0:3000");
    let listener = tokio::net::TcpListener::bind(&addr).await?;
    tracing::info!(%addr, "listening");

    axum::serve(listener, app).await?;

    return Ok(());
}
