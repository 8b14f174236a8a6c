//! Korean as Seoul's open data writes it: language names, district names
//! and opening hours in free text.

/// Korean language names as `USE_LANG` writes them, and their BCP 47 code.
/// Every code here has a `language-<code>` message in every locale.
const LANGUAGES: [(&str, &str); 17] = [
    ("영어", "en"),
    ("일본어", "ja"),
    ("중국어", "zh"),
    ("한국어", "ko"),
    ("러시아어", "ru"),
    ("베트남어", "vi"),
    ("프랑스어", "fr"),
    ("몽골어", "mn"),
    ("스페인어", "es"),
    ("독일어", "de"),
    ("태국어", "th"),
    ("인도네시아어", "id"),
    ("아랍어", "ar"),
    ("포르투갈어", "pt"),
    ("우즈베크어", "uz"),
    ("타갈로그어", "tl"),
    ("필리핀어", "tl"),
];

/// The codes the table can produce, for the completeness test.
pub fn language_codes() -> Vec<&'static str> {
    let mut codes: Vec<&str> = LANGUAGES.iter().map(|(_, code)| *code).collect();
    codes.sort_unstable();
    codes.dedup();
    codes
}

/// The BCP 47 codes of a `USE_LANG` cell (`영어, 일본어`), or the first
/// name the table does not know. `영어(English)` and `중국어(간체)` are
/// read by the name before the parenthesis.
pub fn languages(cell: &str) -> Result<Vec<String>, String> {
    let mut codes = Vec::new();
    for name in cell.split([',', '/', '·', '、', ';']) {
        let name = name.trim();
        if name.is_empty() {
            continue;
        }
        let bare = name.split(['(', '（']).next().unwrap_or(name).trim();
        let bare = bare.replace(' ', "");
        match LANGUAGES.iter().find(|(korean, _)| *korean == bare) {
            Some((_, code)) => codes.push((*code).to_owned()),
            None => return Err(name.to_owned()),
        }
    }
    codes.sort();
    codes.dedup();
    Ok(codes)
}

/// Seoul's 25 districts: the Korean name (as in `locales/ko/districts.ftl`)
/// and our district code.
pub const SEOUL_DISTRICTS: [(&str, &str); 25] = [
    ("종로구", "jongno"),
    ("중구", "jung"),
    ("용산구", "yongsan"),
    ("성동구", "seongdong"),
    ("광진구", "gwangjin"),
    ("동대문구", "dongdaemun"),
    ("중랑구", "jungnang"),
    ("성북구", "seongbuk"),
    ("강북구", "gangbuk"),
    ("도봉구", "dobong"),
    ("노원구", "nowon"),
    ("은평구", "eunpyeong"),
    ("서대문구", "seodaemun"),
    ("마포구", "mapo"),
    ("양천구", "yangcheon"),
    ("강서구", "gangseo"),
    ("구로구", "guro"),
    ("금천구", "geumcheon"),
    ("영등포구", "yeongdeungpo"),
    ("동작구", "dongjak"),
    ("관악구", "gwanak"),
    ("서초구", "seocho"),
    ("강남구", "gangnam"),
    ("송파구", "songpa"),
    ("강동구", "gangdong"),
];

/// The district code of a Korean district name: `강남구`, also written
/// `서울특별시 강남구` or `강남`.
pub fn district(name: &str) -> Option<&'static str> {
    let name = name.trim();
    let name = name.rsplit(' ').next().unwrap_or(name);
    SEOUL_DISTRICTS
        .iter()
        .find(|(korean, _)| *korean == name || korean.strip_suffix('구') == Some(name))
        .map(|(_, code)| *code)
}

const WEEKDAYS: [(char, &str); 7] = [
    ('월', "Mo"),
    ('화', "Tu"),
    ('수', "We"),
    ('목', "Th"),
    ('금', "Fr"),
    ('토', "Sa"),
    ('일', "Su"),
];

