//! What a native reader checks in a translated text, as rules on one
//! string: the glossary's one rendering of each key term, full-width
//! punctuation in Chinese and Japanese, one tilde in Japanese, and no
//! Korean particle glued to a variable. The same rules run over the locale
//! files (`directory locales check`) and over the listing text of the demo
//! data (a unit test in `seed`).
//!
//! A text is plain Unicode where every placeable (`{ $name }`) is
//! [`PLACEABLE`]: a variable's value is unknown, so it is neither CJK nor
//! Latin to the punctuation rule.

use std::path::Path;

use serde::Deserialize;

/// Stands for a placeable in a text given to [`check_text`].
pub const PLACEABLE: char = '\u{FFFC}';

/// The file in a locale folder that holds its glossary.
pub const GLOSSARY_FILE: &str = "glossary.toml";

/// A locale's key terms (`locales/<locale>/glossary.toml`).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Glossary {
    /// One entry per key term.
    #[serde(default, rename = "term")]
    pub terms: Vec<GlossaryTerm>,
}

/// One key term and the one way this locale writes it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GlossaryTerm {
    /// The term in English, as the source locale writes it.
    pub en: String,
    /// The one rendering in this locale.
    pub rendering: String,
    /// Why this rendering, and how it is used.
    pub note: String,
    /// Other renderings a translator might write; each one found in a text
    /// is a finding.
    #[serde(default)]
    pub avoid: Vec<String>,
    /// Messages that name the term (e.g. `category-job_cafe`): each must
    /// contain the rendering (case aside, for English).
    #[serde(default)]
    pub messages: Vec<String>,
}

impl Glossary {
    /// Reads `<folder>/glossary.toml`; a folder without one has an empty
    /// glossary.
    pub fn load(folder: &Path) -> Result<Self, String> {
        let path = folder.join(GLOSSARY_FILE);
        match std::fs::read_to_string(&path) {
            Ok(text) => Self::parse(&text),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(Self::default()),
            Err(error) => Err(error.to_string()),
        }
    }

    /// Parses a glossary's TOML.
    pub fn parse(text: &str) -> Result<Self, String> {
        let glossary: Self = toml::from_str(text).map_err(|error| error.to_string())?;
        for term in &glossary.terms {
            if let Some(variant) = term
                .avoid
                .iter()
                .find(|v| term.rendering.contains(v.as_str()))
            {
                return Err(format!(
                    "term “{}”: the rendering “{}” contains “{variant}”, which it says to avoid",
                    term.en, term.rendering
                ));
            }
        }
        Ok(glossary)
    }
}

/// Which rule a text breaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StyleRule {
    /// A key term rendered otherwise than the glossary says.
    Glossary,
    /// Half-width punctuation in Chinese or Japanese text, or the other
    /// tilde in Japanese.
    Punctuation,
    /// A Korean particle right after a variable: its form depends on the
    /// value's last sound (는/은, 가/이, 를/을, 와/과, 로/으로).
    Particle,
}

/// One place in a text that breaks a rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StyleIssue {
    /// The rule.
    pub rule: StyleRule,
    /// Byte offset in the text.
    pub offset: usize,
    /// What to write instead, in words.
    pub message: String,
}

/// Every issue in `text`, written in `locale` (a BCP 47 tag).
pub fn check_text(locale: &str, text: &str, glossary: &Glossary) -> Vec<StyleIssue> {
    let language = locale.split('-').next().unwrap_or(locale);
    let mut issues = glossary_issues(text, glossary);
    match language {
        "ja" | "zh" => issues.extend(punctuation_issues(language, text)),
        "ko" => issues.extend(particle_issues(text)),
        _ => {}
    }
    issues.sort_by_key(|issue| issue.offset);
    issues
}

/// The literal text just before and at `offset`, to find the issue in
/// the file: up to eight characters back, stopping at a placeable or a
/// line break (neither is in the file as is), with how many characters
/// come before the one at `offset`. At a placeable, the text just after
/// it (where a particle is).
pub fn needle(text: &str, offset: usize) -> (String, usize) {
    if let Some(after) = text[offset..].strip_prefix(PLACEABLE) {
        let needle = after
            .chars()
            .take_while(|c| *c != PLACEABLE && *c != '\n')
            .take(8)
            .collect();
        return (needle, 0);
    }
    let before: Vec<char> = text[..offset]
        .chars()
        .rev()
        .take_while(|c| *c != PLACEABLE && *c != '\n')
        .take(8)
        .collect();
    let at = text[offset..].chars().next().filter(|c| *c != PLACEABLE);
    let needle = before.iter().rev().chain(at.iter()).collect();
    (needle, before.len())
}

