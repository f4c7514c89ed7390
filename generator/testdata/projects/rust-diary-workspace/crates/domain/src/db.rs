use std::path::Path;

use sqlx::{SqlitePool, sqlite::{SqliteConnectOptions, SqlitePoolOptions}};

use crate::Result;

/// Opens the database, applies the migrations, and hands back a (write, read)
/// pair of pools.
pub async fn connect(db_path: &Path) -> Result<(SqlitePool, SqlitePool)> {
    let options = SqliteConnectOptions::new().filename(db_path).create_if_missing(true);
    let write = SqlitePoolOptions::new().max_connections(1).connect_with(options.clone()).await?;
    let read = SqlitePoolOptions::new().max_connections(4).connect_with(options).await?;

    sqlx::migrate!("./migrations").run(&write).await?;

    return Ok((write, read));
}
