//! The cities the directory covers and Seoul's 25 districts (autonomous
//! districts, `gu`), with their centres. Their names are Fluent messages.

use crate::domain::{City, District};

/// Seoul's districts: code, centre latitude, centre longitude.
const SEOUL_DISTRICTS: [(&str, f64, f64); 25] = [
    ("jongno", 37.5735, 126.9790),
    ("jung", 37.5641, 126.9979),
    ("yongsan", 37.5326, 126.9905),
    ("seongdong", 37.5634, 127.0369),
    ("gwangjin", 37.5385, 127.0823),
    ("dongdaemun", 37.5744, 127.0400),
    ("jungnang", 37.6066, 127.0927),
    ("seongbuk", 37.5894, 127.0167),
    ("gangbuk", 37.6396, 127.0257),
    ("dobong", 37.6688, 127.0471),
    ("nowon", 37.6542, 127.0568),
    ("eunpyeong", 37.6027, 126.9291),
    ("seodaemun", 37.5791, 126.9368),
    ("mapo", 37.5663, 126.9019),
    ("yangcheon", 37.5170, 126.8664),
    ("gangseo", 37.5509, 126.8495),
    ("guro", 37.4954, 126.8874),
    ("geumcheon", 37.4568, 126.8955),
    ("yeongdeungpo", 37.5264, 126.8962),
    ("dongjak", 37.5124, 126.9393),
    ("gwanak", 37.4784, 126.9516),
    ("seocho", 37.4837, 127.0324),
    ("gangnam", 37.5172, 127.0473),
    ("songpa", 37.5145, 127.1059),
    ("gangdong", 37.5301, 127.1238),
];

fn city(code: &str, country: &str, zone: &str, lat: f64, lon: f64) -> City {
    City {
        code: code.into(),
        country_code: country.into(),
        time_zone: zone.into(),
        latitude: lat,
        longitude: lon,
        districts: Vec::new(),
    }
}

/// Seoul, then its twin and partner cities.
pub fn cities() -> Vec<City> {
    let mut seoul = city("seoul", "KR", "Asia/Seoul", 37.5665, 126.9780);
    seoul.districts = SEOUL_DISTRICTS
        .iter()
        .map(|&(code, latitude, longitude)| District {
            code: code.into(),
            latitude,
            longitude,
        })
        .collect();
    vec![
        seoul,
        city("sejong", "KR", "Asia/Seoul", 36.4800, 127.2890),
        city("busan", "KR", "Asia/Seoul", 35.1796, 129.0756),
        city("belfast", "GB", "Europe/London", 54.5973, -5.9301),
    ]
}
