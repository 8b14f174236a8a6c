//! Categories, cities, districts and locales.

use serde_json::json;

use crate::backend_tests;
use crate::helpers::assert_problem;

backend_tests! {
    async fn categories_count_listings_with_plural_labels(app: TestApp) {
        let all = app.get("/v1/categories", None).await.json();
        let codes: Vec<&str> = all["items"].as_array().unwrap().iter().map(|c| c["code"].as_str().unwrap()).collect();
        assert_eq!(codes, ["real_estate", "job_cafe", "incubator", "contact_point"]);
        assert_eq!(all["items"][0]["listing_count"], 224);
        assert_eq!(all["items"][0]["listing_count_label"], "224 listings");

        let belfast = app.get("/v1/categories?city=belfast", None).await.json();
        assert_eq!(belfast["items"][2], json!({
            "code": "incubator", "name": "Startup support", "listing_count": 1, "listing_count_label": "1 listing"
        }));
        assert_eq!(belfast["items"][0]["listing_count_label"], "0 listings");

        let japanese = app.get("/v1/categories?city=belfast", Some("ja")).await.json();
        assert_eq!(japanese["items"][2]["listing_count_label"], "1件");

        let unknown = app.get("/v1/categories?city=atlantis", None).await;
        assert_problem(&unknown, 400, "invalid_parameter");
    }

    async fn cities_come_with_localized_names_and_district_counts(app: TestApp) {
        let cities = app.get("/v1/cities", Some("zh-CN")).await;
        assert_eq!(cities.header("content-language"), "zh-Hans");
        let body = cities.json();
        let names: Vec<&str> = body["items"].as_array().unwrap().iter().map(|c| c["name"].as_str().unwrap()).collect();
        assert_eq!(names, ["首尔", "世宗", "釜山", "贝尔法斯特"]);
        assert_eq!(body["items"][0]["district_count"], 25);
        assert_eq!(body["items"][0]["district_count_label"], "25个区");
        assert_eq!(body["items"][3]["time_zone"], "Europe/London");
        let english = app.get("/v1/cities", None).await.json();
        assert_eq!(english["items"][0]["district_count_label"], "25 districts");
        assert_eq!(english["items"][1]["district_count_label"], "0 districts");
    }

    async fn a_citys_districts_are_listed_and_an_unknown_city_is_404(app: TestApp) {
        let seoul = app.get("/v1/cities/seoul/districts?lang=ko", None).await.json();
        let items = seoul["items"].as_array().unwrap();
        assert_eq!(items.len(), 25);
        let gangnam = items.iter().find(|d| d["code"] == "gangnam").unwrap();
        assert_eq!(gangnam["name"], "강남구");
        assert_eq!(gangnam["city"], json!({"code": "seoul", "name": "서울"}));
        let unknown = app.get("/v1/cities/gotham/districts", Some("ko")).await;
        let problem = assert_problem(&unknown, 404, "city_not_found");
        assert_eq!(problem["detail"], "코드가 “gotham”인 도시가 없습니다.");
    }

    async fn the_shipped_locales_are_listed_by_their_own_names(app: TestApp) {
        let locales = app.get("/v1/locales", Some("ja")).await.json();
        let items = locales["items"].as_array().unwrap();
        let basics: Vec<_> = items
            .iter()
            .map(|l| json!({"code": l["code"], "name": l["name"], "default": l["default"]}))
            .collect();
        assert_eq!(basics, [
            json!({"code": "en", "name": "English", "default": true}),
            json!({"code": "ja", "name": "日本語", "default": false}),
            json!({"code": "ko", "name": "한국어", "default": false}),
            json!({"code": "zh-Hans", "name": "简体中文", "default": false}),
        ]);
        for item in items {
            assert_eq!(item["completeness"], 100.0, "{item}");
            assert_eq!(item["messages_translated"], item["messages_total"], "{item}");
            assert_eq!(item["listings_lacking_text"], 0, "{item}");
        }
        assert_eq!(items[1]["completeness_label"], "100% 翻訳済み");
        assert_eq!(items[1]["listings_lacking_text_label"], "未翻訳のテキストがある掲載情報：0件");
        assert!(locales["reloaded_at"].as_str().is_some_and(|at| at.ends_with('Z')), "{locales}");
        assert_eq!(locales["last_rejected_reload"], serde_json::Value::Null);
    }
}
