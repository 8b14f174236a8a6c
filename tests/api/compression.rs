//! `br` and `gzip` by `Accept-Encoding`, with their own validators.

use std::io::Read;

use crate::backend_tests;
use crate::helpers::{Reply, TestApp};

const LIST: &str = "/v1/listings?limit=100";

async fn fetch(app: &TestApp, path: &str, encoding: Option<&str>) -> Reply {
    let mut request = app.client.get(app.url(path));
    if let Some(encoding) = encoding {
        request = request.header("Accept-Encoding", encoding);
    }
    app.send(request).await
}

fn decode(encoding: &str, body: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    match encoding {
        "br" => brotli::Decompressor::new(body, 4096)
            .read_to_end(&mut out)
            .unwrap(),
        "gzip" => flate2::read::GzDecoder::new(body)
            .read_to_end(&mut out)
            .unwrap(),
        other => panic!("{other}"),
    };
    out
}

backend_tests! {
    async fn json_lists_shrink_at_least_fourfold_with_br_and_gzip(app: TestApp) {
        let identity = fetch(&app, LIST, None).await;
        assert_eq!(identity.status, 200);
        assert!(identity.header("content-encoding").is_empty());
        for encoding in ["br", "gzip"] {
            let coded = fetch(&app, LIST, Some(encoding)).await;
            assert_eq!(coded.status, 200);
            assert_eq!(coded.header("content-encoding"), encoding);
            let ratio = identity.body.len() as f64 / coded.body.len() as f64;
            eprintln!("{encoding}: {} -> {} bytes, {ratio:.1}x", identity.body.len(), coded.body.len());
            assert!(coded.body.len() * 4 <= identity.body.len(), "{encoding}: only {ratio:.1}x");
            assert_eq!(decode(encoding, &coded.body), identity.body, "{encoding} decodes to the same JSON");
        }
    }

    async fn a_coded_body_has_its_own_strong_etag_and_revalidates(app: TestApp) {
        let identity = fetch(&app, LIST, None).await;
        let plain_tag = identity.header("etag");
        let brotli = fetch(&app, LIST, Some("br")).await;
        let coded_tag = brotli.header("etag");
        assert_eq!(coded_tag, format!("{}-br\"", plain_tag.trim_end_matches('"')));
        let revalidated = app
            .send(app.client.get(app.url(LIST)).header("Accept-Encoding", "br").header("If-None-Match", coded_tag))
            .await;
        assert_eq!(revalidated.status, 304);
        assert_eq!(revalidated.header("etag"), coded_tag);
        let widget = fetch(&app, "/embed/listings?lang=ja", Some("gzip")).await;
        assert_eq!(widget.header("content-encoding"), "gzip");
        assert!(widget.header("etag").ends_with("-gzip\""));
    }
}
