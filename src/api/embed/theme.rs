//! The widget's look: a light or dark palette and the host site's accent
//! colour, kept readable.
//!
//! Every text colour meets WCAG 2.1 AA (contrast at least 4.5:1) on the
//! background, which a unit test checks for both themes. An accent colour
//! chosen by a city web team to match its brand may not: rather than refuse
//! it (the widget would then be missing from the page), it is darkened on
//! the light theme or lightened on the dark one until it reaches 4.5:1, so
//! links, the header rule and the focus ring in the accent stay readable.

use std::fmt;

use crate::domain::{InvalidParameter, ParameterProblem};

/// The contrast every text colour must reach (WCAG 2.1 SC 1.4.3, AA).
pub const MIN_CONTRAST: f64 = 4.5;

/// Light or dark.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Theme {
    /// Dark text on white (the default).
    #[default]
    Light,
    /// Light text on near-black.
    Dark,
}

impl Theme {
    /// Every theme, as the API documents them.
    pub const ALL: [Theme; 2] = [Theme::Light, Theme::Dark];

    /// Reads `light` or `dark`.
    pub fn parse(raw: &str) -> Result<Self, InvalidParameter> {
        match raw.trim() {
            "light" => Ok(Theme::Light),
            "dark" => Ok(Theme::Dark),
            other => Err(InvalidParameter {
                parameter: "theme",
                problem: ParameterProblem::Unknown {
                    value: other.to_owned(),
                },
            }),
        }
    }

    /// The value of the `theme` parameter.
    pub fn code(self) -> &'static str {
        match self {
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }
}

/// An sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// Reads `#1a73e8`, `1a73e8`, `#17e` or `17e` (a `#` must be sent as
    /// `%23` in a URL, so it is optional).
    pub fn parse(raw: &str) -> Result<Self, InvalidParameter> {
        let malformed = || InvalidParameter {
            parameter: "accent",
            problem: ParameterProblem::Malformed,
        };
        let hex = raw.trim().strip_prefix('#').unwrap_or(raw.trim());
        if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(malformed());
        }
        let digit = |i: usize, width: usize| {
            u8::from_str_radix(&hex[i * width..(i + 1) * width], 16).map_err(|_| malformed())
        };
        match hex.len() {
            6 => Ok(Rgb(digit(0, 2)?, digit(1, 2)?, digit(2, 2)?)),
            3 => Ok(Rgb(digit(0, 1)? * 17, digit(1, 1)? * 17, digit(2, 1)? * 17)),
            _ => Err(malformed()),
        }
    }

    /// Relative luminance (WCAG 2.1 definition).
    pub fn luminance(self) -> f64 {
        let channel = |value: u8| {
            let c = f64::from(value) / 255.0;
            if c <= 0.039_28 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(self.0) + 0.7152 * channel(self.1) + 0.0722 * channel(self.2)
    }

    /// Moves `share` (0..=1) of the way towards `target`.
    fn mix(self, target: Rgb, share: f64) -> Rgb {
        let step = |from: u8, to: u8| {
            let value = f64::from(from) + (f64::from(to) - f64::from(from)) * share;
            // In 0..=255 by construction; the cast only drops the fraction.
            value.round().clamp(0.0, 255.0) as u8
        };
        Rgb(
            step(self.0, target.0),
            step(self.1, target.1),
            step(self.2, target.2),
        )
    }
}

impl fmt::Display for Rgb {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }
}

/// The contrast ratio of two colours, 1 to 21.
pub fn contrast(a: Rgb, b: Rgb) -> f64 {
    let (la, lb) = (a.luminance(), b.luminance());
    let (light, dark) = if la > lb { (la, lb) } else { (lb, la) };
    (light + 0.05) / (dark + 0.05)
}

/// The colours of one rendering.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Palette {
    /// Page background.
    pub background: Rgb,
    /// Body text.
    pub text: Rgb,
    /// Secondary text (counts, categories).
    pub muted: Rgb,
    /// Card borders (decorative).
    pub border: Rgb,
    /// Links, header rule and focus ring.
    pub accent: Rgb,
}