fn glossary_issues(text: &str, glossary: &Glossary) -> Vec<StyleIssue> {
    let mut issues = Vec::new();
    for term in &glossary.terms {
        let mut found: Vec<(usize, &str)> = term
            .avoid
            .iter()
            .flat_map(|variant| text.match_indices(variant.as_str()))
            .collect();
        // The longest variant at a place, once (非营业时间, not also 营业时间).
        found.sort_by_key(|&(offset, variant)| (offset, std::cmp::Reverse(variant.len())));
        let mut covered = 0;
        for (offset, variant) in found {
            if offset < covered {
                continue;
            }
            covered = offset + variant.len();
            issues.push(StyleIssue {
                rule: StyleRule::Glossary,
                offset,
                message: format!(
                    "“{variant}”: the glossary renders “{}” as “{}”",
                    term.en, term.rendering
                ),
            });
        }
    }
    issues
}

/// Chinese and Japanese set `,` `:` `;` `(` `)` full-width next to their
/// own script; between Latin letters or digits (`en;ja`, `09:00`) the
/// half-width mark stays. A text that is nothing but the mark is a
/// separator joining CJK text, so it is full-width too. Brackets go in
/// pairs: `Invest Seoul(www.investseoul.com)。` needs both full-width.
fn punctuation_issues(language: &str, text: &str) -> Vec<StyleIssue> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let whole_text_is_mark = text.trim().chars().count() == 1;
    let mut flagged = vec![false; chars.len()];
    let mut issues = Vec::new();
    for (index, &(offset, mark)) in chars.iter().enumerate() {
        if let Some(instead) = tilde_instead(language, mark) {
            issues.push(StyleIssue {
                rule: StyleRule::Punctuation,
                offset,
                message: format!("“{mark}”: write “{instead}”"),
            });
            continue;
        }
        if full_width(language, mark).is_none() {
            continue;
        }
        let before = chars[..index]
            .iter()
            .rev()
            .map(|&(_, c)| c)
            .find(|c| *c != ' ');
        let after = chars[index + 1..]
            .iter()
            .map(|&(_, c)| c)
            .find(|c| *c != ' ');
        flagged[index] =
            whole_text_is_mark || before.is_some_and(is_cjk) || after.is_some_and(is_cjk);
    }
    for (open, close) in bracket_pairs(&chars) {
        let full = |i: usize| chars[i].1 == '（' || chars[i].1 == '）';
        let either = flagged[open] || flagged[close] || full(open) || full(close);
        for i in [open, close] {
            flagged[i] = either && !full(i);
        }
    }
    for (index, &(offset, mark)) in chars.iter().enumerate() {
        if let (true, Some(full_width)) = (flagged[index], full_width(language, mark)) {
            issues.push(StyleIssue {
                rule: StyleRule::Punctuation,
                offset,
                message: format!(
                    "half-width “{mark}” next to {language} text: write “{full_width}”"
                ),
            });
        }
    }
    issues
}

/// Indices of matching brackets, half- or full-width.
fn bracket_pairs(chars: &[(usize, char)]) -> Vec<(usize, usize)> {
    let mut open = Vec::new();
    let mut pairs = Vec::new();
    for (index, &(_, c)) in chars.iter().enumerate() {
        match c {
            '(' | '（' => open.push(index),
            ')' | '）' => {
                if let Some(start) = open.pop() {
                    pairs.push((start, index));
                }
            }
            _ => {}
        }
    }
    pairs
}

fn full_width(language: &str, mark: char) -> Option<char> {
    Some(match mark {
        ',' if language == "ja" => '、',
        ',' => '，',
        ':' => '：',
        ';' => '；',
        '(' => '（',
        ')' => '）',
        _ => return None,
    })
}

/// Japanese writes ranges with the wave dash 〜 (locales/TRANSLATING.md);
/// Chinese with 至 or a dash, never a tilde.
fn tilde_instead(language: &str, mark: char) -> Option<&'static str> {
    match (language, mark) {
        ("ja", '~' | '～') => Some("〜"),
        ("zh", '~' | '～' | '〜') => Some("至"),
        _ => None,
    }
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3000..=0x30FF     // CJK punctuation, hiragana, katakana
        | 0x3400..=0x4DBF   // CJK extension A
        | 0x4E00..=0x9FFF   // CJK unified ideographs
        | 0xF900..=0xFAFF   // compatibility ideographs
        | 0xFF00..=0xFFEF) // full-width forms
}

/// The first syllables of Korean particles whose form follows the last
/// sound of the word before them.
const VARIABLE_PARTICLES: &[char] = &[
    '은', '는', '이', '가', '을', '를', '와', '과', '로', '으', '여', '야',
];

