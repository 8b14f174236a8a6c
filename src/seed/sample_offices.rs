//! Generated stand-ins for the global real-estate offices. Seed 001 gives
//! only counts: 223 designated offices with staff languages English 170,
//! Japanese 35, English+Japanese 9, Chinese 4, English+Chinese 3, other 2.
//! The offices here follow those counts exactly; everything else about them
//! is invented, so each is flagged `sample`, named "Sample …", and has no
//! address, and its phone number uses the unallocated Seoul prefix
//! +82-2-0xxx so that it cannot ring a real office. Each has sample opening
//! hours and sits at its district's centre with `location_approximate`, so
//! that the demo's `open_now`, `near` and `bbox` have something to find.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};

use super::random::SplitMix64;
use crate::domain::listing::GeoPoint;
use crate::domain::{Capacity, Category, City, Listing, ListingId, ListingText};

/// Number of designated offices in seed 001.
pub const OFFICE_COUNT: usize = 223;

/// Seed 001's language split: staff languages and number of offices. The
/// two "other" offices get Russian and Vietnamese.
pub const LANGUAGE_MIX: [(&[&str], usize); 7] = [
    (&["en"], 170),
    (&["ja"], 35),
    (&["en", "ja"], 9),
    (&["zh"], 4),
    (&["en", "zh"], 3),
    (&["ru"], 1),
    (&["vi"], 1),
];

const SOURCE: &str = "001_3249afde089393de.txt";

/// Sample opening hours (the source publishes none): the weekday, Saturday
/// and evening hours that Seoul brokerages commonly keep.
const SAMPLE_HOURS: [&str; 4] = [
    "Mo-Fr 09:00-18:00; PH off",
    "Mo-Fr 09:00-19:00; Sa 10:00-16:00; PH off",
    "Mo-Sa 09:30-20:00; PH off",
    "Mo-Fr 10:00-19:00; Sa,Su 11:00-17:00",
];

fn texts(serial: usize) -> BTreeMap<String, ListingText> {
    let entries = [
        (
            "en",
            format!("Sample Global Realty No. {serial}"),
            "Sample data: a generated stand-in for one of Seoul's 223 designated global \
             real-estate offices, which the source does not name. Not a real office.",
        ),
        (
            "ja",
            format!("サンプル・グローバル不動産 {serial}号店"),
            "サンプルデータ：資料に名称のないソウル市指定グローバル不動産仲介事務所223か所の\
             代わりに生成した架空の事務所です。実在しません。",
        ),
        (
            "ko",
            format!("샘플 글로벌 공인중개사사무소 {serial}호"),
            "샘플 데이터: 자료에 이름이 나오지 않는 서울시 지정 글로벌 부동산 중개사무소 223곳을 \
             대신해 생성한 가상의 사무소입니다. 실제 사무소가 아닙니다.",
        ),
        (
            "zh-Hans",
            format!("示例全球房地产中介 {serial}号"),
            "示例数据：首尔市指定的223家全球房地产中介事务所在资料中没有名称，\
             此处为生成的虚构事务所，并非真实存在。",
        ),
    ];
    entries
        .into_iter()
        .map(|(locale, name, summary)| {
            let text = ListingText {
                name,
                address: None,
                summary: Some(summary.to_owned()),
                eligibility: None,
            };
            (locale.to_owned(), text)
        })
        .collect()
}

/// The 223 sample offices, spread over Seoul's districts.
#[expect(
    clippy::expect_used,
    reason = "the generated ids are slugs by construction"
)]
pub(super) fn generate(cities: &[City], now: DateTime<Utc>) -> Vec<Listing> {
    let Some(seoul) = cities.iter().find(|city| city.code == "seoul") else {
        return Vec::new();
    };
    let mut random = SplitMix64(20_180_401);
    let mut mix: Vec<&[&str]> = LANGUAGE_MIX
        .iter()
        .flat_map(|&(languages, count)| std::iter::repeat_n(languages, count))
        .collect();
    // Fisher-Yates, so that languages are not grouped by serial number.
    for i in (1..mix.len()).rev() {
        mix.swap(i, random.below(i + 1));
    }
    mix.into_iter()
        .enumerate()
        .map(|(index, languages)| {
            let serial = index + 1;
            // Round-robin keeps every district represented (223 = 8×25 + 23).
            let district = &seoul.districts[index % seoul.districts.len()];
            // The district's centre, flagged approximate: the source gives
            // no addresses, and a scattered pin would look like a real one.
            let location = GeoPoint {
                latitude: district.latitude,
                longitude: district.longitude,
            };
            let phone = format!(
                "+82-2-0{:03}-{:04}",
                100 + random.below(900),
                random.below(10_000)
            );
            Listing {
                id: ListingId::parse(&format!("sample-global-realty-{serial:03}"))
                    .expect("generated ids are slugs"),
                category: Category::RealEstate,
                city: seoul.code.clone(),
                district: Some(district.code.clone()),
                location: Some(location),
                phone: Some(phone),
                email: None,
                website: None,
                languages: languages.iter().map(|code| (*code).to_owned()).collect(),
                opening_hours: Some(SAMPLE_HOURS[index % SAMPLE_HOURS.len()].to_owned()),
                age_range: None,
                application_window: None,
                capacity: Capacity::default(),
                residency: None,
                source: SOURCE.to_owned(),
                sample: true,
                location_approximate: true,
                // Nobody verified an invented office.
                verified_at: None,
                created_at: now,
                updated_at: now,
                texts: texts(serial),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::seed::cities;

    #[test]
    fn the_offices_follow_the_published_language_split() {
        let offices = generate(&cities(), Utc::now());
        assert_eq!(offices.len(), OFFICE_COUNT);
        let speaking = |code: &str| {
            offices
                .iter()
                .filter(|o| o.languages.iter().any(|l| l == code))
                .count()
        };
        assert_eq!(
            (speaking("en"), speaking("ja"), speaking("zh")),
            (182, 44, 7)
        );
        assert!(
            offices
                .iter()
                .all(|o| o.sample && o.phone.as_deref().is_some_and(|p| p.starts_with("+82-2-0")))
        );
    }

    #[test]
    fn every_office_has_sample_hours_and_an_approximate_district_centre() {
        let cities = cities();
        for office in generate(&cities, Utc::now()) {
            let district = cities[0]
                .districts
                .iter()
                .find(|d| Some(&d.code) == office.district.as_ref())
                .unwrap();
            let location = office.location.unwrap();
            assert_eq!(
                (location.latitude, location.longitude),
                (district.latitude, district.longitude)
            );
            assert!(office.location_approximate, "{}", office.id);
            let hours = office.opening_hours.as_deref().unwrap();
            assert!(opening_hours_syntax::parse(hours).is_ok(), "{hours}");
        }
    }

    #[test]
    fn every_district_has_offices() {
        let offices = generate(&cities(), Utc::now());
        for district in &cities()[0].districts {
            assert!(
                offices
                    .iter()
                    .any(|o| o.district.as_ref() == Some(&district.code))
            );
        }
    }
}
