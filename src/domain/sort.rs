//! The orders of a listing walk.

use super::parameter::InvalidParameter;

/// The order of a listing walk; every order ends with the id as tie-breaker.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Sort {
    /// By id (the default without `q`).
    Id,
    /// By name in the response locale's collation.
    Name,
    /// Nearest first (needs `near`).
    Distance,
    /// Most recently changed first.
    Updated,
    /// Best match first (the default with `q`).
    Relevance,
}

impl Sort {
    /// Every order, as the API documents them.
    pub const ALL: [Sort; 5] = [
        Sort::Id,
        Sort::Name,
        Sort::Distance,
        Sort::Updated,
        Sort::Relevance,
    ];

    /// The value of the `sort` parameter.
    pub fn code(self) -> &'static str {
        match self {
            Sort::Id => "id",
            Sort::Name => "name",
            Sort::Distance => "distance",
            Sort::Updated => "updated",
            Sort::Relevance => "relevance",
        }
    }

    pub(super) fn parse(raw: &str) -> Result<Self, InvalidParameter> {
        Sort::ALL
            .into_iter()
            .find(|sort| sort.code() == raw)
            .ok_or_else(|| InvalidParameter::unknown("sort", raw))
    }
}
