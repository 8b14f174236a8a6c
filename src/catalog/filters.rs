//! The filters of a listing query: those with a bitmap (text, category,
//! city, district, language, opening hours) combined word by word, and
//! those tested per listing (map area, distance, verification) on the survivors only, from columns, within the grid cells of a radius
//! or a viewport when there is one.

use chrono::{DateTime, Utc};

use super::Catalog;
use super::bits::Bits;
use super::spatial::{Region, chord2, chord2_of_metres, unit};
use crate::domain::geo::{GeoPoint, distance_m};
use crate::domain::{Category, ListingFilter, OpenAt};

impl Catalog {
    /// The live slots passing the text query and every filter that has a
    /// bitmap (category, city, district, language, opening hours, application
    /// windows); `None` when a
    /// code names nothing any listing has, so nothing can match.
    pub(super) fn matching(
        &self,
        filter: &ListingFilter,
        text: Option<&super::search::TextQuery>,
        now: DateTime<Utc>,
    ) -> Option<Bits> {
        let len = self.slots.len();
        let mut matching = match text {
            Some(query) => {
                let mut found = self.text_matches(query);
                found.intersect(&self.live);
                found
            }
            None => self.live.clone(),
        };
        let columns = &self.columns;
        if let Some(wanted) = filter.category {
            let position = Category::ALL.iter().position(|c| *c == wanted)?;
            matching.intersect(columns.by_category.get(position)?);
        }
        if let Some(city) = &filter.city {
            matching.intersect(columns.by_city.get(columns.code(city)? as usize)?);
        }
        if let Some(district) = &filter.district {
            matching.intersect(columns.by_district.get(columns.code(district)? as usize)?);
        }
        if let Some(language) = &filter.language {
            matching.intersect(columns.by_language.get(language)?);
        }
        if filter.placed {
            matching.intersect(&columns.with_place);
        }
        match filter.accepting_applications {
            None => {}
            Some(true) => matching.intersect(&columns.accepting_at(now.timestamp())),
            Some(false) => matching.subtract(&columns.accepting_at(now.timestamp())),
        }
        match filter.open_at {
            None => {}
            Some(OpenAt::Now) => matching.intersect(&self.schedules.open_now(now, len)),
            Some(OpenAt::Instant(at)) => matching.intersect(&self.schedules.open_at(at, len)),
        }
        Some(matching)
    }

    /// Applies the filters tested per listing (map area, distance,
    /// verification, modification) to
    /// `matching`. With `near`, returns each survivor's distance key (the
    /// squared chord, which orders as the distance does; infinite when its
    /// location is unknown).
    pub(super) fn refine(
        &self,
        matching: &mut Bits,
        filter: &ListingFilter,
        now: DateTime<Utc>,
    ) -> Option<Vec<(u32, f64)>> {
        let per_listing = filter.bbox.is_some()
            || filter.near.is_some()
            || filter.verified_within.is_some()
            || filter.modified_after.is_some();
        if !per_listing {
            return None;
        }
        let reach = filter
            .near
            .and_then(|near| Some(Reach::around(near.point, near.radius_m?)));
        let viewport = filter
            .bbox
            .filter(|bbox| bbox.west <= bbox.east)
            .map(|bbox| Region {
                south: bbox.south,
                north: bbox.north,
                west: bbox.west,
                east: bbox.east,
            });
        let region = match (reach.as_ref().and_then(Reach::region), viewport) {
            (Some(a), Some(b)) => Some(a.overlap(b)),
            (a, b) => a.or(b),
        };
        let around = filter
            .near
            .map(|near| Around::new(near.point, near.radius_m));
        let mut kept = Bits::new(self.slots.len());
        let mut distances = filter.near.map(|_| Vec::new());
        let mut visit = |slot: u32, point: [f64; 2], unit: &[f64; 3]| {
            let at = Place { point, unit };
            if let Some(distance) =
                self.passes(slot, at, filter, reach.as_ref(), around.as_ref(), now)
            {
                kept.insert(slot);
                if let Some(distances) = distances.as_mut() {
                    distances.push((slot, distance.unwrap_or(f64::INFINITY)));
                }
            }
        };
        // Within a radius or a viewport, only the grid cells it covers.
        match region.and_then(|region| self.grid.around(region)) {
            Some(placed) => placed
                .filter(|p| matching.contains(p.slot))
                .for_each(|p| visit(p.slot, p.point, &p.unit)),
            // Without a region, read a place only when a filter needs one.
            None if filter.near.is_none() && filter.bbox.is_none() => matching
                .iter()
                .for_each(|slot| visit(slot, [f64::NAN; 2], &[f64::NAN; 3])),
            None => matching.iter().for_each(|slot| {
                let i = slot as usize;
                visit(slot, self.columns.point[i], &self.columns.unit[i]);
            }),
        }
        *matching = kept;
        distances
    }

