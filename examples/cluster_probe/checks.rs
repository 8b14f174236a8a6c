//! The shared rate limit, and the database going away and coming back.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use reqwest::Client;

use crate::{LIST, ONE, Outcome, listing, run_id};

pub(crate) async fn rate_limit(client: &Client, url: &str, key: &str, limit: usize) -> Outcome {
    let mut served_by: BTreeMap<String, Vec<u16>> = BTreeMap::new();
    let mut statuses = Vec::new();
    for _ in 0..limit + 6 {
        let reply = client
            .get(format!("{url}/v1/reports"))
            .bearer_auth(key)
            .send()
            .await
            .map_err(|e| e.to_string())?;
        let status = reply.status().as_u16();
        if status == 429 && reply.headers().get("retry-after").is_none() {
            return Err("a 429 without Retry-After".into());
        }
        let instance = reply
            .headers()
            .get("x-served-by")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("?")
            .to_owned();
        served_by.entry(instance).or_default().push(status);
        statuses.push(status);
    }
    let allowed = statuses.iter().filter(|s| **s == 200).count();
    let refusing: Vec<&String> = served_by
        .iter()
        .filter(|(_, s)| s.contains(&429))
        .map(|(instance, _)| instance)
        .collect();
    println!(
        "shared rate limit: key limited to {limit}/min, {} requests through nginx: {allowed} allowed, \
         {} refused with 429 + Retry-After, refused by {} instance(s) {refusing:?}",
        statuses.len(),
        statuses.len() - allowed,
        refusing.len()
    );
    let expected: Vec<u16> = (0..statuses.len())
        .map(|i| if i < limit { 200 } else { 429 })
        .collect();
    if statuses != expected {
        return Err(format!("statuses {statuses:?}"));
    }
    if refusing.len() < 2 {
        return Err("the refusals did not come from several instances".into());
    }
    Ok(())
}

/// One request's status, `Retry-After` and time.
async fn timed(request: reqwest::RequestBuilder) -> Result<(u16, bool, Duration), String> {
    let started = Instant::now();
    let reply = request
        .send()
        .await
        .map_err(|e| format!("no answer: {e}"))?;
    Ok((
        reply.status().as_u16(),
        reply.headers().contains_key("retry-after"),
        started.elapsed(),
    ))
}

pub(crate) async fn outage(client: &Client, url: &str, key: &str) -> Outcome {
    let started = Instant::now();
    loop {
        let (status, retry, took) = timed(client.get(format!("{url}/readyz"))).await?;
        if status == 503 && retry && took < Duration::from_secs(2) {
            break;
        }
        if started.elapsed() > Duration::from_secs(3) {
            return Err(format!("/readyz {status} after {:?}", started.elapsed()));
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    println!(
        "database away: /readyz 503 + Retry-After after {:.0} ms",
        started.elapsed().as_secs_f64() * 1000.0
    );
    let mut failures = Vec::new();
    let checks = [
        ("GET /healthz", client.get(format!("{url}/healthz")), 200),
        ("GET list", client.get(format!("{url}{LIST}")), 200),
        (
            "POST /v1/listings",
            client
                .post(format!("{url}/v1/listings"))
                .bearer_auth(key)
                .json(&listing("outage-desk")),
            503,
        ),
        (
            "GET /v1/reports",
            client.get(format!("{url}/v1/reports")).bearer_auth(key),
            503,
        ),
        ("GET one listing", client.get(format!("{url}{ONE}")), 200),
    ];
    for (what, request, expected) in checks {
        let (status, retry, took) = timed(request).await?;
        let verdict = match (status, expected) {
            (s, e) if s == e && (s != 503 || retry) && took < Duration::from_secs(2) => "ok",
            _ => {
                failures.push(format!("{what}: {status} in {took:?}"));
                "FAILED"
            }
        };
        println!(
            "database away: {what}: {status} in {:.0} ms: {verdict}",
            took.as_secs_f64() * 1000.0
        );
    }
    failures
        .is_empty()
        .then_some(())
        .ok_or_else(|| failures.join("; "))
}

pub(crate) async fn recovery(client: &Client, url: &str, key: &str) -> Outcome {
    // Each instance notices within a second (its probe): a client that
    // was told to retry does, until one write is accepted.
    let started = Instant::now();
    let id = format!("recovery-{}", run_id());
    let mut last = 0;
    while started.elapsed() < Duration::from_secs(30) {
        let write = client
            .post(format!("{url}/v1/listings"))
            .bearer_auth(key)
            .json(&listing(&id));
        last = timed(write).await.map(|r| r.0).unwrap_or(0);
        if last == 201 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let writable = started.elapsed();
    let mut ready = 0;
    for _ in 0..6 {
        ready += u32::from(
            timed(client.get(format!("{url}/readyz")))
                .await
                .map(|r| r.0)
                == Ok(200),
        );
    }
    println!(
        "database back: a write accepted after {:.1} s ({last}), /readyz 200 on {ready} of 6 requests",
        writable.as_secs_f64()
    );
    (last == 201 && ready == 6)
        .then_some(())
        .ok_or_else(|| format!("after recovery: write {last}, ready {ready}/6"))
}
