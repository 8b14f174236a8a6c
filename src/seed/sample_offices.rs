//! Generated stand-ins for the global real-estate offices. Seed 001 gives
//! only counts: 223 designated offices with staff languages English 170,
//! Japanese 35, English+Japanese 9, Chinese 4, English+Chinese 3, other 2.
//! The offices here follow those counts exactly; everything else about them
//! is invented, so each is flagged `sample`, named "Sample …", and has no
//! address, and its phone number uses the unallocated Seoul prefix
//! +82-2-0xxx so that it cannot ring a real office.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};

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
            "サンプルデータ:資料に名称のないソウル市指定グローバル不動産仲介事務所223か所の\
             代わりに生成した架空の事務所です。実在しません。",
        ),
        (
            "ko",
            format!("샘플 글로벌 공인중개사사무소 {serial}호"),
            "샘플 데이터: 자료에 이름이 나오지 않는 서울시 지정 글로벌 부동산중개사무소 223곳을 \
             대신해 생성한 가상의 사무소입니다. 실제 사무소가 아닙니다.",
        ),
        (
            "zh-Hans",
            format!("示例全球房地产中介 {serial}号"),
            "示例数据:首尔市指定的223家全球房地产中介事务所在资料中没有名称,\
             此处为生成的虚构事务所,并非真实存在。",
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
pub fn generate(cities: &[City], now: DateTime<Utc>) -> Vec<Listing> {
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
    let verified = NaiveDate::from_ymd_opt(2018, 3, 31);
    mix.into_iter()
        .enumerate()
        .map(|(index, languages)| {
            let serial = index + 1;
            // Round-robin keeps every district represented (223 = 8×25 + 23).
            let district = &seoul.districts[index % seoul.districts.len()];
            // Within about a kilometre of the district centre, at the
            // six decimals (~0.1 m) that addresses are geocoded to.
            let round = |degrees: f64| (degrees * 1e6).round() / 1e6;
            let location = GeoPoint {
                latitude: round(district.latitude + 0.010 * random.signed_unit()),
                longitude: round(district.longitude + 0.012 * random.signed_unit()),
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
                opening_hours: None,
                age_range: None,
                application_window: None,
                capacity: Capacity::default(),
                residency: None,
                source: SOURCE.to_owned(),
                sample: true,
                location_approximate: false,
                verified_at: verified,
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
