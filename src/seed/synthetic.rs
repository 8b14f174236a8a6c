//! Synthetic listings for load tests (`directory generate --count N`):
//! deterministic, spread over the cities with Seoul's districts, in all
//! four locales, with opening hours and application windows so that every
//! discovery filter has work to do. Every one is `sample`, says "Sample
//! data" in its summary, has no real name, and a phone number in the
//! unallocated +82-2-0xxx range. Street and name words follow the shared
//! benchmark generator (`../shared/bench-data/gen_data.py`).

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, Utc};

use super::random::SplitMix64;
use crate::domain::geo::GeoPoint;
use crate::domain::{ApplicationWindow, Capacity, Category, City, Listing, ListingId, ListingText};

/// Road names: English, Korean, Japanese, Chinese.
const ROADS: [[&str; 4]; 15] = [
    ["Sejong-daero", "세종대로", "世宗大路", "世宗大路"],
    ["Teheran-ro", "테헤란로", "テヘラン路", "德黑兰路"],
    ["Hangang-daero", "한강대로", "漢江大路", "汉江大路"],
    ["Eulji-ro", "을지로", "乙支路", "乙支路"],
    ["Toegye-ro", "퇴계로", "退渓路", "退溪路"],
    ["Olympic-ro", "올림픽로", "オリンピック路", "奥林匹克路"],
    ["Dosan-daero", "도산대로", "島山大路", "岛山大路"],
    ["Mapo-daero", "마포대로", "麻浦大路", "麻浦大路"],
    ["Yanghwa-ro", "양화로", "楊花路", "杨花路"],
    ["Dongil-ro", "동일로", "東一路", "东一路"],
    ["Siheung-daero", "시흥대로", "始興大路", "始兴大路"],
    ["Nambusunhwan-ro", "남부순환로", "南部循環路", "南部循环路"],
    ["Cheonggyecheon-ro", "청계천로", "清渓川路", "清溪川路"],
    ["Jong-ro", "종로", "鍾路", "钟路"],
    ["Gangnam-daero", "강남대로", "江南大路", "江南大路"],
];

/// Name prefixes: English, Korean, Japanese, Chinese.
const PREFIXES: [[&str; 4]; 11] = [
    ["Haengbok", "행복", "幸福", "幸福"],
    ["Mirae", "미래", "未来", "未来"],
    ["Hangang", "한강", "漢江", "汉江"],
    ["Daehan", "대한", "大韓", "大韩"],
    ["Jeil", "제일", "第一", "第一"],
    ["Eutteum", "으뜸", "ウトゥム", "优等"],
    ["Pureun", "푸른", "プルン", "青蓝"],
    ["Hanbit", "한빛", "ハンビッ", "韩光"],
    ["Saessak", "새싹", "セッサク", "新芽"],
    ["Global", "글로벌", "グローバル", "环球"],
    ["Mugunghwa", "무궁화", "ムグンファ", "木槿花"],
];

