//! `GET /embed/listings`: the widget city web sites frame.

use foreign_resident_directory::config::FrameAncestors;
use foreign_resident_directory::domain::Category;

use crate::backend_tests;
use crate::helpers::{TestApp, insert_listing, test_listing};

/// (locale, page heading, real-estate category label, "phone" label)
const LOCALES: [(&str, &str, &str, &str); 4] = [
    (
        "en",
        "Services for foreign residents",
        "Global real-estate office",
        "Phone",
    ),
    (
        "ja",
        "外国人住民のための窓口・施設",
        "グローバル不動産仲介事務所",
        "電話",
    ),
    (
        "ko",
        "외국인 주민을 위한 기관·시설",
        "글로벌 부동산 중개사무소",
        "전화",
    ),
    (
        "zh-Hans",
        "外籍居民服务机构",
        "全球房地产中介事务所",
        "电话",
    ),
];

/// Every `<script` in the page, which must be our one inline script.
fn script_tags(html: &str) -> usize {
    html.matches("<script").count()
}

backend_tests! {
    async fn the_widget_speaks_all_four_locales_with_lang_and_dir(app: TestApp) {
        for (locale, heading, real_estate, phone) in LOCALES {
            let reply = app.get(&format!("/embed/listings?lang={locale}&category=real_estate"), None).await;
            assert_eq!(reply.status, 200, "{}", reply.text);
            assert_eq!(reply.header("content-type"), "text/html; charset=utf-8");
            assert_eq!(reply.header("content-language"), locale);
            let html = &reply.text;
            assert!(html.starts_with(&format!("<!DOCTYPE html><html lang=\"{locale}\" dir=\"ltr\">")), "{html}");
            assert!(html.contains(&format!("<h1>{heading}</h1>")), "{locale}");
            assert!(html.contains(&format!("aria-current=\"page\">{real_estate}</a>")), "{locale}");
            assert!(html.contains(&format!("<dt>{phone}</dt>")), "{locale}");
            for landmark in ["<header>", "<nav aria-label=", "<main id=\"results\""] {
                assert!(html.contains(landmark), "{locale}: {landmark}");
            }
        }
    }

    async fn listings_show_phone_map_hours_languages_and_window(app: TestApp) {
        let html = app.get("/embed/listings?category=incubator&lang=en&limit=100", None).await.text;
        assert!(html.contains("href=\"tel:+82-2-718-1170\">+82-2-718-1170</a>"), "{html}");
        assert!(html.contains("<dt>Applications</dt><dd>Applications closed on 2018-03-30</dd>"), "{html}");
        let offices = app.get("/embed/listings?category=real_estate&language=ja", None).await.text;
        assert!(offices.contains("href=\"https://www.openstreetmap.org/?mlat=37."), "a map link");
        assert!(offices.contains("<dt>Languages spoken</dt><dd><ul class=\"langs\">"), "spoken languages");
        assert!(offices.contains("<li>Japanese</li>"), "spoken languages");
        assert!(offices.contains("Sample listing for demonstration"), "stand-ins say so");
        assert!(offices.contains("<dt>Opening hours</dt><dd>"), "the stand-ins' sample hours, described");
    }

    async fn a_listing_named_like_a_script_is_shown_as_text(app: TestApp) {
        let mut probe = test_listing("aaa-xss-probe", Category::ContactPoint, "<script>alert(1)</script>");
        probe.website = Some("javascript:alert(2)".into());
        probe.opening_hours = Some("\"><img src=x onerror=alert(3)>".into());
        app.change_data(insert_listing(probe)).await;

        let reply = app.get("/embed/listings?category=contact_point&limit=100", None).await;
        assert_eq!(reply.status, 200);
        let html = &reply.text;
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;</h2>"), "{html}");
        assert!(html.contains("&quot;&gt;&lt;img src=x onerror=alert(3)&gt;"), "{html}");
        assert!(!html.contains("<script>alert"), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(!html.contains("javascript:"), "a javascript: address is never a link");
        assert_eq!(script_tags(html), 1, "only the widget's own script");
    }

    async fn the_page_is_self_contained_and_its_inline_code_hashed(app: TestApp) {
        let reply = app.get("/embed/listings?lang=ko", None).await;
        // `hreflang` alternates are links browsers do not fetch; any other
        // `<link>` (a style sheet, a preload) would load from elsewhere.
        let html = &reply.text.replace("<link rel=\"alternate\"", "");
        for external in ["<link", " src=", "@import", "url("] {
            assert!(!html.contains(external), "{external}");
        }
        let policy = reply.header("content-security-policy");
        assert!(policy.starts_with("default-src 'none'; style-src 'sha256-"), "{policy}");
        assert!(policy.contains("script-src 'sha256-"), "{policy}");
        assert!(!policy.contains("unsafe-inline"), "{policy}");
        assert!(policy.ends_with("frame-ancestors 'self'"), "{policy}");
        assert!(html.contains("new ResizeObserver"), "reports its height");
        assert!(html.contains("postMessage({type:\"directory-embed:height\""), "{html}");
    }

    async fn pagination_links_keep_the_filters_locale_and_look(app: TestApp) {
        let first = app
            .get("/embed/listings?category=real_estate&language=ja&limit=10&lang=ko&theme=dark&accent=%23ffd700", None)
            .await;
        assert_eq!(first.status, 200, "{}", first.text);
        let html = &first.text;
        assert!(html.contains("color-scheme:dark"), "dark theme");
        assert!(html.contains("--accent:#ffd700"), "yellow is readable on dark");
        let kept = "?category=real_estate&amp;language=ja&amp;limit=10&amp;lang=ko&amp;theme=dark&amp;accent=ffd700&amp;cursor=";
        let start = html.find(kept).unwrap_or_else(|| panic!("{html}"));
        let end = start + html[start..].find('"').unwrap();
        assert!(html[end..].starts_with("\" rel=\"next\">다음 페이지</a>"), "the next link");
        let href = html[start..end].replace("&amp;", "&");
        let second = app.get(&format!("/embed/listings{href}"), None).await;
        assert_eq!(second.status, 200);
        assert!(second.text.contains(">첫 페이지</a>"), "a way back to the first page");
    }

    async fn bad_parameters_are_localized_html_pages_with_status_400(app: TestApp) {
        let theme = app.get("/embed/listings?theme=blue&lang=ja", None).await;
        assert_eq!(theme.status, 400);
        assert_eq!(theme.header("content-type"), "text/html; charset=utf-8");
        assert!(theme.text.contains("<h2>パラメータが不正です</h2>"), "{}", theme.text);
        assert!(theme.text.contains("「blue」"), "{}", theme.text);
        assert!(theme.header("etag").is_empty(), "errors carry no ETag");
        let accent = app.get("/embed/listings?accent=red", None).await;
        assert_eq!(accent.status, 400);
        assert!(accent.text.contains("The value of “accent” is not in the expected form."), "{}", accent.text);
        let limit = app.get("/embed/listings?limit=500&lang=zh-Hans", None).await;
        assert_eq!(limit.status, 400);
        assert!(limit.text.contains("<html lang=\"zh-Hans\""), "{}", limit.text);
        let escaped = app.get("/embed/listings?category=%3Cscript%3E", None).await;
        assert_eq!(escaped.status, 400);
        assert!(escaped.text.contains("“&lt;script&gt;”"), "{}", escaped.text);
    }

    async fn a_low_contrast_accent_is_darkened_on_the_light_theme(app: TestApp) {
        let html = app.get("/embed/listings?accent=ffd700", None).await.text;
        assert!(!html.contains("--accent:#ffd700"), "yellow on white is 1.4:1");
        assert!(html.contains("--accent:#"), "{html}");
    }
}

#[tokio::test]
async fn frame_ancestors_come_from_the_configuration() {
    let sites = "https://www.seoul.go.kr https://*.busan.go.kr";
    let app = TestApp::spawn_sqlite_with(|settings| {
        settings.embed_frame_ancestors = FrameAncestors::parse(sites).unwrap();
    })
    .await;
    let reply = app.get("/embed/listings", None).await;
    let policy = reply.header("content-security-policy");
    assert!(
        policy.ends_with(&format!("frame-ancestors {sites}")),
        "{policy}"
    );
    let error = app.get("/embed/listings?theme=x", None).await;
    assert!(error.header("content-security-policy").ends_with(sites));
}
