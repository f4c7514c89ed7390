pub mod db;

pub type Result<T> = std::result::Result<T, sqlx::Error>;