/// Closing quotes that may stand between a variable and its particle. Not
/// a closing bracket: after `원문(“{ $locale }”)` the particle belongs to
/// the word before the bracket (원문은), which is fixed.
const CLOSING_MARKS: &[char] = &['”', '’', '"', '\'', '」'];

fn particle_issues(text: &str) -> Vec<StyleIssue> {
    let mut issues = Vec::new();
    for (offset, _) in text.match_indices(PLACEABLE) {
        let rest = text[offset + PLACEABLE.len_utf8()..].trim_start_matches(CLOSING_MARKS);
        if rest.starts_with(VARIABLE_PARTICLES) {
            issues.push(StyleIssue {
                rule: StyleRule::Particle,
                offset,
                message: "a particle right after a variable: its form depends on the value; \
                          let a fixed word carry it (“{ $field }” 항목은) or reword"
                    .to_owned(),
            });
        }
    }
    issues
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules(locale: &str, text: &str) -> Vec<StyleRule> {
        check_text(locale, text, &Glossary::default())
            .into_iter()
            .map(|issue| issue.rule)
            .collect()
    }

    #[test]
    fn half_width_marks_next_to_cjk_are_found_and_latin_ones_kept() {
        assert_eq!(rules("zh-Hans", "代码(en;ja)"), [StyleRule::Punctuation; 2]);
        assert!(rules("zh-Hans", "代码（en;ja）").is_empty());
        assert_eq!(
            rules("ja", "Invest Seoul(www.investseoul.com)。"),
            [StyleRule::Punctuation; 2],
            "a pair goes full-width together"
        );
        assert!(rules("ja", "WeGO(World Cities)").is_empty());
        assert!(rules("ja", "例：Mo-Fr 09:00-18:00").is_empty());
        assert_eq!(
            rules("ja", "問い合わせ:global.seoul.go.kr"),
            [StyleRule::Punctuation]
        );
        assert_eq!(rules("zh-Hans", ";"), [StyleRule::Punctuation]);
        assert!(
            rules("ja", "\u{FFFC}:\u{FFFC}").is_empty(),
            "a time keeps its colon"
        );
        assert!(rules("ko", "문의: global.seoul.go.kr, 전화").is_empty());
    }

    #[test]
    fn japanese_has_one_tilde_and_chinese_none() {
        assert_eq!(
            rules("ja", "\u{FFFC}歳~\u{FFFC}歳"),
            [StyleRule::Punctuation]
        );
        assert!(rules("ja", "\u{FFFC}歳〜\u{FFFC}歳").is_empty());
        assert_eq!(
            rules("zh-Hans", "\u{FFFC}~\u{FFFC}"),
            [StyleRule::Punctuation]
        );
        assert!(rules("ko", "만 \u{FFFC}~\u{FFFC}세").is_empty());
    }

    #[test]
    fn a_korean_particle_after_a_variable_is_found() {
        assert_eq!(
            rules("ko", "매개변수 “\u{FFFC}”는 정수"),
            [StyleRule::Particle]
        );
        assert_eq!(rules("ko", "“\u{FFFC}”은(는) 필수"), [StyleRule::Particle]);
        assert!(rules("ko", "“\u{FFFC}” 항목은 필수").is_empty());
        assert!(rules("ko", "\u{FFFC}곳, \u{FFFC}에 마감, ETag는 \u{FFFC}입니다").is_empty());
        assert!(
            rules("ko", "원문(“\u{FFFC}”)은 편집자가").is_empty(),
            "원문 carries it"
        );
    }

    #[test]
    fn a_glossary_variant_is_found_where_it_is_written() {
        let glossary = Glossary::parse(
            r#"
            [[term]]
            en = "listing"
            rendering = "条目"
            note = "one entry of the directory"
            avoid = ["列表"]
            "#,
        )
        .unwrap();
        let issues = check_text("zh-Hans", "导入期间有列表被修改", &glossary);
        assert_eq!(issues.len(), 1);
        assert_eq!(issues[0].rule, StyleRule::Glossary);
        assert_eq!(issues[0].offset, "导入期间有".len());
        assert!(issues[0].message.contains("条目"));
    }

    #[test]
    fn a_glossary_that_avoids_its_own_rendering_is_refused() {
        let error = Glossary::parse(
            "[[term]]\nen = \"x\"\nrendering = \"掲載情報\"\nnote = \"\"\navoid = [\"掲載\"]\n",
        )
        .unwrap_err();
        assert!(error.contains("avoid"), "{error}");
    }
}