    /// Whether `slot` passes the per-listing filters; `Some(key)` when it
    /// does (the distance key only with `near` and a known location).
    fn passes(
        &self,
        slot: u32,
        at: Place<'_>,
        filter: &ListingFilter,
        reach: Option<&Reach>,
        around: Option<&Around>,
        now: DateTime<Utc>,
    ) -> Option<Option<f64>> {
        let i = slot as usize;
        let c = &self.columns;
        let [latitude, longitude] = at.point;
        let point = GeoPoint {
            latitude,
            longitude,
        };
        if let Some(bbox) = &filter.bbox {
            if latitude.is_nan() || !bbox.contains(point) {
                return None;
            }
        }
        if filter
            .modified_after
            .is_some_and(|after| c.updated[i] < after.timestamp_micros())
        {
            return None;
        }
        if let Some(age) = filter.verified_within {
            // Dates are the publisher's, so "today" is the UTC date: a day's
            // difference at the edge is within what a date can say anyway.
            if !age.includes(c.verified[i], now.date_naive()) {
                return None;
            }
        }
        let Some(around) = around else {
            return Some(None);
        };
        if latitude.is_nan() {
            // Without a radius, a listing of unknown location still
            // matches, with no distance (last when sorted by distance).
            return around.radius.is_none().then_some(None);
        }
        if reach.is_some_and(|reach| !reach.may_contain(latitude, longitude)) {
            return None;
        }
        let key = chord2(&around.unit, at.unit);
        if around
            .radius
            .as_ref()
            .is_some_and(|radius| !radius.holds(around.point, key, point))
        {
            return None;
        }
        Some(Some(key))
    }

    /// Metres from `from` to the listing in `slot`, when its place is known.
    pub(super) fn distance(&self, slot: u32, from: GeoPoint) -> Option<f64> {
        let [latitude, longitude] = *self.columns.point.get(slot as usize)?;
        (!latitude.is_nan()).then(|| {
            distance_m(
                from,
                GeoPoint {
                    latitude,
                    longitude,
                },
            )
        })
    }
}

/// Latitude and longitude bounds that contain a circle on the sphere.
#[derive(Debug)]
pub(super) struct Reach {
    latitude: (f64, f64),
    longitude: Option<(f64, f64)>,
}

impl Reach {
    /// Degrees of latitude per metre, on the mean-radius sphere.
    const DEGREES_PER_METRE: f64 = 1.0 / 111_195.0;

    pub(super) fn around(center: GeoPoint, radius_m: f64) -> Self {
        // A little slack so that rounding never drops a listing on the edge.
        let degrees = radius_m * Self::DEGREES_PER_METRE * 1.01;
        let latitude = (center.latitude - degrees, center.latitude + degrees);
        let cos = center.latitude.to_radians().cos();
        // Near the poles or across the antimeridian, test latitude only.
        let longitude = (latitude.0 > -80.0 && latitude.1 < 80.0)
            .then(|| degrees / cos)
            .map(|span| (center.longitude - span, center.longitude + span))
            .filter(|(west, east)| *west > -180.0 && *east < 180.0);
        Reach {
            latitude,
            longitude,
        }
    }

    fn may_contain(&self, latitude: f64, longitude: f64) -> bool {
        (self.latitude.0..=self.latitude.1).contains(&latitude)
            && self
                .longitude
                .is_none_or(|(west, east)| (west..=east).contains(&longitude))
    }

    /// The bounds as a grid region, when they bound longitude too.
    pub(super) fn region(&self) -> Option<Region> {
        let (west, east) = self.longitude?;
        Some(Region {
            south: self.latitude.0,
            north: self.latitude.1,
            west,
            east,
        })
    }
}

/// Where a listing is, read from the grid or from the columns.
#[derive(Debug, Clone, Copy)]
struct Place<'a> {
    point: [f64; 2],
    unit: &'a [f64; 3],
}

/// A `near` point prepared for the listings' distance keys.
#[derive(Debug)]
pub(super) struct Around {
    pub point: GeoPoint,
    pub unit: [f64; 3],
    pub radius: Option<RadiusKeys>,
}

/// A radius as distance keys, with a margin either side within which the
/// exact distance decides, so that rounding never moves a listing across.
#[derive(Debug)]
pub(super) struct RadiusKeys {
    pub metres: f64,
    pub surely_inside: f64,
    pub surely_outside: f64,
}

impl RadiusKeys {
    /// Whether a listing at `point`, with distance key `key`, is within
    /// the radius of `from`: the keys decide, the exact distance only
    /// within their margin.
    pub(super) fn holds(&self, from: GeoPoint, key: f64, point: GeoPoint) -> bool {
        key <= self.surely_inside
            || (key <= self.surely_outside && distance_m(from, point) <= self.metres)
    }
}

impl Around {
    pub(super) fn new(point: GeoPoint, radius_m: Option<f64>) -> Self {
        Around {
            point,
            unit: unit(point.latitude, point.longitude),
            radius: radius_m.map(|metres| {
                let key = chord2_of_metres(metres);
                RadiusKeys {
                    metres,
                    surely_inside: key * (1.0 - 1e-9),
                    surely_outside: key * (1.0 + 1e-9),
                }
            }),
        }
    }
}
