use std::net::TcpListener;

use crate::configuration::Settings;

pub struct Application {
    port: u16,
    listener: TcpListener,
}

impl Application {
    pub async fn build(configuration: Settings) -> Result<Self, std::io::Error> {
        let address = format!(
            "{}:{}",
            configuration.application.host, configuration.application.port
        );
        let listener = TcpListener::bind(address)?;
        let port = listener.local_addr().unwrap().port();
        Ok(Self { port, listener })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    pub async fn run_until_stopped(self) -> Result<(), std::io::Error> {
        let listener = tokio::net::TcpListener::from_std(self.listener)?;
        axum::serve(listener, axum::Router::new()).await
    }
}
