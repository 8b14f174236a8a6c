//! The record shapes the reference's nesting parameters ask for, beyond
//! the one-to-one and fully nested records of [`super::map`].

use super::ids::{self, Kind};
use super::map::Mapper;
use super::model::{MinimalService, ServiceAtLocation};
use crate::catalog::Hit;
use crate::domain::Listing;

impl Mapper<'_> {
    /// A service as `minimal=true` lists it: nothing is formatted.
    pub fn minimal_service(&self, listing: &Listing) -> MinimalService {
        let id = listing.id.as_str();
        MinimalService {
            id: ids::of(Kind::Service, id, None),
            name: listing
                .text_for(self.labels.locale().tag())
                .map_or_else(|| id.to_owned(), |text| text.name.to_owned()),
            status: "active".into(),
            last_modified: listing.updated_at,
        }
    }

    /// The service at its location, fully nested: the location and the
    /// full service, with the service's name and status (see
    /// [`ServiceAtLocation::name`]).
    pub fn full_service_at_location(&self, hit: &Hit) -> Option<ServiceAtLocation> {
        let mut place = self.service_at_location(&hit.listing, false)?;
        let service = self.full_service(hit);
        place.name = Some(service.name.clone());
        place.status = Some(service.status.clone());
        place.service = Some(Box::new(service));
        Some(place)
    }
}
