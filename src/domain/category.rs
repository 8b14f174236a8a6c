//! The four kinds of place the directory lists.

use std::fmt;
use std::str::FromStr;

/// A kind of place. The snake_case code is the stable API value; its label
/// is the Fluent message `category-<code>`.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub enum Category {
    /// Brokerages designated by the city whose staff speak foreign languages.
    RealEstate,
    /// Free job counselling and study-room spaces for young job seekers.
    JobCafe,
    /// Startup spaces and programmes for foreign founders.
    Incubator,
    /// Help centres, hotlines and city departments.
    ContactPoint,
}

impl Category {
    /// Every category, in the order the API lists them.
    pub const ALL: [Category; 4] = [
        Category::RealEstate,
        Category::JobCafe,
        Category::Incubator,
        Category::ContactPoint,
    ];

    /// The stable code used in URLs, JSON and the database.
    pub fn code(self) -> &'static str {
        match self {
            Category::RealEstate => "real_estate",
            Category::JobCafe => "job_cafe",
            Category::Incubator => "incubator",
            Category::ContactPoint => "contact_point",
        }
    }
}

/// A string that names no category.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownCategory(pub String);

impl FromStr for Category {
    type Err = UnknownCategory;

    fn from_str(code: &str) -> Result<Self, Self::Err> {
        Category::ALL
            .into_iter()
            .find(|category| category.code() == code)
            .ok_or_else(|| UnknownCategory(code.to_owned()))
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_parses_back_to_its_category() {
        for category in Category::ALL {
            assert_eq!(category.code().parse::<Category>(), Ok(category));
        }
    }

    #[test]
    fn an_unknown_code_is_rejected() {
        assert_eq!(
            "restaurant".parse::<Category>(),
            Err(UnknownCategory("restaurant".into()))
        );
    }
}