/// OpenStreetMap `opening_hours` for the common forms of Korean hours
/// (`평일 09:00~18:00`, `월~금 09:00-18:00, 토 10:00~13:00`, `주말 …`,
/// `매일 …`); `None` for anything else, which is then kept as text.
pub fn opening_hours(text: &str) -> Option<String> {
    let rules: Option<Vec<String>> = text
        .split([',', '/', '\n', ';'])
        .map(str::trim)
        .filter(|part| !part.is_empty())
        .map(rule)
        .collect();
    rules.filter(|r| !r.is_empty()).map(|r| r.join("; "))
}

/// One `<days> HH:MM~HH:MM` part.
fn rule(part: &str) -> Option<String> {
    let start = part.find(|c: char| c.is_ascii_digit())?;
    let (days, times) = part.split_at(start);
    let days = days.trim().trim_end_matches(':').trim();
    let (open, close) = times.split_once(['~', '-', '–'])?;
    Some(format!(
        "{} {}-{}",
        day_range(days)?,
        time(open)?,
        time(close)?
    ))
}

fn day_range(days: &str) -> Option<String> {
    match days {
        "평일" => return Some("Mo-Fr".into()),
        "주말" => return Some("Sa,Su".into()),
        "매일" | "연중무휴" => return Some("Mo-Su".into()),
        _ => {}
    }
    let day = |name: &str| {
        let name = name.trim().trim_end_matches("요일");
        let mut chars = name.chars();
        let first = chars.next()?;
        if chars.next().is_some() {
            return None;
        }
        WEEKDAYS.iter().find(|(k, _)| *k == first).map(|(_, d)| *d)
    };
    match days.split_once(['~', '-']) {
        Some((from, to)) => Some(format!("{}-{}", day(from)?, day(to)?)),
        None => day(days).map(str::to_owned),
    }
}

/// `9:00`, `09:00` or `0900` as `HH:MM`.
fn time(raw: &str) -> Option<String> {
    let raw = raw.trim();
    let (hours, minutes) = raw
        .split_once(':')
        .or_else(|| (raw.len() == 4 && raw.is_ascii()).then(|| raw.split_at(2)))?;
    let hours: u32 = hours.trim().parse().ok()?;
    let minutes: u32 = minutes.trim().parse().ok()?;
    (hours <= 24 && minutes < 60).then(|| format!("{hours:02}:{minutes:02}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn korean_language_names_map_to_bcp_47() {
        assert_eq!(languages("영어, 일본어").unwrap(), ["en", "ja"]);
        assert_eq!(languages("중국어(간체)/러시아어").unwrap(), ["ru", "zh"]);
        assert_eq!(languages("").unwrap(), Vec::<String>::new());
        assert_eq!(languages("영어, 클링온어").unwrap_err(), "클링온어");
    }

    #[test]
    fn districts_are_found_by_their_korean_names() {
        assert_eq!(district("강남구"), Some("gangnam"));
        assert_eq!(district("서울특별시 중구"), Some("jung"));
        assert_eq!(district("마포"), Some("mapo"));
        assert_eq!(district("수원시"), None);
    }

    #[test]
    fn the_district_table_matches_the_korean_locale() {
        let ftl = include_str!("../../../locales/ko/districts.ftl");
        for (korean, code) in SEOUL_DISTRICTS {
            assert!(
                ftl.contains(&format!("district-seoul-{code} = {korean}\n")),
                "{code}"
            );
        }
    }

    #[test]
    fn common_korean_hours_become_opening_hours() {
        let cases = [
            ("평일 09:00~18:00", Some("Mo-Fr 09:00-18:00")),
            (
                "월~금 9:00-18:00, 토 10:00~13:00",
                Some("Mo-Fr 09:00-18:00; Sa 10:00-13:00"),
            ),
            ("주말 10:00~17:00", Some("Sa,Su 10:00-17:00")),
            ("월요일~토요일 0900~2100", Some("Mo-Sa 09:00-21:00")),
            ("매일 10:00~22:00", Some("Mo-Su 10:00-22:00")),
            ("평일 09:00~18:00 (점심시간 12:00~13:00 제외)", None),
            ("사전 예약제로 운영", None),
        ];
        for (text, expected) in cases {
            assert_eq!(opening_hours(text).as_deref(), expected, "{text}");
        }
    }
}
