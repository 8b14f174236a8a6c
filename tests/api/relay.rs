//! A TCP relay between an app and PostgreSQL that a test cuts (every
//! connection closed, new ones refused) and restores: "PostgreSQL
//! stopped" without stopping the machine's PostgreSQL, which other tests
//! and engineers share.

use std::net::SocketAddr;
use std::time::Duration;

use tokio::net::{TcpListener, TcpSocket, TcpStream};
use tokio::sync::watch;

/// A running relay; stopped when dropped.
pub struct Relay {
    /// The port apps connect to instead of PostgreSQL's.
    pub port: u16,
    open: watch::Sender<bool>,
}

impl Relay {
    /// Relays 127.0.0.1:<new port> to `target`, on a thread of its own so
    /// that it keeps relaying whatever the test's runtime is doing.
    pub fn start(target: SocketAddr) -> Relay {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        drop(listener);
        let (open, control) = watch::channel(true);
        std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            runtime.block_on(serve(port, target, control));
        });
        // Wait until it listens.
        for _ in 0..100 {
            if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
                break;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        Relay { port, open }
    }

    /// Closes every relayed connection and refuses new ones.
    pub async fn cut(&self) {
        self.open.send_replace(false);
        // The relay thread closes its sockets within a few milliseconds.
        tokio::time::sleep(Duration::from_millis(100)).await;
    }

    /// Accepts and relays again.
    pub async fn restore(&self) {
        self.open.send_replace(true);
        for _ in 0..100 {
            if TcpStream::connect(("127.0.0.1", self.port)).await.is_ok() {
                return;
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        panic!("the relay did not listen again");
    }
}

fn bind(port: u16) -> std::io::Result<TcpListener> {
    let socket = TcpSocket::new_v4()?;
    socket.set_reuseaddr(true)?;
    socket.bind(SocketAddr::from(([127, 0, 0, 1], port)))?;
    socket.listen(128)
}

/// Listens while open; closing the listener is what makes connection
/// attempts fail at once, as with a stopped server.
async fn serve(port: u16, target: SocketAddr, mut open: watch::Receiver<bool>) {
    loop {
        if open.wait_for(|open| *open).await.is_err() {
            return;
        }
        let Ok(listener) = bind(port) else {
            tokio::time::sleep(Duration::from_millis(10)).await;
            continue;
        };
        loop {
            tokio::select! {
                accepted = listener.accept() => {
                    if let Ok((inbound, _)) = accepted {
                        tokio::spawn(pipe(inbound, target, open.clone()));
                    }
                }
                changed = open.changed() => {
                    if changed.is_err() {
                        return;
                    }
                    if !*open.borrow() {
                        break;
                    }
                }
            }
        }
    }
}

async fn pipe(mut inbound: TcpStream, target: SocketAddr, mut open: watch::Receiver<bool>) {
    let Ok(mut outbound) = TcpStream::connect(target).await else {
        return;
    };
    tokio::select! {
        _ = tokio::io::copy_bidirectional(&mut inbound, &mut outbound) => {}
        _ = open.wait_for(|open| !*open) => {}
    }
}