impl Palette {
    /// The palette of `theme`, with `accent` made readable on it.
    pub fn new(theme: Theme, accent: Option<Rgb>) -> Self {
        let base = match theme {
            Theme::Light => Palette {
                background: Rgb(0xff, 0xff, 0xff),
                text: Rgb(0x1f, 0x23, 0x28),
                muted: Rgb(0x55, 0x5f, 0x6b),
                border: Rgb(0xc8, 0xd1, 0xda),
                accent: Rgb(0x0b, 0x57, 0xd0),
            },
            Theme::Dark => Palette {
                background: Rgb(0x0d, 0x11, 0x17),
                text: Rgb(0xe6, 0xed, 0xf3),
                muted: Rgb(0xa0, 0xa8, 0xb3),
                border: Rgb(0x3d, 0x44, 0x4d),
                accent: Rgb(0x6c, 0xb6, 0xff),
            },
        };
        Palette {
            accent: readable(accent.unwrap_or(base.accent), base.background),
            ..base
        }
    }

    /// The palette as CSS custom properties.
    pub fn css_variables(&self, theme: Theme) -> String {
        format!(
            ":root{{color-scheme:{};--bg:{};--fg:{};--muted:{};--border:{};--accent:{}}}",
            theme.code(),
            self.background,
            self.text,
            self.muted,
            self.border,
            self.accent
        )
    }
}

/// `colour`, or the nearest shade of it (towards black on a light
/// background, white on a dark one) that reaches [`MIN_CONTRAST`].
pub fn readable(colour: Rgb, background: Rgb) -> Rgb {
    let target = if background.luminance() > 0.5 {
        Rgb(0, 0, 0)
    } else {
        Rgb(0xff, 0xff, 0xff)
    };
    (0..=20)
        .map(|step| colour.mix(target, f64::from(step) / 20.0))
        .find(|shade| contrast(*shade, background) >= MIN_CONTRAST)
        .unwrap_or(target)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contrast_matches_the_wcag_reference_values() {
        let white = Rgb(255, 255, 255);
        assert!((contrast(Rgb(0, 0, 0), white) - 21.0).abs() < 1e-9);
        assert!((contrast(white, white) - 1.0).abs() < 1e-9);
        // #767676 on white is the classic 4.54:1 grey.
        assert!((contrast(Rgb(0x76, 0x76, 0x76), white) - 4.54).abs() < 0.01);
    }

    #[test]
    fn every_text_colour_of_both_themes_meets_aa() {
        for theme in [Theme::Light, Theme::Dark] {
            let palette = Palette::new(theme, None);
            for (name, colour) in [
                ("text", palette.text),
                ("muted", palette.muted),
                ("accent", palette.accent),
            ] {
                let ratio = contrast(colour, palette.background);
                assert!(ratio >= MIN_CONTRAST, "{theme:?} {name}: {ratio:.2}");
            }
        }
    }

    #[test]
    fn a_low_contrast_accent_is_adjusted_and_a_good_one_kept() {
        let yellow = Rgb::parse("ffd700").unwrap();
        let light = Palette::new(Theme::Light, Some(yellow));
        assert_ne!(light.accent, yellow);
        assert!(contrast(light.accent, light.background) >= MIN_CONTRAST);
        let navy = Rgb::parse("#003366").unwrap();
        assert_eq!(Palette::new(Theme::Light, Some(navy)).accent, navy);
        let dark = Palette::new(Theme::Dark, Some(navy));
        assert!(contrast(dark.accent, dark.background) >= MIN_CONTRAST);
        assert_eq!(Palette::new(Theme::Dark, Some(yellow)).accent, yellow);
    }

    #[test]
    fn accents_are_hex_colours_and_themes_are_named() {
        assert_eq!(Rgb::parse("#17e").unwrap(), Rgb(0x11, 0x77, 0xee));
        assert_eq!(Rgb::parse("1A73E8").unwrap().to_string(), "#1a73e8");
        for bad in ["", "#12", "red", "#1234567", "12345g", "#ééé"] {
            assert_eq!(Rgb::parse(bad).unwrap_err().parameter, "accent", "{bad}");
        }
        assert_eq!(Theme::parse("dark").unwrap(), Theme::Dark);
        assert_eq!(Theme::parse("blue").unwrap_err().parameter, "theme");
    }
}
