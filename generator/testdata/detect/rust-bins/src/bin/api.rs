fn main() {
    let port = std::env::var("PORT").unwrap_or_else(|_| "9090".to_string());
    if std::env::args().any(|a| a == "--health") {
        return;
    }
    println!("{}", port);
}
