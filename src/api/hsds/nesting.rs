//! The nesting parameters of the HSDS reference (`minimal`, `full`,
//! `full_service`), the place parameters of services at locations and the
//! term filters, each documented where the reference lists it.

use serde::Deserialize;
use utoipa::IntoParams;

use super::ids;
use super::params::{TaxonomyId, TermId, check_taxonomy, flag, given, unknown};
use crate::api::params;
use crate::domain::{InvalidParameter, ParameterProblem};

/// How services are nested in `/hsds/services`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(super) struct ServiceShapeQuery {
    /// `true`: each service with just `id`, `name`, `status` and
    /// `last_modified` (the reference's "modified date"; the page schema
    /// requires name and status), 1000 a page unless `per_page` says.
    #[param(value_type = Option<params::Flag>, inline)]
    minimal: Option<String>,
    /// `true`: fully nested services, as `/hsds/services/{id}`. Not with
    /// `minimal`.
    #[param(value_type = Option<params::Flag>, inline)]
    full: Option<String>,
}

/// How organizations are nested in `/hsds/organizations`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(super) struct OrganizationShapeQuery {
    /// `true`: fully nested organizations (phones, locations, services),
    /// as `/hsds/organizations/{id}`.
    #[param(value_type = Option<params::Flag>, inline)]
    full: Option<String>,
    /// `true`: fully nested organizations whose services are fully nested
    /// too.
    #[param(value_type = Option<params::Flag>, inline)]
    full_service: Option<String>,
}

/// How the services of `/hsds/organizations/{id}` are nested.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(super) struct FullServiceQuery {
    /// `true`: the organization's services fully nested; otherwise their
    /// one-to-one fields.
    #[param(value_type = Option<params::Flag>, inline)]
    full_service: Option<String>,
}

/// Nesting and place filters of `/hsds/service_at_locations`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(super) struct PlaceQuery {
    /// `true`: fully nested services at locations, as
    /// `/hsds/service_at_locations/{id}`.
    #[param(value_type = Option<params::Flag>, inline)]
    full: Option<String>,
    /// The directory knows no postcode: the documents publish none, no
    /// service has a `service_area`, and Seoul's five-digit codes have no
    /// published centroids here. So every postcode is unknown, and any
    /// value is answered 400 `invalid_parameter` rather than ignored.
    #[param(value_type = Option<params::Unserved>, inline)]
    postcode: Option<String>,
    /// Metres from the centroid of `postcode`; since no postcode is known,
    /// any value is answered 400 (use `near` and `radius_m` of
    /// `/v1/listings` for places near a point).
    #[param(value_type = Option<params::Unserved>, inline)]
    proximity: Option<String>,
}

/// Filters of `/hsds/taxonomy_terms`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(super) struct TermQuery {
    /// Only terms of this taxonomy (the directory has one).
    #[param(value_type = Option<TaxonomyId>, inline)]
    taxonomy_id: Option<String>,
    /// `true`: only top-level terms. The taxonomy is flat, so every term is.
    #[param(value_type = Option<params::Flag>, inline)]
    top_only: Option<String>,
    /// Only the children of this term. The taxonomy is flat: no term has
    /// any.
    #[param(value_type = Option<TermId>, inline)]
    parent_id: Option<String>,
}

/// The nesting of service lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum ServiceShape {
    /// One-to-one fields and the organization.
    Listed,
    /// Id, name, status and last change.
    Minimal,
    /// Everything.
    Full,
}

impl ServiceShapeQuery {
    /// Validates `minimal` and `full`, which exclude each other.
    pub(super) fn shape(&self) -> Result<ServiceShape, InvalidParameter> {
        match (flag("minimal", &self.minimal)?, flag("full", &self.full)?) {
            (true, true) => Err(InvalidParameter {
                parameter: "minimal",
                problem: ParameterProblem::ConflictsWith { other: "full" },
            }),
            (true, false) => Ok(ServiceShape::Minimal),
            (false, true) => Ok(ServiceShape::Full),
            (false, false) => Ok(ServiceShape::Listed),
        }
    }
}

/// The nesting of organizations: whether related objects are included,
/// and whether their services are full.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct OrganizationShape {
    /// Phones, locations and services.
    pub nested: bool,
    /// Services fully nested.
    pub full_services: bool,
}

impl OrganizationShapeQuery {
    /// Validates `full` and `full_service`.
    pub(super) fn shape(&self) -> Result<OrganizationShape, InvalidParameter> {
        let full_services = flag("full_service", &self.full_service)?;
        Ok(OrganizationShape {
            nested: flag("full", &self.full)? || full_services,
            full_services,
        })
    }
}

impl FullServiceQuery {
    /// Validates `full_service`.
    pub(super) fn full_services(&self) -> Result<bool, InvalidParameter> {
        flag("full_service", &self.full_service)
    }
}

impl PlaceQuery {
    /// Validates `full`; refuses `postcode` and `proximity` (see their
    /// documentation).
    pub(super) fn full(&self) -> Result<bool, InvalidParameter> {
        if let Some(raw) = given(&self.postcode) {
            return Err(unknown("postcode", raw));
        }
        if given(&self.proximity).is_some() {
            return Err(InvalidParameter {
                parameter: "proximity",
                problem: ParameterProblem::Requires { other: "postcode" },
            });
        }
        flag("full", &self.full)
    }
}

impl TermQuery {
    /// Whether any term can match: validates the taxonomy and the parent,
    /// which no term of the flat taxonomy has.
    pub(super) fn admits_terms(&self) -> Result<bool, InvalidParameter> {
        if let Some(raw) = given(&self.taxonomy_id) {
            check_taxonomy("taxonomy_id", raw)?;
        }
        // Every term is top-level: `top_only` keeps them all either way.
        flag("top_only", &self.top_only)?;
        match given(&self.parent_id) {
            Some(raw) => ids::category_of_term(raw)
                .map(|_| false)
                .ok_or_else(|| unknown("parent_id", raw)),
            None => Ok(true),
        }
    }
}