/// Seoul's districts: code, English, Korean, Japanese, Chinese.
const DISTRICT_NAMES: [[&str; 5]; 25] = [
    ["jongno", "Jongno-gu", "종로구", "鍾路区", "钟路区"],
    ["jung", "Jung-gu", "중구", "中区", "中区"],
    ["yongsan", "Yongsan-gu", "용산구", "龍山区", "龙山区"],
    ["seongdong", "Seongdong-gu", "성동구", "城東区", "城东区"],
    ["gwangjin", "Gwangjin-gu", "광진구", "広津区", "广津区"],
    [
        "dongdaemun",
        "Dongdaemun-gu",
        "동대문구",
        "東大門区",
        "东大门区",
    ],
    ["jungnang", "Jungnang-gu", "중랑구", "中浪区", "中浪区"],
    ["seongbuk", "Seongbuk-gu", "성북구", "城北区", "城北区"],
    ["gangbuk", "Gangbuk-gu", "강북구", "江北区", "江北区"],
    ["dobong", "Dobong-gu", "도봉구", "道峰区", "道峰区"],
    ["nowon", "Nowon-gu", "노원구", "蘆原区", "芦原区"],
    ["eunpyeong", "Eunpyeong-gu", "은평구", "恩平区", "恩平区"],
    [
        "seodaemun",
        "Seodaemun-gu",
        "서대문구",
        "西大門区",
        "西大门区",
    ],
    ["mapo", "Mapo-gu", "마포구", "麻浦区", "麻浦区"],
    ["yangcheon", "Yangcheon-gu", "양천구", "陽川区", "阳川区"],
    ["gangseo", "Gangseo-gu", "강서구", "江西区", "江西区"],
    ["guro", "Guro-gu", "구로구", "九老区", "九老区"],
    ["geumcheon", "Geumcheon-gu", "금천구", "衿川区", "衿川区"],
    [
        "yeongdeungpo",
        "Yeongdeungpo-gu",
        "영등포구",
        "永登浦区",
        "永登浦区",
    ],
    ["dongjak", "Dongjak-gu", "동작구", "銅雀区", "铜雀区"],
    ["gwanak", "Gwanak-gu", "관악구", "冠岳区", "冠岳区"],
    ["seocho", "Seocho-gu", "서초구", "瑞草区", "瑞草区"],
    ["gangnam", "Gangnam-gu", "강남구", "江南区", "江南区"],
    ["songpa", "Songpa-gu", "송파구", "松坡区", "松坡区"],
    ["gangdong", "Gangdong-gu", "강동구", "江東区", "江东区"],
];

/// Staff languages drawn for synthetic listings.
const LANGUAGES: [&str; 7] = ["en", "ja", "zh", "ru", "vi", "fr", "mn"];

/// Category mix of the shared benchmark set: 40/20/15/25 per cent.
fn category(roll: usize) -> Category {
    match roll % 100 {
        0..40 => Category::RealEstate,
        40..60 => Category::JobCafe,
        60..75 => Category::Incubator,
        _ => Category::ContactPoint,
    }
}

/// Typical published hours per category (OpenStreetMap syntax).
fn hours(category: Category, roll: usize) -> &'static str {
    match (category, roll % 10) {
        (_, 0) => "24/7",
        (Category::RealEstate, _) => "Mo-Sa 09:30-19:00; PH off",
        (Category::JobCafe, _) => "Mo-Fr 09:00-21:00; Sa 10:00-18:00; PH off",
        (Category::Incubator, _) => "Mo-Fr 09:00-18:00",
        (Category::ContactPoint, _) => "Mo-Fr 09:00-18:00; PH off",
    }
}

fn kind_names(category: Category) -> [&'static str; 4] {
    match category {
        Category::RealEstate => ["Realty", "공인중개사사무소", "不動産", "房地产中介"],
        Category::JobCafe => ["Job Café", "일자리카페", "ジョブカフェ", "就业咖啡馆"],
        Category::Incubator => [
            "Startup Incubator",
            "창업보육센터",
            "創業保育センター",
            "创业孵化中心",
        ],
        Category::ContactPoint => [
            "Global Village Center",
            "글로벌빌리지센터",
            "グローバルビレッジセンター",
            "国际村中心",
        ],
    }
}

