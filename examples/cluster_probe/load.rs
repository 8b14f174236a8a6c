//! A rolling restart as clients see it: steady reads and a trickle of
//! writes through nginx, until the script says the restarts are done.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::Duration;

use reqwest::{Client, StatusCode};

use crate::{LIST, ONE, Outcome, create, run_id};

pub(crate) async fn load(
    client: &Client,
    url: &str,
    key: &str,
    stop: &str,
    report: &str,
) -> Outcome {
    let stopping = Arc::new(AtomicBool::new(false));
    let reads = Arc::new(AtomicU64::new(0));
    let failures = Arc::new(Failures::default());
    let mut readers = Vec::new();
    for n in 0..8 {
        let (client, url) = (client.clone(), url.to_owned());
        let (stopping, reads, failures) = (stopping.clone(), reads.clone(), failures.clone());
        readers.push(tokio::spawn(async move {
            let paths = [LIST, ONE, "/healthz"];
            let mut i = n;
            while !stopping.load(Ordering::Relaxed) {
                let path = paths[i % paths.len()];
                i += 1;
                match client.get(format!("{url}{path}")).send().await {
                    Ok(reply) if reply.status().is_success() => {
                        let _ = reply.bytes().await;
                        reads.fetch_add(1, Ordering::Relaxed);
                    }
                    Ok(reply) => failures.add(format!("{path} {}", reply.status())),
                    Err(error) => failures.add(format!("{path} {error}")),
                }
                // Steady, not saturating: the restarts need the cores too.
                tokio::time::sleep(Duration::from_millis(2)).await;
            }
        }));
    }
    let run = run_id();
    let (mut written, mut retried) = (Vec::new(), 0);
    while !std::path::Path::new(stop).exists() {
        let id = format!("trickle-{run}-{}", written.len());
        retried += create(client, url, key, &id).await?;
        written.push(id);
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    stopping.store(true, Ordering::Relaxed);
    for reader in readers {
        let _ = reader.await;
    }
    let mut lost = Vec::new();
    for id in &written {
        let reply = client.get(format!("{url}/v1/listings/{id}")).send().await;
        if !reply.is_ok_and(|reply| reply.status() == StatusCode::OK) {
            lost.push(id.clone());
        }
    }
    let failed = failures.take();
    let summary = format!(
        "rolling restart under load: {} reads, {} failed; {} writes acknowledged ({} retried), {} lost\n",
        reads.load(Ordering::Relaxed),
        failed.values().sum::<u64>(),
        written.len(),
        retried,
        lost.len()
    );
    print!("{summary}");
    let _ = std::fs::write(report, &summary);
    if !failed.is_empty() || !lost.is_empty() {
        return Err(format!("failed reads {failed:?}, lost writes {lost:?}"));
    }
    Ok(())
}

/// Failed reads by kind, from many tasks.
#[derive(Default)]
struct Failures(Mutex<BTreeMap<String, u64>>);

impl Failures {
    fn add(&self, what: String) {
        if let Ok(mut map) = self.0.lock() {
            *map.entry(what).or_default() += 1;
        }
    }

    fn take(&self) -> BTreeMap<String, u64> {
        self.0.lock().map(|map| map.clone()).unwrap_or_default()
    }
}
