//! The first page of "near me, nearest first" within a radius, without a
//! distance for every listing inside it. At a million listings a 2 km
//! radius around City Hall holds 57 000 of them; the general path
//! ([`Catalog::refine`], then a selection) keys and collects each one.
//! Here the grid's cells are visited nearest first: a listing is keyed
//! only while its cell could still hold one of the page, a cell wholly
//! inside the radius is counted by its bitmap tests alone, and only the
//! cells the circle's edge crosses test each listing's distance.

use std::cmp::Ordering;
use std::collections::BinaryHeap;

use super::Catalog;
use super::bits::Bits;
use super::filters::{Around, Reach};
use super::spatial::{Region, chord2, chord2_of_metres};
use crate::domain::ListingFilter;
use crate::domain::geo::{GeoPoint, distance_m};

/// Metres of slack on a cell's nearest and farthest distance, far beyond
/// the error of treating a 0.01° cell as flat: a bound is never too tight.
const SLACK_M: f64 = 15.0;

/// A listing that may be on the page: ordered by distance key, then by
/// its place in the id order, as the general path orders them.
#[derive(Debug, Clone, Copy)]
struct Candidate {
    key: f64,
    position: u32,
    slot: u32,
}

impl PartialEq for Candidate {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Candidate {}

impl PartialOrd for Candidate {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Candidate {
    fn cmp(&self, other: &Self) -> Ordering {
        self.key
            .total_cmp(&other.key)
            .then(self.position.cmp(&other.position))
    }
}

impl Catalog {
    /// The total and the first `wanted` slots of `matching` within the
    /// radius of `filter.near`, nearest first; `None` when the query needs
    /// the general path (a cursor, a map area, or a filter tested per
    /// listing, no radius, or a radius too wide for the grid).
    pub(super) fn nearest_first(
        &self,
        matching: &Bits,
        filter: &ListingFilter,
        wanted: usize,
    ) -> Option<(usize, Vec<u32>)> {
        let near = filter.near?;
        let radius_m = near.radius_m?;
        let general = filter.cursor.is_some()
            || filter.bbox.is_some()
            || filter.verified_within.is_some()
            || filter.modified_after.is_some();
        if general || wanted == 0 {
            return None;
        }
        let region = Reach::around(near.point, radius_m).region()?;
        let around = Around::new(near.point, Some(radius_m));
        let radius = around.radius.as_ref()?;
        let mut cells: Vec<(f64, bool, &[super::spatial::Placed])> = self
            .grid
            .cells(region)?
            .into_iter()
            .filter_map(|cell| {
                let nearest_m = distance_m(near.point, clamp(near.point, cell.region)) - SLACK_M;
                if nearest_m > radius_m {
                    return None;
                }
                let farthest_m = corners(cell.region)
                    .into_iter()
                    .map(|corner| distance_m(near.point, corner))
                    .fold(0.0, f64::max)
                    + SLACK_M;
                let nearest_key = chord2_of_metres(nearest_m.max(0.0));
                Some((nearest_key, farthest_m < radius_m, cell.placed))
            })
            .collect();
        cells.sort_by(|a, b| a.0.total_cmp(&b.0));

        let mut total = 0;
        let mut page: BinaryHeap<Candidate> = BinaryHeap::with_capacity(wanted + 1);
        for (nearest_key, inside, placed) in cells {
            // Once the page is full, a cell whose nearest point is farther
            // than its last listing only adds to the total.
            let counted_only =
                page.len() == wanted && page.peek().is_some_and(|last| nearest_key > last.key);
            for at in placed {
                if !matching.contains(at.slot) {
                    continue;
                }
                if inside && counted_only {
                    total += 1;
                    continue;
                }
                let key = chord2(&around.unit, &at.unit);
                let point = GeoPoint {
                    latitude: at.point[0],
                    longitude: at.point[1],
                };
                if !inside && !radius.holds(around.point, key, point) {
                    continue;
                }
                total += 1;
                if counted_only {
                    continue;
                }
                let candidate = Candidate {
                    key,
                    position: self.id_order.position[at.slot as usize],
                    slot: at.slot,
                };
                if page.len() < wanted {
                    page.push(candidate);
                } else if page.peek().is_some_and(|last| candidate < *last) {
                    page.pop();
                    page.push(candidate);
                }
            }
        }
        let page = page.into_sorted_vec();
        Some((total, page.into_iter().map(|c| c.slot).collect()))
    }
}

/// The point of `region` nearest to `point`, in degrees (the region is a
/// fraction of a degree: flat enough, within [`SLACK_M`]).
fn clamp(point: GeoPoint, region: Region) -> GeoPoint {
    GeoPoint {
        latitude: point.latitude.clamp(region.south, region.north),
        longitude: point.longitude.clamp(region.west, region.east),
    }
}

fn corners(region: Region) -> [GeoPoint; 4] {
    let at = |latitude, longitude| GeoPoint {
        latitude,
        longitude,
    };
    [
        at(region.south, region.west),
        at(region.south, region.east),
        at(region.north, region.west),
        at(region.north, region.east),
    ]
}
