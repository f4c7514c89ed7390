#[tokio::test]
async fn health_check_works() {
    // the test database is migrated with the embedded migrations
    let _migrator = sqlx::migrate!("./migrations");
}