/// `count` synthetic listings; the same `seed` gives the same listings.
#[expect(
    clippy::expect_used,
    reason = "the generated ids are slugs by construction"
)]
pub fn generate(count: usize, seed: u64, cities: &[City], now: DateTime<Utc>) -> Vec<Listing> {
    let mut random = SplitMix64(seed);
    let others: Vec<&City> = cities.iter().filter(|c| c.districts.is_empty()).collect();
    (1..=count)
        .map(|serial| {
            let category = category(random.below(100));
            let district = &DISTRICT_NAMES[random.below(DISTRICT_NAMES.len())];
            // One listing in twenty is in a partner city without districts.
            let elsewhere = (random.below(20) == 0)
                .then(|| others.get(random.below(others.len().max(1))))
                .flatten();
            let (city, centre) = match elsewhere {
                Some(city) => (city.code.clone(), (city.latitude, city.longitude)),
                None => {
                    let seoul = cities.iter().find(|c| c.code == "seoul");
                    let centre = seoul
                        .and_then(|c| c.districts.iter().find(|d| d.code == district[0]))
                        .map_or((37.5665, 126.9780), |d| (d.latitude, d.longitude));
                    ("seoul".to_owned(), centre)
                }
            };
            let in_seoul = elsewhere.is_none();
            let prefix = &PREFIXES[random.below(PREFIXES.len())];
            let road = &ROADS[random.below(ROADS.len())];
            let number = 1 + random.below(450);
            let kind = kind_names(category);
            let languages: Vec<String> = {
                let mut picked: Vec<&str> = (0..1 + random.below(3))
                    .map(|_| LANGUAGES[random.below(LANGUAGES.len())])
                    .collect();
                picked.sort_unstable();
                picked.dedup();
                picked.into_iter().map(str::to_owned).collect()
            };
            let window = (category == Category::Incubator).then(|| {
                let opens = now + Duration::days(random.below(120) as i64 - 90);
                ApplicationWindow {
                    opens_at: Some(opens),
                    closes_at: Some(opens + Duration::days(30 + random.below(60) as i64)),
                }
            });
            let place = |locale: usize| if in_seoul { district[1 + locale] } else { "" };
            let entries = [
                (
                    "en",
                    format!(
                        "{} {} {} No. {serial}",
                        prefix[0],
                        kind[0],
                        place(0).trim_end_matches("-gu")
                    ),
                    format!("{number} {}, {}, Seoul", road[0], place(0)),
                    "Sample data: a generated listing for load tests, not a real place.",
                ),
                (
                    "ko",
                    format!("{} {} {} {serial}호", prefix[1], kind[1], place(1)),
                    format!("서울특별시 {} {} {number}", place(1), road[1]),
                    "샘플 데이터: 부하 시험용으로 생성한 가상의 등록 정보입니다.",
                ),
                (
                    "ja",
                    format!("{}{} {} {serial}号", prefix[2], kind[2], place(2)),
                    format!("ソウル特別市 {} {} {number}", place(2), road[2]),
                    "サンプルデータ：負荷試験用に生成した架空の掲載情報です。",
                ),
                (
                    "zh-Hans",
                    format!("{}{} {} {serial}号", prefix[3], kind[3], place(3)),
                    format!("首尔特别市 {} {} {number}", place(3), road[3]),
                    "示例数据：为负载测试生成的虚构条目。",
                ),
            ];
            let texts: BTreeMap<String, ListingText> = entries
                .into_iter()
                .map(|(locale, name, address, summary)| {
                    let text = ListingText {
                        name,
                        address: in_seoul.then_some(address),
                        summary: Some(summary.to_owned()),
                        eligibility: None,
                    };
                    (locale.to_owned(), text)
                })
                .collect();
            Listing {
                id: ListingId::parse(&format!("synthetic-{serial}"))
                    .expect("generated ids are slugs"),
                category,
                city,
                district: in_seoul.then(|| district[0].to_owned()),
                location: Some(GeoPoint {
                    latitude: ((centre.0 + 0.012 * random.signed_unit()) * 1e6).round() / 1e6,
                    longitude: ((centre.1 + 0.015 * random.signed_unit()) * 1e6).round() / 1e6,
                }),
                phone: Some(format!(
                    "+82-2-0{:03}-{:04}",
                    100 + random.below(900),
                    random.below(10_000)
                )),
                email: None,
                website: None,
                languages,
                opening_hours: Some(hours(category, random.below(10)).to_owned()),
                age_range: None,
                application_window: window,
                capacity: Capacity::default(),
                residency: None,
                source: "synthetic".to_owned(),
                sample: true,
                location_approximate: false,
                verified_at: None,
                created_at: now,
                updated_at: now,
                texts,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_listings_in_every_locale() {
        let now = Utc::now();
        let a = generate(500, 7, &super::super::cities(), now);
        let b = generate(500, 7, &super::super::cities(), now);
        assert_eq!(a, b);
        assert!(
            a.iter()
                .all(|l| l.sample && l.texts.len() == 4 && l.opening_hours.is_some())
        );
        let reference = crate::domain::ReferenceData::new(super::super::cities());
        for listing in &a {
            if let Some(district) = &listing.district {
                assert!(reference.district(&listing.city, district).is_some());
            }
        }
        assert!(a.iter().any(|l| l.city != "seoul"));
        assert!(a.iter().any(|l| l.application_window.is_some()));
    }
}
