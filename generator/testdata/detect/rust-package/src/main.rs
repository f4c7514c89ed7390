use std::net::TcpListener;

fn main() {
    if std::env::args().any(|a| a == "-healthcheck") {
        return;
    }
    let listener = TcpListener::bind("0.0.0.0:3000").unwrap();
    drop(listener);
}
