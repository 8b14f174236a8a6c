//! HSDS ids are UUIDs; the directory's are slugs. Each HSDS object gets a
//! name-based UUIDv5 of its kind and listing id, so ids are stable across
//! restarts, instances and backends without being stored.

use uuid::Uuid;

use crate::domain::Category;

/// The kinds of object derived from a listing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `service`
    Service,
    /// `organization`
    Organization,
    /// `location`
    Location,
    /// `service_at_location`
    ServiceAtLocation,
    /// `address`
    Address,
    /// `phone` (of the service)
    Phone,
    /// `organization_phone`
    OrganizationPhone,
    /// `schedule` (numbered within the listing)
    Schedule,
    /// `language` (of a spoken language code)
    Language,
    /// `attribute`
    Attribute,
}

impl Kind {
    /// The HSDS table this kind of id belongs to.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Service => "service",
            Kind::Organization => "organization",
            Kind::Location => "location",
            Kind::ServiceAtLocation => "service_at_location",
            Kind::Address => "address",
            Kind::Phone => "phone",
            Kind::OrganizationPhone => "organization_phone",
            Kind::Schedule => "schedule",
            Kind::Language => "language",
            Kind::Attribute => "attribute",
        }
    }
}

/// The names are URIs of the form `tag:foreign-resident-directory,2026:hsds/<kind>/<key>`
/// in the URL namespace, so they cannot collide with anyone else's.
fn v5(path: &str) -> Uuid {
    Uuid::new_v5(
        &Uuid::NAMESPACE_URL,
        format!("tag:foreign-resident-directory,2026:hsds/{path}").as_bytes(),
    )
}

/// The id of an object of `kind` for a listing; `part` tells apart several
/// objects of one kind (a schedule's number, a language code).
pub fn of(kind: Kind, listing_id: &str, part: Option<&str>) -> String {
    let path = match part {
        Some(part) => format!("{}/{listing_id}/{part}", kind.name()),
        None => format!("{}/{listing_id}", kind.name()),
    };
    v5(&path).to_string()
}

/// The id of the directory's category taxonomy.
pub fn taxonomy() -> String {
    v5("taxonomy/category").to_string()
}

/// The id of a category's taxonomy term.
pub fn term(category: Category) -> String {
    v5(&format!("taxonomy_term/{}", category.code())).to_string()
}

/// The category whose term has this id.
pub fn category_of_term(id: &str) -> Option<Category> {
    let id = id.trim().to_ascii_lowercase();
    Category::ALL.into_iter().find(|c| term(*c) == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_stable_uuid_v5s_distinct_per_kind() {
        let service = of(Kind::Service, "seoul-job-cafes", None);
        let parsed = Uuid::parse_str(&service).unwrap();
        assert_eq!(parsed.get_version_num(), 5);
        assert_eq!(service, of(Kind::Service, "seoul-job-cafes", None));
        assert_ne!(service, of(Kind::Organization, "seoul-job-cafes", None));
        assert_ne!(service, of(Kind::Service, "seoul-global-center", None));
        // Pinned: changing the naming scheme would break every client's links.
        // (Python agrees: uuid5(NAMESPACE_URL, "tag:…:hsds/taxonomy_term/job_cafe").)
        assert_eq!(
            term(Category::JobCafe),
            "b168acc7-ac01-5cd5-a8d8-1f538253fdd3"
        );
        assert_eq!(
            category_of_term(&term(Category::Incubator)),
            Some(Category::Incubator)
        );
        assert_eq!(category_of_term("not-a-term"), None);
    }
}
