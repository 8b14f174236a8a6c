//! `/v1/listings` and `/v1/listings/{id}`.

use std::collections::HashSet;

use serde_json::Value;

use crate::backend_tests;
use crate::helpers::assert_problem;

fn ids(page: &Value) -> Vec<String> {
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| item["id"].as_str().unwrap().to_owned())
        .collect()
}

backend_tests! {
    async fn job_cafes_are_listed_with_korean_labels(app: TestApp) {
        let reply = app.get("/v1/listings?category=job_cafe", Some("ko-KR,ko;q=0.9,en;q=0.5")).await;
        assert_eq!(reply.status, 200, "{}", reply.text);
        assert_eq!(reply.header("content-language"), "ko");
        assert!(reply.header("vary").contains("Accept-Language"));
        let page = reply.json();
        let items = page["items"].as_array().unwrap();
        assert!(!items.is_empty());
        assert_eq!(page["total"], items.len());
        for item in items {
            assert_eq!(item["category"], serde_json::json!({"code": "job_cafe", "name": "일자리카페"}));
            assert_eq!(item["city"]["name"], "서울");
            assert_eq!(item["content_locale"], "ko");
        }
        let cafes = items.iter().find(|i| i["id"] == "seoul-job-cafes").unwrap();
        assert_eq!(cafes["name"], "서울시 일자리카페");
        assert_eq!(cafes["eligibility"]["age_label"], "만 18~39세");
        assert_eq!(
            cafes["capacity"]["labels"],
            serde_json::json!(["2~10인용", "1인 1일 최대 3시간"])
        );
    }

    async fn the_language_filter_reports_the_published_split(app: TestApp) {
        for (language, total) in [("ja", 44), ("zh", 7), ("en", 182), ("ru", 1), ("vi", 1)] {
            let page = app
                .get(&format!("/v1/listings?category=real_estate&language={language}"), None)
                .await
                .json();
            assert_eq!(page["total"], total, "{language}");
            for item in page["items"].as_array().unwrap() {
                let spoken: Vec<&str> = item["languages"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|l| l["code"].as_str().unwrap())
                    .collect();
                assert!(spoken.contains(&language), "{item}");
            }
        }
        let sample_offices = app.get("/v1/listings?category=real_estate&limit=1", None).await.json();
        assert_eq!(sample_offices["total"], 224, "223 sample offices and the programme itself");
    }

    async fn a_cursor_walk_visits_every_listing_once_in_id_order(app: TestApp) {
        let mut seen = Vec::new();
        let mut next = String::from("/v1/listings?limit=37");
        let mut pages = 0;
        loop {
            let page = app.get(&next, None).await.json();
            pages += 1;
            seen.extend(ids(&page));
            match page["next_cursor"].as_str() {
                Some(cursor) => next = format!("/v1/listings?limit=37&cursor={cursor}"),
                None => {
                    assert_eq!(page["total"], seen.len());
                    break;
                }
            }
        }
        let unique: HashSet<&String> = seen.iter().collect();
        assert_eq!(unique.len(), seen.len(), "no listing twice");
        let mut sorted = seen.clone();
        sorted.sort();
        assert_eq!(sorted, seen);
        assert_eq!(pages, seen.len().div_ceil(37));
    }

    async fn filters_combine(app: TestApp) {
        let page = app
            .get("/v1/listings?city=seoul&district=gangnam&category=real_estate&limit=100&lang=zh-Hans", None)
            .await
            .json();
        let items = page["items"].as_array().unwrap();
        assert!(!items.is_empty());
        for item in items {
            assert_eq!(item["district"], serde_json::json!({"code": "gangnam", "name": "江南区"}));
            assert_eq!(item["category"]["code"], "real_estate");
        }
        let belfast = app.get("/v1/listings?city=belfast", None).await.json();
        assert!(belfast["items"].as_array().unwrap().iter().all(|i| i["city"]["code"] == "belfast"));
        assert_eq!(belfast["total"], 1);
    }

    async fn a_listing_is_served_whole_in_the_requested_locale(app: TestApp) {
        let reply = app.get("/v1/listings/seoul-global-startup-center?lang=ja", None).await;
        assert_eq!(reply.status, 200, "{}", reply.text);
        assert_eq!(reply.header("content-language"), "ja");
        let listing = reply.json();
        assert_eq!(listing["id"], "seoul-global-startup-center");
        assert_eq!(listing["category"], serde_json::json!({"code": "incubator", "name": "創業支援"}));
        assert_eq!(listing["district"], serde_json::json!({"code": "yongsan", "name": "ヨンサン（龍山）区"}));
        assert_eq!(listing["phone"], "+82-2-718-1170");
        assert_eq!(listing["email"], "apply@seoulgsc.com");
        assert_eq!(listing["website"], "http://seoulgsc.com");
        assert_eq!(listing["content_locale"], "ja");
        assert_eq!(listing["sample"], false);
        assert_eq!(listing["source"], "001_3249afde089393de.txt");
        assert_eq!(
            listing["application_window"],
            serde_json::json!({
                "opens_at": "2018-02-27T15:00:00Z",
                "closes_at": "2018-03-30T08:00:00Z",
                "status": {"code": "closed", "name": "受付終了"},
                "phrase": "2018年3月30日に受付終了"
            })
        );
        assert_eq!(
            listing["residency"],
            serde_json::json!({
                "months": 12,
                "max_months": 36,
                "labels": ["入居期間12か月", "延長を含め最長36か月"]
            })
        );
        // 13 teams were resident: the document gives occupancy, not a capacity.
        assert!(listing["capacity"]["labels"].is_null(), "{}", listing["capacity"]);
    }

    async fn an_unknown_listing_is_a_localized_404(app: TestApp) {
        let reply = app.get("/v1/listings/no-such-place", Some("ja")).await;
        let problem = assert_problem(&reply, 404, "listing_not_found");
        assert_eq!(problem["detail"], "ID「no-such-place」の掲載情報はありません。");
        assert_eq!(problem["instance"], "/v1/listings/no-such-place");
        assert_eq!(reply.header("content-language"), "ja");
        let malformed = app.get("/v1/listings/NOT%20A%20SLUG", None).await;
        assert_problem(&malformed, 404, "listing_not_found");
    }
}
