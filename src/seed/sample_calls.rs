//! Two sample listings that let the demo show the features the documents
//! cannot: every application window they publish closed in 2018, and no
//! real listing publishes opening hours. Both are flagged `sample`, named
//! "Sample …", carry no phone, e-mail or web address, and sit at a district
//! centre with `location_approximate`.

use std::collections::BTreeMap;

use chrono::{DateTime, Days, NaiveDate, Utc};

use crate::domain::listing::GeoPoint;
use crate::domain::{
    ApplicationWindow, Capacity, Category, City, Listing, ListingId, ListingText, Residency,
};

/// Days before the demo is loaded that the sample call opened.
pub const CALL_OPENED_DAYS_AGO: u64 = 7;
/// Days after the demo is loaded that the sample call closes.
pub const CALL_CLOSES_IN_DAYS: u64 = 30;

fn text(name: &str, summary: &str) -> ListingText {
    ListingText {
        name: name.to_owned(),
        address: None,
        summary: Some(summary.to_owned()),
        eligibility: None,
    }
}

fn texts(entries: [(&str, &str, &str); 4]) -> BTreeMap<String, ListingText> {
    entries
        .into_iter()
        .map(|(locale, name, summary)| (locale.to_owned(), text(name, summary)))
        .collect()
}

#[expect(clippy::expect_used, reason = "the sample ids are literal slugs")]
fn sample(id: &str, category: Category, location: GeoPoint, now: DateTime<Utc>) -> Listing {
    Listing {
        id: ListingId::parse(id).expect("sample ids are slugs"),
        category,
        city: "seoul".to_owned(),
        district: None,
        location: Some(location),
        phone: None,
        email: None,
        website: None,
        languages: vec!["en".to_owned(), "ko".to_owned()],
        opening_hours: None,
        age_range: None,
        application_window: None,
        capacity: Capacity::default(),
        residency: None,
        source: "sample".to_owned(),
        sample: true,
        location_approximate: true,
        verified_at: None::<NaiveDate>,
        created_at: now,
        updated_at: now,
        texts: BTreeMap::new(),
    }
}

/// The sample incubator call, open from a week before `now` (the moment the
/// demo is loaded) to a month after, and the sample 24-hour study room.
pub(super) fn generate(cities: &[City], now: DateTime<Utc>) -> Vec<Listing> {
    let Some(seoul) = cities.iter().find(|city| city.code == "seoul") else {
        return Vec::new();
    };
    let centre = |code: &str| {
        seoul
            .districts
            .iter()
            .find(|district| district.code == code)
            .map(|district| {
                let point = GeoPoint {
                    latitude: district.latitude,
                    longitude: district.longitude,
                };
                (district.code.clone(), point)
            })
    };
    let mut listings = Vec::new();
    if let Some((district, location)) = centre("jung") {
        let mut call = sample("sample-incubator-call", Category::Incubator, location, now);
        call.district = Some(district);
        call.application_window = Some(ApplicationWindow {
            opens_at: now.checked_sub_days(Days::new(CALL_OPENED_DAYS_AGO)),
            closes_at: now.checked_add_days(Days::new(CALL_CLOSES_IN_DAYS)),
        });
        call.capacity.teams = Some(10);
        call.residency = Some(Residency {
            months: Some(6),
            max_months: Some(12),
        });
        call.texts = texts([
            (
                "en",
                "Sample incubator call",
                "Sample data, not a real call: a made-up call for foreign founders, open from a week \
                 before this demo was loaded until a month after, so that the demo can show \
                 accepting_applications and the days left to apply.",
            ),
            (
                "ja",
                "サンプル・創業保育空間入居者募集",
                "サンプルデータで、実在する募集ではありません。外国人創業者向けの架空の募集で、\
                 このデモの読み込みの1週間前から1か月後まで受け付けます。デモで「受付中」の絞り込みと\
                 締め切りまでの日数を示すためのものです。",
            ),
            (
                "ko",
                "샘플 창업보육공간 입주 모집",
                "샘플 데이터이며 실제 모집이 아닙니다. 외국인 창업자를 위한 가상의 모집으로, \
                 이 데모를 불러온 날의 1주 전부터 1개월 후까지 신청을 받습니다. 데모에서 \
                 '신청 접수 중' 검색과 마감까지 남은 날짜를 보여 주기 위한 것입니다.",
            ),
            (
                "zh-Hans",
                "示例创业孵化空间入驻招募",
                "示例数据，并非真实招募：面向外国创业者的虚构招募，自本演示数据载入前一周起至载入后\
                 一个月止接受申请，用于在演示中展示“正在接受申请”筛选及距截止的天数。",
            ),
        ]);
        listings.push(call);
    }
    if let Some((district, location)) = centre("jongno") {
        let mut room = sample(
            "sample-24-hour-study-room",
            Category::JobCafe,
            location,
            now,
        );
        room.district = Some(district);
        room.opening_hours = Some("24/7".to_owned());
        room.texts = texts([
            (
                "en",
                "Sample 24-hour job café study room",
                "Sample data, not a real place: a made-up job café study room in a study café open \
                 around the clock, as many are in Seoul, so that the demo's open_now always finds \
                 a listing.",
            ),
            (
                "ja",
                "サンプル・24時間雇用カフェ スタディルーム",
                "サンプルデータで、実在しません。ソウルに多い24時間営業のスタディカフェに設けた\
                 架空の雇用カフェのスタディルームで、デモの「営業中」の絞り込みで\
                 常に結果が出るようにするためのものです。",
            ),
            (
                "ko",
                "샘플 24시간 일자리카페 스터디룸",
                "샘플 데이터이며 실제 장소가 아닙니다. 서울에 많은 24시간 스터디카페에 마련한 \
                 가상의 일자리카페 스터디룸으로, 데모의 '운영 중' 검색에 \
                 언제나 결과가 나오도록 한 것입니다.",
            ),
            (
                "zh-Hans",
                "示例24小时就业咖啡馆自习室",
                "示例数据，并非真实场所：设在全天开放的自习咖啡馆（首尔有许多此类场所）中的虚构\
                 就业咖啡馆自习室，使演示中的“开放中”筛选随时都有结果。",
            ),
        ]);
        listings.push(room);
    }
    listings
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;
    use crate::seed::cities;

    #[test]
    fn the_call_is_open_around_the_day_the_demo_is_loaded() {
        let now = Utc.with_ymd_and_hms(2026, 12, 2, 8, 0, 0).unwrap();
        let listings = generate(&cities(), now);
        let call = listings
            .iter()
            .find(|l| l.id.as_str() == "sample-incubator-call")
            .unwrap();
        let window = call.application_window.as_ref().unwrap();
        assert_eq!(
            window.opens_at,
            Utc.with_ymd_and_hms(2026, 11, 25, 8, 0, 0).single()
        );
        assert_eq!(
            window.closes_at,
            Utc.with_ymd_and_hms(2027, 1, 1, 8, 0, 0).single()
        );
        assert!(
            listings
                .iter()
                .all(|l| l.sample && l.location_approximate && l.phone.is_none())
        );
        assert_eq!(listings.len(), 2);
    }
}
