//! The client side of `scripts/cluster-test.sh`: measures what a client of
//! the cluster sees, through nginx. The script starts and stops the
//! processes; this program sends the requests and judges the answers,
//! printing one result line per check and exiting 1 when one fails.
//!
//! ```text
//! cluster_probe propagation URL KEY INSTANCE_URL...   worst write-to-every-instance delay
//! cluster_probe load URL KEY STOP_FILE REPORT_FILE      reads + a trickle of writes until STOP_FILE
//! cluster_probe rate-limit URL KEY LIMIT                the N+1st request of a key is refused
//! cluster_probe outage URL KEY                          503 + Retry-After while the database is away
//! cluster_probe recovery URL KEY                        ready and writable again
//! ```

use std::process::ExitCode;
use std::time::{Duration, Instant};

use reqwest::{Client, StatusCode};
use serde_json::{Value, json};

mod checks;
mod load;

use checks::{outage, rate_limit, recovery};
use load::load;

const PROMPT: Duration = Duration::from_millis(250);
pub(crate) const LIST: &str = "/v1/listings?category=real_estate&lang=ja";
pub(crate) const ONE: &str = "/v1/listings/seoul-global-center";

pub(crate) type Outcome = Result<(), String>;

#[tokio::main]
#[expect(
    clippy::expect_used,
    reason = "a test tool: no HTTP client means nothing to probe"
)]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let client = Client::builder()
        .timeout(Duration::from_secs(10))
        .build()
        .expect("a client");
    let outcome = match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        ["propagation", url, key, instances @ ..] => {
            propagation(&client, url, key, instances).await
        }
        ["load", url, key, stop, report] => load(&client, url, key, stop, report).await,
        ["rate-limit", url, key, limit] => match limit.parse() {
            Ok(limit) => rate_limit(&client, url, key, limit).await,
            Err(_) => Err(format!("not a number: {limit}")),
        },
        ["outage", url, key] => outage(&client, url, key).await,
        ["recovery", url, key] => recovery(&client, url, key).await,
        _ => Err("usage: see the comment at the top of examples/cluster_probe.rs".into()),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(why) => {
            println!("FAIL: {why}");
            ExitCode::FAILURE
        }
    }
}

pub(crate) fn listing(id: &str) -> Value {
    json!({
        "id": id,
        "category": "contact_point",
        "city": "seoul",
        "district": "jung",
        "languages": ["en"],
        "texts": {"en": {"name": format!("Cluster probe {}", word(id))}}
    })
}

/// A search word found only in the listing `id`'s name.
fn word(id: &str) -> String {
    format!("probe{}", id.replace('-', ""))
}

pub(crate) fn run_id() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|t| t.as_millis())
        .unwrap_or_default()
}

/// Creates `id` through `url`; retried while the answer is not final, so
/// a write refused by a restarting instance is not lost. `Ok(retries)`.
pub(crate) async fn create(client: &Client, url: &str, key: &str, id: &str) -> Result<u32, String> {
    for attempt in 0..50 {
        let sent = client
            .post(format!("{url}/v1/listings"))
            .bearer_auth(key)
            .json(&listing(id))
            .send()
            .await;
        match sent.map(|reply| reply.status()) {
            Ok(StatusCode::CREATED) => return Ok(attempt),
            // An earlier attempt did commit: the answer was what got lost.
            Ok(StatusCode::CONFLICT) if attempt > 0 => return Ok(attempt),
            Ok(status) if status.is_client_error() && status != StatusCode::TOO_MANY_REQUESTS => {
                return Err(format!("creating {id}: {status}"));
            }
            _ => tokio::time::sleep(Duration::from_millis(100)).await,
        }
    }
    Err(format!("creating {id}: no final answer after 50 attempts"))
}

async fn found(client: &Client, instance: &str, id: &str) -> bool {
    let url = format!("{instance}/v1/listings?q={}&limit=1", word(id));
    match client.get(url).send().await {
        Ok(reply) => reply
            .json::<Value>()
            .await
            .is_ok_and(|body| body["total"] == 1),
        Err(_) => false,
    }
}

/// For each of 100 writes through nginx: from its acknowledgment (it has
/// committed, and its own instance lists it) until every other instance
/// lists it too; and how long the write itself took.
async fn propagation(client: &Client, url: &str, key: &str, instances: &[&str]) -> Outcome {
    let run = run_id();
    let (mut delays, mut writes) = (Vec::new(), Vec::new());
    for n in 0..100 {
        let id = format!("propagation-{run}-{n}");
        let sent = Instant::now();
        create(client, url, key, &id).await?;
        let acknowledged = Instant::now();
        writes.push(acknowledged - sent);
        let waits = instances.iter().map(|instance| {
            let (client, id, instance) = (client.clone(), id.clone(), instance.to_string());
            async move {
                while !found(&client, &instance, &id).await {
                    if acknowledged.elapsed() > Duration::from_secs(5) {
                        return None;
                    }
                    tokio::time::sleep(Duration::from_millis(5)).await;
                }
                Some(acknowledged.elapsed())
            }
        });
        let mut worst = Duration::ZERO;
        for delay in futures_join(waits).await {
            worst = worst.max(delay.ok_or_else(|| format!("{id} never reached an instance"))?);
        }
        delays.push(worst);
    }
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    delays.sort();
    writes.sort();
    let worst = delays[delays.len() - 1];
    println!(
        "propagation: 100 writes through nginx, from acknowledgment until listed by all {} \
         instances: median {:.1} ms, worst {:.1} ms (target < 250 ms); the writes took \
         median {:.1} ms, worst {:.1} ms",
        instances.len(),
        ms(delays[delays.len() / 2]),
        ms(worst),
        ms(writes[writes.len() / 2]),
        ms(writes[writes.len() - 1]),
    );
    (worst < PROMPT)
        .then_some(())
        .ok_or_else(|| format!("worst propagation {worst:?}"))
}

/// Awaits every future of `futures` concurrently.
async fn futures_join<F: std::future::Future<Output = T> + Send + 'static, T: Send + 'static>(
    futures: impl Iterator<Item = F>,
) -> Vec<T> {
    let handles: Vec<_> = futures.map(tokio::spawn).collect();
    let mut out = Vec::with_capacity(handles.len());
    for handle in handles {
        if let Ok(value) = handle.await {
            out.push(value);
        }
    }
    out
}
